"""From the name a person types to one entity, through the index, in this order:

1. an IRI or a CURIE with a project prefix — one the graph does not hold is an error;
2. an exact casefolded name: label, alternative label, title, identifier, acronym, Chinese label;
3. a normalized name: spacing, hyphens and slashes, "GB45438" and "GB 45438", British and American
   spelling, "AI" and "Artificial Intelligence", plural endings, small words;
4. every word of the text among an entity's names, in any order; then the last word as a beginning;
5. typos: each unknown word replaced by its nearest words in the names ("Adminstration").

At each stage the things people name (documents, organizations, people, events) outrank the parts
of instruments, which outrank deck sections, statistics and vocabulary concepts; a parameter with a
declared class considers only that class's members. Among several matches the one whose name adds
nothing to another's wins ("SAC/TC28/SC42" over its working groups). One clear winner resolves;
otherwise NotResolved lists at most eight candidates, best first.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from typing import NamedTuple

import pyoxigraph as ox

from aigraph.errors import AigraphError, ListingError
from aigraph.find.normalize import EmptyQuery, fold, fts_query, key_words
from aigraph.namespaces import expand_curie, shorten

SHOWN = 8  # candidates an error lists
LONGEST = 500  # characters: a longer text is only ever compared whole
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_POOL = 200  # entities a word stage looks at, best ranked first
_COLUMNS = "e.id, e.iri, e.label, e.label_zh, e.code, e.class, e.tier, e.types, e.names"


class Match(NamedTuple):
    """What a name resolved to: the IRI, how it reads, its class, and which stage found it."""

    iri: str
    label: str | None = None
    code: str | None = None
    cls: str | None = None
    how: str = "iri"  # iri, exact, normalized, words, prefix, fuzzy (or sparql on an endpoint)
    text: str = ""  # what was typed

    @property
    def curie(self) -> str:
        return shorten(self.iri)

    @property
    def node(self) -> ox.NamedNode:
        return ox.NamedNode(self.iri)

    @property
    def value(self) -> str:
        """The IRI (as on a pyoxigraph NamedNode)."""
        return self.iri

    def summary(self) -> str:
        """One line for a person: "CAC, Cyberspace Administration of China (authority)"."""
        label = self.label or self.curie
        name = label if not self.code or label.startswith(self.code) else f"{self.code}, {label}"
        return f"{name} ({self.cls})" if self.cls else name


class NotResolved(ListingError):
    """No entity, or no single one, goes by the name; `candidates` holds the best few, ranked."""

    def __init__(self, message: str, candidates: Sequence[Match] = (), total: int = 0):
        self.candidates = list(candidates)
        self.total = total
        lines = [message] + [f"  {m.curie}  {m.summary()}" for m in self.candidates]
        if total > len(self.candidates):
            lines.append(f"  ({len(self.candidates)} of {total} shown)")
        super().__init__("\n".join(lines))


class _Candidate(NamedTuple):
    row: tuple
    stage: str
    words: frozenset = frozenset()
    extra: int = 0
    rank: int = 0

    @property
    def tier(self) -> int:
        return self.row[6]

    def match(self, text: str, how: str | None = None) -> Match:
        return Match(self.row[1], self.row[2], self.row[4], self.row[5], how or self.stage, text)


class Resolver:
    """Name resolution over one index (a SQLite connection) and the graph's store."""

    def __init__(self, connection: sqlite3.Connection, store: ox.Store | None = None):
        self.db = connection
        self.store = store

    def resolve(self, value: str, cls: str | None = None, what: str = "entity") -> Match:
        """The one entity `value` names (see the module's docstring); NotResolved otherwise."""
        text = value.strip()
        shown = _show(value)
        if not text:
            raise NotResolved(f"{what}: give a name, an identifier, an IRI or a CURIE")
        iri = expand_curie(text) or (text if _SCHEME.match(text) and " " not in text else None)
        if iri is not None:
            return self._by_iri(iri, value, what)
        member = _member_test(cls)
        kind = f" among {cls} members" if cls else ""

        exact = [c for c in self._exact(text) if member(c.row)]
        if exact:
            winner = _decide(exact)
            if winner is not None and winner.tier == 0:
                return winner.match(text)
            worded = [c for c in self._worded(text, prefix=False) if member(c.row)]
            if winner is not None and not any(c.tier < winner.tier for c in worded):
                return winner.match(text)  # nothing that outranks it has the words either
            raise self._ambiguous(f"{what}: {shown}", kind, exact + worded, text)
        if len(text) > LONGEST:
            raise NotResolved(f"{what}: nothing{kind} is named {shown}")
        for prefix in (False, True):
            found = [c for c in self._worded(text, prefix) if member(c.row)]
            if found:
                normalized = [c for c in found if c.stage == "normalized"]
                winner = _decide(normalized) if normalized else _decide(found)
                if winner is not None:
                    return winner.match(text)
                raise self._ambiguous(f"{what}: {shown}", kind, found, text)
        fixes = self._corrections(text)
        fuzzy = [c for c in self._worded(text, prefix=False, replace=fixes) if member(c.row)] if fixes else []
        if fuzzy:
            winner = _decide(fuzzy)
            if winner is not None:
                return winner.match(text, "fuzzy")
        message = f"{what}: nothing{kind} is named {shown}"
        if cls:  # the name is known, but not as one of the class's members
            others = _ranked(self._exact(text) or self._worded(text, prefix=True))
            if others:
                message += f"; outside {cls}:"
                raise NotResolved(message, [c.match(text) for c in others[:SHOWN]], len(others))
        ranked = _ranked(fuzzy or [c for c in self._any_word(text, fixes) if member(c.row)])
        if ranked:
            message += "; did you mean:"
        raise NotResolved(message, [c.match(text) for c in ranked[:SHOWN]], len(ranked))

    def _by_iri(self, iri: str, value: str, what: str) -> Match:
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            raise AigraphError(f"{what}: {_show(value)} is not a valid IRI") from None
        row = self.db.execute(f"SELECT {_COLUMNS} FROM entity e WHERE e.iri = ?", (iri,)).fetchone()
        if row is not None:
            return _Candidate(row, "iri").match(value.strip())
        if self.store is not None and not _in_store(self.store, node):
            raise NotResolved(f"{what}: the graph holds nothing about {shorten(iri)}")
        return Match(iri, text=value.strip())

    def _exact(self, text: str) -> list[_Candidate]:
        rows = self.db.execute(f"SELECT DISTINCT {_COLUMNS} FROM name n JOIN entity e ON e.id = n.entity "
                               "WHERE n.fold = ?", (fold(text),)).fetchall()
        return [_Candidate(row, "exact") for row in rows]

    def _worded(self, text: str, prefix: bool, replace: dict | None = None) -> list[_Candidate]:
        try:
            query = fts_query(text, prefix, replace)
        except EmptyQuery:
            return []
        rows = self._fts("{names} : (" + query + ")")
        wanted = set(key_words(text)) if not replace else None
        whole = " ".join(key_words(text))
        out = []
        for rank, row in enumerate(rows):
            best = None
            for name in row[8].split("\n"):
                words = key_words(name)
                if wanted is None or wanted <= set(words):
                    extra = len(set(words) - (wanted or set()))
                    if best is None or extra < best[1]:
                        best = (frozenset(words), extra, " ".join(words) == whole)
            if best is None:  # the words are spread over several names, or stem differently
                best = (frozenset(key_words(row[8])), 99, False)
            stage = "normalized" if best[2] else ("fuzzy" if replace else "prefix" if prefix else "words")
            out.append(_Candidate(row, stage, best[0], best[1], rank))
        return out

    def _fts(self, query: str, every_word: bool = True) -> list[tuple]:
        """The entities whose names match the query, at most _POOL, best first. For every word, the
        first matches in rowid order: the index numbers entities by tier and then shortest names
        first, the order BM25 would give them, without BM25's whole-index phrase statistics ("artificial
        intelligence": ~0.2 s at 1M triples). For any of the words (the suggestions), BM25 ranks."""
        try:
            if every_word:
                return self.db.execute(f"SELECT {_COLUMNS} FROM text JOIN entity e ON e.id = text.rowid "
                                       f"WHERE text MATCH ? LIMIT {_POOL}", (query,)).fetchall()
            return self.db.execute(
                f"SELECT {_COLUMNS} FROM (SELECT rowid, rank FROM text WHERE text MATCH ? ORDER BY rank "
                f"LIMIT {_POOL}) AS hit JOIN entity e ON e.id = hit.rowid ORDER BY hit.rank", (query,)).fetchall()
        except sqlite3.OperationalError:
            return []

    def _corrections(self, text: str) -> dict[str, list[str]]:
        """Each word of the text that no name uses, with the nearest words names do use."""
        import difflib  # only for a name no earlier stage found

        fixes = {}
        for word in {fold(w) for w in text.split()}:
            if not word.isalpha() or len(word) < 3:
                continue
            if self.db.execute("SELECT 1 FROM word WHERE word = ?", (word,)).fetchone():
                continue
            near = [w for (w,) in self.db.execute("SELECT word FROM word WHERE length(word) BETWEEN ? AND ?",
                                                  (len(word) - 2, len(word) + 2))]
            cutoff = 0.75 if len(word) <= 5 else 0.8
            close = difflib.get_close_matches(word, near, n=3, cutoff=cutoff)
            if close:
                fixes[word] = close
        return fixes

    def _any_word(self, text: str, fixes: dict) -> list[_Candidate]:
        """Entities whose names share any word with the text: the suggestions for "did you mean"."""
        telling = " ".join(w for w in text.split() if len(w) > 2 or not w.isascii())
        try:
            query = fts_query(telling, False, fixes).replace(" AND ", " OR ")
        except EmptyQuery:
            return []
        return [_Candidate(row, "words", frozenset(), 50, rank)
                for rank, row in enumerate(self._fts("{names} : (" + query + ")", every_word=False)[:50])]

    def _ambiguous(self, shown: str, kind: str, candidates: list[_Candidate], text: str) -> NotResolved:
        ranked = _ranked(candidates)
        return NotResolved(f"{shown} is ambiguous{kind}; it names {len(ranked)} entities, the best first:",
                           [c.match(text) for c in ranked[:SHOWN]], len(ranked))


def _decide(candidates: list[_Candidate]) -> _Candidate | None:
    """The clear winner: the only one of the best tier, or the only one whose name adds nothing to
    the others' (among the best tier); None when there is no such one."""
    unique = {c.row[0]: c for c in candidates}
    best_tier = min(c.tier for c in unique.values())
    top = [c for c in unique.values() if c.tier == best_tier]
    if len(top) == 1:
        return top[0]
    plain = [c for c in top if not any(d.words < c.words for d in top if d is not c)]
    return plain[0] if len(plain) == 1 else None


_STAGES = {"iri": 0, "exact": 1, "normalized": 2, "words": 3, "prefix": 4, "fuzzy": 5}


def _ranked(candidates: list[_Candidate]) -> list[_Candidate]:
    """Each entity once, best first: tier, stage, fewest extra words, full-text rank."""
    best: dict[int, _Candidate] = {}
    for c in candidates:
        keep = best.get(c.row[0])
        if keep is None or _order(c) < _order(keep):
            best[c.row[0]] = c
    return sorted(best.values(), key=_order)


def _order(c: _Candidate):
    return (c.tier, _STAGES.get(c.stage, 9), c.extra, c.rank, c.row[2])


def _member_test(cls: str | None):
    if not cls:
        return lambda row: True
    wanted = f" {shorten(expand_curie(cls) or cls)} "
    return lambda row: wanted in f" {row[7]} "


def _in_store(store: ox.Store, node: ox.NamedNode) -> bool:
    for pattern in ((node, None, None), (None, None, node), (None, node, None)):
        for _ in store.quads_for_pattern(*pattern):
            return True
    return False


def _show(value: str, limit: int = 60) -> str:
    """A value quoted on one line, shortened so a hostile megabyte never floods the terminal."""
    flat = repr(value[:limit])
    return flat + ("..." if len(value) > limit else "")
