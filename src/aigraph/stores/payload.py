"""What a load sends: the graph as N-Triples lines, written by Oxigraph, and how many there are.

A graph without blank nodes goes as it is, split at line ends when it goes in parts. One with blank
nodes is read back into triples only when it has to be split: the triples that share a blank node
go in one request (a blank node label only holds within one request), and no labels need to be
canonical, since a store gives blank nodes labels of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Payload:
    """N-Triples, one triple a line, each triple once."""

    body: bytes
    count: int

    @classmethod
    def of(cls, triples: Sequence[ox.Triple]) -> Payload:
        """The triples (each once) in N-Triples."""
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""
        assert body is not None  # no output file was given: pyoxigraph returns the bytes
        return cls(body, len(triples))

    @classmethod
    def of_ntriples(cls, body: bytes) -> Payload:
        """N-Triples as Oxigraph writes them: one triple a line (a newline in a literal is escaped)."""
        return cls(body, body.count(b"\n"))

    def may_hold_blank_nodes(self) -> bool:
        return b"_:" in self.body  # perhaps only inside a literal: then parts are made the careful way

    def parts(self, size: int) -> list[bytes]:
        """The triples in requests of about `size`, never splitting those that share a blank node."""
        if self.count <= size:
            return [self.body]
        if self.may_hold_blank_nodes():
            from aigraph.stores.store_load import chunks

            triples = [quad.triple for quad in ox.parse(self.body, format=ox.RdfFormat.N_TRIPLES)]
            return [Payload.of(part).body for part in chunks(triples, size)]
        out, start = [], 0
        step = max(1, len(self.body) // self.count * size)  # bytes in about `size` lines
        while start < len(self.body):
            end = self.body.find(b"\n", min(start + step, len(self.body)) - 1) + 1 or len(self.body)
            out.append(self.body[start:end])
            start = end
        return out
