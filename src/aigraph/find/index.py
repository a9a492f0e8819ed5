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

import contextlib
import gc
import os
import sqlite3
from collections.abc import Iterator
from itertools import chain, repeat
from operator import itemgetter
from pathlib import Path
from sys import intern
from typing import Any, cast

import pyoxigraph as ox

from aigraph.find.normalize import fold, spaced
from aigraph.namespaces import GRAPHS, PREFIXES, shorten

VERSION = 3  # of the file's layout; part of its name, so a new layout never reads an old file
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

# while filling: sorting and merging in memory (up to ~400 MB of page cache at 1M triples, freed on close)
_BUILDING = ("cache_size = -400000", "temp_store = MEMORY")
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
    write(read(store), path)


def write(found: Found, path: Path) -> None:
    """Write the index of what `read` found into `path` atomically (a temporary file, then a rename)."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(fd)
    try:
        connection = sqlite3.connect(temp, check_same_thread=False)  # _fill writes from a second thread
        try:
            for pragma in ("journal_mode = OFF", "synchronous = OFF", "locking_mode = EXCLUSIVE"):
                connection.execute(f"PRAGMA {pragma}")  # a private file, renamed only once it is whole
            with _no_collection():
                _fill(connection, found)
        finally:
            connection.close()
        os.replace(temp, path)
    except sqlite3.Error as error:
        raise OSError(str(error)) from None
    finally:
        Path(temp).unlink(missing_ok=True)


def fill(connection: sqlite3.Connection, store: ox.Store) -> None:
    """Create the tables and index every named resource of the store's data graphs (the connection
    is used from a second thread too: opened with check_same_thread=False)."""
    found = read(store)
    with _no_collection():
        _fill(connection, found)


@contextlib.contextmanager
def _no_collection():
    """The cyclic garbage collector paused: the build makes millions of tuples and lists, none in a
    cycle, and the collector would walk them again and again (6% of this build at 1M triples)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class Found:
    """What the index is made of, read from the store (which is then no longer needed); writing
    the index uses it up."""

    def __init__(self, entities: list[tuple], types: dict):
        self.entities = entities  # _prepared's, a tuple per named resource (its IRI at _IRI)
        self.types = types
        self.described: _ClassInfo | None = None  # set by read_closure


def read(store: ox.Store) -> Found:
    """Every named resource of the store's data graphs: names, texts, classes."""
    return read_closure(read_asserted(store), store)


def read_asserted(store: ox.Store) -> Found:
    """What the data graphs themselves hold: names, texts and asserted classes, and all of each
    entity's row that its classes do not decide (the store may be reasoning meanwhile: its
    closure is not read here)."""
    with _no_collection():
        names = _names(store)
        body = _body(store, names)
        return Found(_prepared(names, body), _asserted_types(store))


def read_closure(found: Found, store: ox.Store) -> Found:
    """`found` completed from the closure, once it is whole: the classes of the resources typed
    only by inference, and the class hierarchy."""
    with _no_collection():
        _add_inferred_types(store, map(itemgetter(_IRI), found.entities), found.types)
        found.described = _ClassInfo(store)
    return found


def _fill(connection: sqlite3.Connection, found: Found) -> None:
    """Make the rows and tables from what `read` found, which is used up (its parts freed early):
    the entities go into SQLite, which indexes them (without the GIL for the most part), while
    their names are folded and sorted here."""
    from concurrent.futures import ThreadPoolExecutor

    rows = _entity_rows(found)
    for pragma in _BUILDING:
        connection.execute(f"PRAGMA {pragma}")
    connection.executescript(SCHEMA)
    with ThreadPoolExecutor(1, thread_name_prefix="aigraph-index-sql") as sql:
        entities = sql.submit(_insert_entities, connection, rows)
        name_rows, vocabulary = _name_rows(rows)
        del rows
        entities.result()
    with connection:
        # each entity once per name: two of its names may fold alike
        connection.executemany("INSERT OR IGNORE INTO name VALUES (?,?)", name_rows)
        connection.executemany("INSERT INTO word VALUES (?)", ((w,) for w in sorted(vocabulary)))


_IRI = 3  # where a _prepared tuple holds the IRI


def _prepared(names: dict, body: dict) -> list[tuple]:
    """Per named resource: (length and spaces of its names spelled out, label, IRI, Chinese label,
    code, its names spelled out, its texts, its names one by one), `names` and `body` used up."""
    entities: list[tuple] = []
    while names:  # each entity's names freed as its tuple is made
        iri, own = names.popitem()
        label, label_zh, code = _display(own, iri)
        texts = list(dict.fromkeys([name[1] for name in own])) if len(own) > 1 else [own[0][1]]
        # `spaced` changes nothing across a line break, so it reads all of an entity's names at once
        spelled = spaced("\n".join(texts))
        entities.append((len(spelled), spelled.count(" "), label, iri, label_zh, code, spelled,
                         spaced("\n".join(body.pop(iri))) if iri in body else "", texts))
    return entities


def _entity_rows(found: Found) -> list[tuple]:
    """A row per entity, best first (see below): its rank tier, the prepared tuple, its classes."""
    (entities, found.entities), (types, found.types) = (found.entities, []), (found.types, {})
    described = found.described
    assert described is not None, "read_closure completes what read_asserted found"
    rows: list[tuple] = []
    while entities:  # each tuple freed as its row is made (the order is the sort's below)
        entity = entities.pop()
        cls, tier, curies = described(types.get(entity[_IRI]))
        rows.append((tier, *entity, cls, curies))
    # Numbered best first for name resolution: by tier, then the shortest names (the order BM25
    # gives the entities whose names all hold the words looked for), so that the first matches of a
    # name, in rowid order, are its best candidates however many there are (resolve.py).
    rows.sort()  # the IRI, fifth, is unique: the comparison never reaches the Chinese label (None)
    return rows


def _insert_entities(connection: sqlite3.Connection, rows: list[tuple]) -> None:
    """The entity table, its IRI index and the full-text index over it."""
    with connection:
        # inserted in this order, the rows are numbered 1, 2, ... (the rowid); the columns in the table's order
        connection.executemany("INSERT INTO entity(iri, label, label_zh, code, class, tier, types, names, body) "
                               "VALUES (?,?,?,?,?,?,?,?,?)", map(itemgetter(4, 3, 5, 6, 10, 0, 11, 7, 8), rows))
        connection.execute("CREATE UNIQUE INDEX entity_iri ON entity(iri)")
        connection.execute("INSERT INTO text(text) VALUES ('rebuild')")
        connection.execute("INSERT INTO text(text, rank) VALUES ('rank', 'bm25(10.0, 1.0)')")


def _name_rows(rows: list[tuple]) -> tuple[list[tuple[str, int]], set[str]]:
    """(folded name, entity number) in the name table's order, and the words of every name."""
    texts_of = list(map(itemgetter(9), rows))
    folded = list(map(fold, chain.from_iterable(texts_of)))
    owners = chain.from_iterable(map(repeat, range(1, len(rows) + 1), map(len, texts_of)))
    del texts_of
    # in the primary key's order: by name, then entity (the sort is stable)
    name_rows = sorted(zip(folded, owners, strict=True), key=itemgetter(0))
    vocabulary = {w for w in set(chain.from_iterable(map(str.split, folded))) if len(w) > 2 and w.isalpha()}
    return name_rows, vocabulary


def _quads(store: ox.Store, predicate: str, graphs=_DATA_GRAPHS) -> Iterator[Any]:
    """The quads with `predicate` in each data graph, read straight from the store's index (faster
    than any SPARQL: a query's solutions cost as much to decode, and more to turn into rows)."""
    node = ox.NamedNode(predicate)
    return chain.from_iterable(store.quads_for_pattern(None, node, None, ox.NamedNode(graph)) for graph in graphs)


def _names(store: ox.Store) -> dict[str, list[tuple[str, str, str | None]]]:
    """iri -> [(kind, text, language)] of every named resource with a name, in NAME_PROPERTIES order."""
    names: dict[str, list[tuple[str, str, str | None]]] = {}
    named, literal = ox.NamedNode, ox.Literal
    for prop, kind in NAME_PROPERTIES:
        for quad in _quads(store, prop):
            obj = quad.object
            if (text := obj.value).strip():
                language = intern(obj.language) if type(obj) is literal and obj.language else None  # shared
                if (own := names.get(iri := quad.subject.value)) is not None:  # an IRI: a blank node's id has no colon
                    own.append((kind, text, language))
                elif type(quad.subject) is named:
                    names[iri] = [(kind, text, language)]
    return names


def _body(store: ox.Store, names: dict) -> dict[str, list[str]]:
    """iri -> the texts (comments, scope, notes, ...) of each named resource, in TEXT_PROPERTIES order."""
    body: dict[str, list[str]] = {}
    for prop in TEXT_PROPERTIES:
        for quad in _quads(store, prop):
            subject, text = quad.subject.value, quad.object.value
            if subject in names and type(quad.subject) is ox.NamedNode and text.strip():
                body.setdefault(subject, []).append(text)
    return body


def _asserted_types(store: ox.Store) -> dict[str, str | frozenset[str]]:
    """The asserted classes of each resource of the data graphs: its one class, or the set of them."""
    found: dict[str, str | frozenset[str]] = {}
    rdf_type = ox.NamedNode(_TYPE)
    for graph in map(ox.NamedNode, _DATA_GRAPHS):  # class by class: most resources have one, and need no set
        query = f"SELECT DISTINCT ?class {{ GRAPH {graph} {{ ?s a ?class }} }}"
        for cls in (solution[0] for solution in cast(ox.QuerySolutions, store.query(query))):
            if not isinstance(cls, (ox.NamedNode, ox.BlankNode, ox.Literal)):
                continue
            typed: Iterator[Any] = store.quads_for_pattern(None, rdf_type, cls, graph)
            members: dict[str, str | frozenset[str]] = dict.fromkeys([q.subject.value for q in typed], cls.value)
            for subject in found.keys() & members.keys():  # a second class
                before = found[subject]
                members[subject] = (frozenset((before,)) if isinstance(before, str) else before) | {cls.value}
            found.update(members)
    return found


def _add_inferred_types(store: ox.Store, named: Iterator[str], found: dict[str, str | frozenset[str]]) -> None:
    """The closure's classes of each named resource (IRIs `named`) without an asserted one, added to `found`."""
    for subject in [iri for iri in named if iri not in found]:  # typed only by inference, if at all
        node = ox.NamedNode(subject)
        inferred = frozenset(q.object.value for q in store.quads_for_pattern(node, ox.NamedNode(_TYPE), None)
                             if isinstance(q.object, ox.NamedNode))
        found[subject] = next(iter(inferred)) if len(inferred) == 1 else inferred


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
        self.known: dict[str | frozenset[str] | None, tuple[str, int, str]] = {}

    def __call__(self, classes: str | frozenset[str] | None) -> tuple[str, int, str]:
        """The description of a resource's asserted classes: one, a set of them, or None."""
        if classes not in self.known:
            asserted = frozenset((classes,)) if isinstance(classes, str) else classes or frozenset()
            every = set(asserted).union(*(self.supers.get(t, ()) for t in asserted))
            specific = [t for t in every if not any(t in self.supers.get(o, ()) for o in every if o != t)]
            ours = [t for t in specific if t.startswith(_AIG)] or specific
            cls = ", ".join(sorted(self.labels.get(t) or shorten(t) for t in ours)) or "resource"
            self.known[classes] = (cls, _tier(every), " ".join(sorted(shorten(t) for t in every)))
        return self.known[classes]


def _display(own: list[tuple[str, str, str | None]], iri: str) -> tuple[str, str | None, str | None]:
    """(English label, Chinese label, identifier or acronym) from a resource's names: the first
    English (or untagged) label, else the first label or title not in Chinese; the first Chinese
    label; the first identifier, else the first acronym."""
    label = fallback = label_zh = identifier = acronym = None
    for kind, text, language in own:
        if kind == "label":
            if language == "zh":
                label_zh = label_zh or text
            elif language in ("en", None, ""):
                label = label or text
            fallback = fallback or (text if language != "zh" else None)
        elif kind == "title":
            fallback = fallback or (text if language != "zh" else None)
        elif kind == "identifier":
            identifier = identifier or text
        elif kind == "acronym":
            acronym = acronym or text
    code = identifier or acronym
    return label or fallback or code or label_zh or own[0][1] or shorten(iri), label_zh, code


def _tier(types: set[str]) -> int:
    for tier, classes in TIERS.items():
        if any(cls in types for cls in classes):
            return tier
    return 2
