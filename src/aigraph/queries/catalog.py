"""The stored queries: one `queries/NAME.rq` each, described by `#+ ` YAML lines at its top (grlc)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from aigraph.errors import AigraphError
from aigraph.queries.sparql_text import refuse_deep_nesting, uses_service, variables, where_group_start

PARAM_TYPES = ("iri", "string", "date", "integer")
_QUERY_KEYS = {"summary", "description", "tags", "params"}
_PARAM_KEYS = {"type", "doc", "required", "default", "class"}
LANG_VARIABLE = "lang"
MEMO_KIND = "queries"  # the cache folder of remembered query metadata
_CLASS = re.compile(r"[a-z][a-z0-9]*:[A-Za-z][A-Za-z0-9_]*")


class Param(NamedTuple):
    """A typed parameter, bound to the query variable of the same name."""

    name: str
    type: str
    doc: str
    required: bool = False
    default: str | None = None
    cls: str | None = None  # for iri parameters: names are looked up among this class's members


class StoredQuery(NamedTuple):
    """A SPARQL query file and its metadata."""

    name: str
    path: Path
    text: str
    summary: str
    description: str = ""
    tags: tuple[str, ...] = ()
    params: tuple[Param, ...] = ()

    @property
    def uses_lang(self) -> bool:
        """True when the query picks labels by the --lang choice (variable ?lang)."""
        return LANG_VARIABLE in variables(self.text)


def names(folder: Path) -> list[str]:
    """The stored queries' names, sorted."""
    return sorted(p.stem for p in folder.glob("*.rq"))


def load(folder: Path, name: str) -> StoredQuery:
    """One stored query by name; an unknown name suggests close matches."""
    path = folder / f"{name}.rq"
    if "/" in name or "\\" in name or not path.is_file():
        import difflib

        close = difflib.get_close_matches(name, names(folder), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `aigraph queries` lists them"
        raise AigraphError(f"unknown query {name!r}{hint}")
    return parse(path)


def load_all(folder: Path) -> list[StoredQuery]:
    """Every stored query in the folder, each checked."""
    return [parse(folder / f"{name}.rq") for name in names(folder)]


def parse(path: Path) -> StoredQuery:
    """Read a query file, check its metadata and its SPARQL syntax (remembered by content)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise AigraphError(f"{path}: cannot read ({error})") from None
    query = _recall(path, text)
    if query is not None:
        return query
    query = _query_from(path, text, _metadata(path, text))
    _check_sparql(query)
    _remember(query)
    return query


def _metadata(path: Path, text: str):
    import yaml

    header = "\n".join(line[3:] if line.startswith("#+ ") else line[2:]
                       for line in text.splitlines() if line.startswith("#+"))
    try:
        return yaml.safe_load(header) if header.strip() else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (metadata line {mark.line + 1})" if mark else ""
        raise AigraphError(f"{path}: invalid #+ metadata{where}: "
                           f"{getattr(error, 'problem', None) or error}") from None


def _memo_text(text: str) -> str:
    from aigraph import __version__

    return f"aigraph {__version__}\n{text}"


def _memo_key(text: str) -> str:
    """The name under which the checked metadata of a query text is remembered (parsing YAML costs
    a cold start 15 ms): a CRC-32, as the record holds the text it was checked from, compared in
    full (a cryptographic hash would cost the start-up the loading of hashlib)."""
    import zlib

    return f"{zlib.crc32(_memo_text(text).encode()):08x}"


def _recall(path: Path, text: str) -> StoredQuery | None:
    """The query as checked before, if its text was seen by this version; None otherwise."""
    from aigraph.cache import recall

    fields = recall(MEMO_KIND, _memo_key(text))
    if fields is None or fields.get("text") != _memo_text(text):
        return None
    try:
        return StoredQuery(path.stem, path, text, fields["summary"], fields["description"],
                           tuple(fields["tags"]), tuple(Param(**p) for p in fields["params"]))
    except (TypeError, KeyError):
        return None


def _remember(query: StoredQuery) -> None:
    from aigraph.cache import remember

    fields = {"text": _memo_text(query.text), "summary": query.summary, "description": query.description,
              "tags": list(query.tags), "params": [p._asdict() for p in query.params]}
    remember(MEMO_KIND, _memo_key(query.text), fields, keep=256)


def _query_from(path: Path, text: str, meta) -> StoredQuery:
    def fail(message: str):
        raise AigraphError(f"{path}: {message}")

    if not isinstance(meta, dict):
        fail("no #+ metadata (a `#+ summary: ...` line is required)")
    unknown = set(meta) - _QUERY_KEYS
    if unknown:
        fail(f"unknown metadata key(s): {', '.join(sorted(unknown))}")
    if not isinstance(meta.get("summary"), str) or not meta["summary"].strip():
        fail("metadata needs a `summary` string")
    tags = meta.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        fail("`tags` must be a list of strings")
    raw_params = meta.get("params") or {}
    if not isinstance(raw_params, dict):
        fail("`params` must map each parameter name to its description")
    mentioned = variables(text)
    params = []
    for name, spec in raw_params.items():
        if not isinstance(spec, dict):
            fail(f"parameter {name!r} must be a mapping with type and doc")
        unknown = set(spec) - _PARAM_KEYS
        if unknown:
            fail(f"parameter {name!r}: unknown key(s) {', '.join(sorted(unknown))}")
        if spec.get("type") not in PARAM_TYPES:
            fail(f"parameter {name!r}: type must be one of {', '.join(PARAM_TYPES)}")
        if not isinstance(spec.get("doc"), str) or not spec["doc"].strip():
            fail(f"parameter {name!r} needs a `doc` string")
        if name == LANG_VARIABLE or name not in mentioned:
            fail(f"parameter {name!r} must name a query variable other than ?{LANG_VARIABLE}")
        if not isinstance(spec.get("required", False), bool):
            fail(f"parameter {name!r}: `required` must be true or false")
        cls = spec.get("class")
        if cls is not None and (spec["type"] != "iri" or not isinstance(cls, str)
                                or not _CLASS.fullmatch(cls)):
            fail(f"parameter {name!r}: `class` must be a CURIE such as aig:Instrument, on an iri parameter")
        default = spec.get("default")
        params.append(Param(name, spec["type"], spec["doc"].strip(), spec.get("required", False),
                            None if default is None else str(default), cls))
    return StoredQuery(path.stem, path, text, meta["summary"].strip(),
                       (meta.get("description") or "").strip(), tuple(tags), tuple(params))


def _check_sparql(query: StoredQuery) -> None:
    import pyoxigraph as ox

    if uses_service(query.text):
        raise AigraphError(f"{query.path}: stored queries may not use SERVICE")
    refuse_deep_nesting(query.text, str(query.path))
    try:
        if query.params or query.uses_lang:
            where_group_start(query.text)
        ox.Store().query(query.text)
    except AigraphError as error:
        raise AigraphError(f"{query.path}: {error}") from None
    except SyntaxError as error:
        raise AigraphError(f"{query.path}: invalid SPARQL: {error}") from None
