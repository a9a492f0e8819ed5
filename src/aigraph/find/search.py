"""Ranked full-text search over the index: names, titles, identifiers, acronyms, comments, scope,
focus, definitions and editorial notes, in English and Chinese, ranked by BM25 (names weigh ten
times the other text), weighed by the entity's tier."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import pyoxigraph as ox

from aigraph.errors import BadOption
from aigraph.find.normalize import EmptyQuery, fts_query, unspace_cjk
from aigraph.namespaces import PREFIXES, shorten

_SECTION, _DECK = "aig:DeckSection", "aig:SourceDocument"
_OPEN, _CLOSE = "\x02", "\x03"  # FTS5 snippet markers, turned into offsets
# BM25 (negative: lower is better), weighed by tier: documents, organizations, people and events
# first, then the parts of instruments, then sections, statistics and vocabulary (find/index.py)
_SCORE = "text.rank * (1.0 - 0.25 * e.tier)"


@dataclass(frozen=True)
class Hit:
    """One entity that matches: what it is, the matched text around the words, its deck section."""

    iri: str
    label: str
    cls: str
    code: str | None
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # (start, end) of each matched word in `snippet`
    section: str | None
    score: float  # BM25, higher is better

    @property
    def curie(self) -> str:
        return shorten(self.iri)

    def marked(self, left: str = "[", right: str = "]") -> str:
        """The snippet with each matched word between `left` and `right`."""
        out, last = [], 0
        for start, end in self.highlights:
            out += [self.snippet[last:start], left, self.snippet[start:end], right]
            last = end
        return "".join(out) + self.snippet[last:]


@dataclass(frozen=True)
class SearchResult:
    """The best `limit` hits, best first, and how many entities match in all."""

    text: str
    total: int
    hits: list[Hit]


def search(db: sqlite3.Connection, text: str, limit: int = 50, lang: str = "en",
           store: ox.Store | None = None) -> SearchResult:
    """Entities matching every word of `text` (see normalize.fts_query), best first; with the
    graph's `store`, each hit's deck sections."""
    if limit < 1:
        raise BadOption(f"search: the limit must be at least 1, not {limit}")
    if len(text) > 1000:
        raise BadOption(f"search: {_show(text)} is longer than 1000 characters")
    try:
        query = fts_query(text, prefix="long")
    except EmptyQuery:
        raise BadOption(f"search: {_show(text)} has no word to look for") from None
    ranked = db.execute(f"SELECT text.rowid, {_SCORE} AS score FROM text JOIN entity e ON e.id = text.rowid "
                        "WHERE text MATCH ? ORDER BY score LIMIT ?", (query, limit)).fetchall()
    if not ranked:
        return SearchResult(text, 0, [])
    total = len(ranked) if len(ranked) < limit else \
        db.execute("SELECT count(*) FROM text WHERE text MATCH ?", (query,)).fetchone()[0]
    ids = [rowid for rowid, _ in ranked]
    marks = ",".join("?" * len(ids))
    snippets = dict(db.execute(f"SELECT rowid, snippet(text, -1, char(2), char(3), '…', 16) FROM text "
                               f"WHERE text MATCH ? AND rowid IN ({marks})", (query, *ids)))
    rows = {row[0]: row for row in db.execute(
        f"SELECT id, iri, label, label_zh, code, class, types FROM entity WHERE id IN ({marks})", ids)}
    hits = []
    for rowid, rank in ranked:
        _, iri, label, label_zh, code, cls, types = rows[rowid]
        section = _sections(db, store, iri, types) if store is not None else None
        snippet, highlights = _highlights(unspace_cjk(" ".join(snippets.get(rowid, "").split())))
        hits.append(Hit(iri, (label_zh or label) if lang == "zh" else label, cls, code, snippet,
                        highlights, section, round(-rank, 3)))
    return SearchResult(text, total, hits)


def _sections(db: sqlite3.Connection, store: ox.Store, iri: str, types: str) -> str | None:
    """The deck sections an entity cites, " | " between them: a section cites itself, and what
    cites the whole deck gets the deck's own sections."""
    if _SECTION in types.split():
        return None
    def kind(source: str) -> tuple[str | None, list[str]]:
        row = db.execute("SELECT label, types FROM entity WHERE iri = ?", (source,)).fetchone()
        return (row[0], row[1].split()) if row else (None, [])

    headings: set[str] = set()
    for source in _sources(store, iri):
        label, types_of = kind(source)
        if _SECTION in types_of and label:
            headings.add(label)
        elif _DECK in types_of:  # the deck as a whole: its own sections
            headings.update(label for label, inner in map(kind, _sources(store, source)) if _SECTION in inner and label)
    return " | ".join(sorted(headings)) or None


def _sources(store: ox.Store, iri: str) -> list[str]:
    quads = store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(PREFIXES["dcterms"] + "source"), None)
    return sorted({q.object.value for q in quads if isinstance(q.object, ox.NamedNode)})


def _highlights(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    out, spans, start = [], [], None
    length = 0
    for char in marked:
        if char == _OPEN:
            start = length
        elif char == _CLOSE and start is not None:
            spans.append((start, length))
            start = None
        else:
            out.append(char)
            length += 1
    return "".join(out), tuple(spans)


def _show(value: str, limit: int = 60) -> str:
    flat = repr(value[:limit])
    return flat + ("..." if len(value) > limit else "")
