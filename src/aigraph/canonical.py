"""Canonical blank-node labels (RDFC-1.0), within a bound on the work.

RDFC-1.0 tells most blank nodes apart by the triples around them (their first-degree hash). Those
that look alike — the members of a list of equal literals, say — need its N-degree hash, which
explores every path through their blank-node neighbourhood: a 1,000-item list of equal literals
takes a minute, and a larger one far longer. So the work is estimated first (each look-alike blank
node costs the size of the connected blank-node component it sits in), and past LIMIT the export
stops with a one-line error instead of running on. AIGRAPH_CANONICAL_LIMIT raises (or lowers) it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence

import pyoxigraph as ox

from aigraph.errors import AigraphError

LIMIT = 20_000  # about half a second of RDFC-1.0 on look-alike nodes (a list of ~140 equal items)
ENVIRONMENT = "AIGRAPH_CANONICAL_LIMIT"


def limit() -> int:
    """LIMIT, or the number in AIGRAPH_CANONICAL_LIMIT."""
    text = os.environ.get(ENVIRONMENT, "").strip()
    if not text:
        return LIMIT
    if not text.isdigit():
        raise AigraphError(f"{ENVIRONMENT}={text[:40]!r}: expected a whole number of steps")
    return int(text)


def has_blank_nodes(quads: Sequence[ox.Quad]) -> bool:
    blank = ox.BlankNode
    return any(type(q.subject) is blank or type(q.object) is blank or type(q.graph_name) is blank
               for q in quads)


def canonicalized(quads: Sequence[ox.Quad], steps: int | None = None, where: str = "export") -> list[ox.Quad]:
    """The quads with their blank nodes labelled by RDFC-1.0 (unchanged when there are none); an
    AigraphError when that would take more than `steps` (default: limit()) units of work."""
    if not has_blank_nodes(quads):
        return list(quads)
    bound = limit() if steps is None else steps
    alike, work = estimate(quads)
    if work > bound:
        raise AigraphError(f"{where}: {alike:,} blank nodes look alike (such as the members of a list of "
                           f"equal values); labelling them canonically (RDFC-1.0) would take {work:,} steps, "
                           f"over the limit of {bound:,}; set {ENVIRONMENT} higher to wait for it")
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return list(dataset)


def estimate(quads: Sequence[ox.Quad]) -> tuple[int, int]:
    """(Blank nodes that share their first-degree hash with another, the N-degree work they need.)"""
    mentions: dict[ox.BlankNode, list[ox.Quad]] = {}
    parent: dict[ox.BlankNode, ox.BlankNode] = {}

    def root(node: ox.BlankNode) -> ox.BlankNode:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for quad in quads:
        blanks = [t for t in (quad.subject, quad.object, quad.graph_name) if type(t) is ox.BlankNode]
        for node in blanks:
            mentions.setdefault(node, []).append(quad)
        for other in blanks[1:]:
            parent[root(other)] = root(blanks[0])
    signature = {node: tuple(sorted(_shape(quad, node) for quad in around)) for node, around in mentions.items()}
    shared = Counter(signature.values())
    alike = [node for node, sig in signature.items() if shared[sig] > 1]
    sizes = Counter(root(node) for node in mentions)
    return len(alike), sum(sizes[root(node)] for node in alike)


def _shape(quad: ox.Quad, node: ox.BlankNode) -> tuple[str, ...]:
    """The quad as RDFC-1.0's first-degree hash sees it from `node`: itself _:a, other blank nodes _:z."""
    return tuple("_:a" if term == node else "_:z" if type(term) is ox.BlankNode else str(term)
                 for term in (quad.subject, quad.predicate, quad.object, quad.graph_name))
