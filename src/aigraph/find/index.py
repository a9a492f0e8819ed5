"""The name and text index: one SQLite file per built graph, cached beside it.

Built from the asserted data (the bundled files and the user's), with classes from the closure:
- `entity`: each named resource with its display label (English and Chinese), identifier or
  acronym, most specific class, rank tier, every class it belongs to, and the text the full-text
  index reads (`names`, `body`);
- `name`: every name casefolded, for the exact match;
- `word`: the words of every name, for "did you mean";
- `text`: an FTS5 table over `entity(names, body)` (unicode61 words; normalize.fts_query adds the
  plural, singular and American forms of each word looked for), ranked by BM25.

The file is written next to the graph's cache entry under the same key (the hash of every input),
so it is rebuilt exactly when the graph is; without a cache it is built in memory when needed.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
from pathlib import Path

import pyoxigraph as ox

from aigraph.find.normalize import fold, spaced
from aigraph.namespaces import GRAPHS, PREFIXES, shorten

VERSION = 2  # of the file's layout; part of its name, so a new layout never reads an old file
_RDFS, _SKOS, _DCT, _AIG = PREFIXES["rdfs"], PREFIXES["skos"], PREFIXES["dcterms"], PREFIXES["aig"]
_FOAF, _ORG = PREFIXES["foaf"], PREFIXES["org"]
# (property, kind) in the order a display label is chosen
NAME_PROPERTIES = ((_RDFS + "label", "label"), (_SKOS + "prefLabel", "label"), (_FOAF + "name", "label"),
                   (_DCT + "title", "title"), (_SKOS + "altLabel", "alternative"),
                   (_SKOS + "hiddenLabel", "alternative"), (_DCT + "identifier", "identifier"),
                   (_AIG + "acronym", "acronym"))
TEXT_PROPERTIES = tuple(_RDFS + p for p in ("comment",)) + tuple(
    _SKOS + p for p in ("definition", "scopeNote", "editorialNote", "note", "example", "historyNote")) + (
    _DCT + "description", _DCT + "abstract", _AIG + "scope", _AIG + "focus", _AIG + "indicator",
    _AIG + "position", _AIG + "location", PREFIXES["dcat"] + "keyword")
# Rank tiers: the things people name (documents, organizations, people, events) come first; the
# parts of instruments next; deck sections, statistics, vocabulary and the rest last.
TIERS = {0: (_AIG + "Document", _ORG + "Organization", _FOAF + "Agent", _AIG + "Event", _AIG + "Project"),
         1: (_AIG + "Principle", _AIG + "Action", _AIG + "Capability", _AIG + "CallToAction",
             _AIG + "Target", _AIG + "StandardsSystemComponent", _ORG + "Membership")}
_DATA_GRAPHS = (GRAPHS + "data", GRAPHS + "user")
_TYPE = PREFIXES["rdf"] + "type"
_SUBCLASS = _RDFS + "subClassOf"

SCHEMA = """
CREATE TABLE entity(id INTEGER PRIMARY KEY, iri TEXT NOT NULL, label TEXT NOT NULL, label_zh TEXT,
                    code TEXT, class TEXT NOT NULL, tier INTEGER NOT NULL, types TEXT NOT NULL,
                    names TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE name(fold TEXT NOT NULL, entity INTEGER NOT NULL, PRIMARY KEY(fold, entity)) WITHOUT ROWID;
CREATE TABLE word(word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE text USING fts5(names, body, content='entity', content_rowid='id',
                                     tokenize="unicode61 remove_diacritics 2 tokenchars '+'");
"""


def file_for(key: str) -> Path:
    """Where the index of the graph cached under `key` lives."""
    from aigraph import cache

    return cache.cache_dir() / f"{key}.index-v{VERSION}.sqlite"


def open_file(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to a complete index file, or None when it is missing or unreadable."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        connection.execute("SELECT count(*) FROM entity WHERE id = 1").fetchone()
        return connection
    except sqlite3.Error:
        return None


def for_store(store: ox.Store, key: str | None) -> sqlite3.Connection:
    """The index of a built graph: the cached file when there is one, else built (and cached)."""
    if key is not None:
        path = file_for(key)
        connection = open_file(path)
        if connection is not None:
            return connection
        try:
            save(store, path)
        except OSError:
            pass
        else:
            connection = open_file(path)
            if connection is not None:
                return connection
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    fill(connection, store)
    return connection


def save(store: ox.Store, path: Path) -> None:
    """Build the index into `path` atomically (a temporary file beside it, then a rename)."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(fd)
    try:
        connection = sqlite3.connect(temp)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            fill(connection, store)
        finally:
            connection.close()
        os.replace(temp, path)
    except sqlite3.Error as error:
        raise OSError(str(error)) from None
    finally:
        Path(temp).unlink(missing_ok=True)


def fill(connection: sqlite3.Connection, store: ox.Store) -> None:
    """Create the tables and index every named resource of the store's data graphs."""
    names: dict[str, list[tuple[str, str, str | None]]] = {}  # iri -> [(kind, text, language)]
    for prop, kind in NAME_PROPERTIES:
        for subject, language, text in _rows(store, f"?s <{prop}> ?o", "?s (LANG(?o) AS ?l) ?o"):
            if text.strip():
                names.setdefault(subject, []).append((kind, text, language))
    body: dict[str, list[str]] = {}
    for prop in TEXT_PROPERTIES:
        for subject, text in _rows(store, f"?s <{prop}> ?o", "?s ?o"):
            if subject in names and text.strip():
                body.setdefault(subject, []).append(text)
    types = _types(store, names)
    described = _ClassInfo(store)

    entity_rows: list[tuple] = []
    name_rows: set[tuple[str, int]] = set()
    for number, (iri, own) in enumerate(names.items(), 1):
        label, label_zh, code = _display(own, iri)
        cls, tier, curies = described(types.get(iri, frozenset()))
        entity_rows.append((number, iri, label, label_zh, code, cls, tier, curies,
                            "\n".join(spaced(text) for text in dict.fromkeys(t for _, t, _ in own)),
                            "\n".join(spaced(text) for text in body.get(iri, ()))))
        name_rows.update((fold(text), number) for _, text, _ in own)
    vocabulary = {w for w in set(" ".join(key for key, _ in name_rows).split()) if w.isalpha() and len(w) > 2}
    connection.executescript(SCHEMA)
    with connection:
        connection.executemany("INSERT INTO entity VALUES (?,?,?,?,?,?,?,?,?,?)", entity_rows)
        connection.executemany("INSERT INTO name VALUES (?,?)", sorted(name_rows))
        connection.executemany("INSERT INTO word VALUES (?)", ((w,) for w in sorted(vocabulary)))
        connection.execute("CREATE UNIQUE INDEX entity_iri ON entity(iri)")
        connection.execute("INSERT INTO text(text) VALUES ('rebuild')")
        connection.execute("INSERT INTO text(text, rank) VALUES ('rank', 'bm25(10.0, 1.0)')")


def _rows(store: ox.Store, pattern: str, select: str, graphs=_DATA_GRAPHS) -> list[list[str]]:
    """The rows of `SELECT select WHERE { GRAPH g { pattern } }` for each data graph, without blank
    subjects: serialized as CSV by Oxigraph and split by the csv module, the fastest way out (a
    FILTER in the query costs more than skipping the rare blank node here)."""
    rows: list[list[str]] = []
    for graph in graphs:
        solutions = store.query(f"SELECT {select} WHERE {{ GRAPH <{graph}> {{ {pattern} }} }}")
        assert isinstance(solutions, ox.QuerySolutions)
        written = solutions.serialize(format=ox.QueryResultsFormat.CSV)
        assert written is not None  # no output file was given: pyoxigraph returns the bytes
        table = csv.reader(io.StringIO(written.decode()))
        next(table, None)
        rows += (row for row in table if not row[0].startswith("_:"))
    return rows


def _types(store: ox.Store, names: dict) -> dict[str, frozenset[str]]:
    """The asserted classes of each named resource (the closure's for one that has none)."""
    found: dict[str, set[str]] = {}
    for subject, cls in _rows(store, "?s a ?o", "?s ?o"):
        if subject in names:
            found.setdefault(subject, set()).add(cls)
    for subject in names.keys() - found.keys():  # typed only by inference, if at all
        node = ox.NamedNode(subject)
        found[subject] = {q.object.value for q in store.quads_for_pattern(node, ox.NamedNode(_TYPE), None)
                          if isinstance(q.object, ox.NamedNode)}
    interned: dict[frozenset, frozenset] = {}
    return {s: interned.setdefault(frozenset(t), frozenset(t)) for s, t in found.items()}


class _ClassInfo:
    """(display class, tier, every class as CURIEs) for a set of asserted classes, with their
    superclasses from the closure; remembered per set, since entities share a few sets."""

    def __init__(self, store: ox.Store):
        direct: dict[str, set[str]] = {}
        for quad in store.quads_for_pattern(None, ox.NamedNode(_SUBCLASS), None, None):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode) \
                    and quad.subject != quad.object:
                direct.setdefault(quad.subject.value, set()).add(quad.object.value)
        self.supers: dict[str, set[str]] = {}
        for cls in direct:  # the closure holds the transitive pairs; close them here anyway
            seen, todo = set(), [cls]
            while todo:
                for parent in direct.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            self.supers[cls] = seen
        self.labels: dict[str, str] = {}
        for quad in store.quads_for_pattern(None, ox.NamedNode(_RDFS + "label"), None, ox.NamedNode(GRAPHS + "ontology")):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal) \
                    and quad.object.language in ("en", None):
                self.labels.setdefault(quad.subject.value, quad.object.value)
        self.known: dict[frozenset, tuple[str, int, str]] = {}

    def __call__(self, asserted: frozenset) -> tuple[str, int, str]:
        if asserted not in self.known:
            every = set(asserted).union(*(self.supers.get(t, ()) for t in asserted))
            specific = [t for t in every if not any(t in self.supers.get(o, ()) for o in every if o != t)]
            ours = [t for t in specific if t.startswith(_AIG)] or specific
            cls = ", ".join(sorted(self.labels.get(t) or shorten(t) for t in ours)) or "resource"
            self.known[asserted] = (cls, _tier(every), " ".join(sorted(shorten(t) for t in every)))
        return self.known[asserted]


def _display(own: list[tuple[str, str, str | None]], iri: str) -> tuple[str, str | None, str | None]:
    """(English label, Chinese label, identifier or acronym) from a resource's names."""
    label = next((text for kind, text, lang in own if kind == "label" and lang in ("en", None, "")), None)
    label = label or next((text for kind, text, lang in own if kind in ("label", "title") and lang != "zh"), None)
    label_zh = next((text for kind, text, lang in own if kind == "label" and lang == "zh"), None)
    code = next((text for kind, text, _ in own if kind == "identifier"), None) \
        or next((text for kind, text, _ in own if kind == "acronym"), None)
    return label or code or label_zh or own[0][1] or shorten(iri), label_zh, code


def _tier(types: set[str]) -> int:
    for tier, classes in TIERS.items():
        if any(cls in types for cls in classes):
            return tier
    return 2
