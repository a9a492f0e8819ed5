"""The stored-query catalog: every query parses, is documented, is portable SPARQL 1.1, answers with
its deck sources, and the README's catalog is the output of `aigraph queries --format md`.

Run with AIGRAPH_UPDATE_README=1 to rewrite the README's catalog block.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from helpers import replace_block
from rdflib.plugins.sparql import prepareQuery

from aigraph.cache import cache_dir
from aigraph.cli import cli
from aigraph.namespaces import expand_curie
from aigraph.queries import catalog

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
README = ROOT / "README.md"
NAMES = catalog.names(QUERIES)

# The queries issue 5 asks for, with the names of their parameters.
REQUIRED = {
    "standards-supporting-instrument": {"instrument"},
    "issuers-of-instrument": {"instrument"},
    "instruments-issued-by": {"authority"},
    "legal-basis": {"instrument"},
    "standards-by-committee": {"committee"},
    "committee-profile": {"committee"},
    "working-groups": {"committee"},
    "mandatory-standards": set(),
    "timeline": {"from", "to"},
    "in-force-on": {"date"},
    "standards-in-development": {"committee"},
    "international-standards-led-by-china": set(),
    "mirror-committees": set(),
    "document-lineage": {"document"},
    "sources-of": {"entity"},
    "authorities": set(),
    "committee-statistics": {"committee"},
    "standards-bodies": {"type"},
}

# SPARQL 1.1 built-in functions and the keywords that may stand before "(".
_SPARQL_WORDS = {
    # functions (SPARQL 1.1 section 17.4) and aggregates (section 18.5)
    "STR", "LANG", "LANGMATCHES", "DATATYPE", "BOUND", "IRI", "URI", "BNODE", "RAND", "ABS",
    "CEIL", "FLOOR", "ROUND", "CONCAT", "STRLEN", "UCASE", "LCASE", "ENCODE_FOR_URI", "CONTAINS",
    "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER", "YEAR", "MONTH", "DAY", "HOURS", "MINUTES",
    "SECONDS", "TIMEZONE", "TZ", "NOW", "UUID", "STRUUID", "MD5", "SHA1", "SHA256", "SHA384",
    "SHA512", "COALESCE", "IF", "STRLANG", "STRDT", "SAMETERM", "ISIRI", "ISURI", "ISBLANK",
    "ISLITERAL", "ISNUMERIC", "REGEX", "SUBSTR", "REPLACE", "EXISTS", "COUNT", "SUM", "MIN", "MAX",
    "AVG", "SAMPLE", "GROUP_CONCAT",
    # keywords followed by a parenthesis
    "FILTER", "BIND", "VALUES", "BY", "IN", "AS", "ASC", "DESC", "HAVING", "SELECT", "DISTINCT",
    "WHERE", "UNION",
}
# The casts SPARQL 1.1 requires (section 17.5), with the xsd: prefix every query declares.
_XSD_CASTS = {f"xsd:{name}" for name in ("boolean", "double", "float", "decimal", "integer",
                                          "dateTime", "string")}
_STRIP = re.compile(r'#[^\n]*|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>')


def _ontology_classes() -> set[str]:
    store = ox.Store()
    for path in sorted((ROOT / "ontology").rglob("*.ttl")):
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return {row["c"].value for row in store.query(
        "SELECT ?c WHERE { ?c a <http://www.w3.org/2002/07/owl#Class> }")}


@pytest.fixture(scope="module")
def ontology_classes() -> set[str]:
    return _ontology_classes()


def test_the_catalog_holds_every_required_query_with_its_parameters():
    stored = {q.name: {p.name for p in q.params} for q in catalog.load_all(QUERIES)}
    missing = sorted(set(REQUIRED) - set(stored))
    assert not missing, f"missing stored queries: {missing}"
    for name, params in REQUIRED.items():
        assert stored[name] == params, name


@pytest.mark.parametrize("name", NAMES)
def test_the_query_parses_and_is_documented(name, ontology_classes):
    query = catalog.load(QUERIES, name)  # metadata and SPARQL syntax (no predeclared prefixes)
    assert query.summary and len(query.summary) <= 100
    assert len(query.description) >= 80, "the description should say what the rows mean"
    assert query.tags
    for param in query.params:
        assert param.doc and param.doc[0].isupper(), param.name
        if param.type == "iri" and not param.doc.startswith("Any entity"):
            assert param.cls, f"iri parameter {param.name} needs a class: to look names up in"
        if param.cls:
            assert param.type == "iri" and expand_curie(param.cls) in ontology_classes, param.cls


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_the_query_is_standard_sparql_with_its_own_prefixes(name):
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    parsed = prepareQuery(text)  # a second engine, no prefixes given: all must be declared
    projected = {str(v) for v in parsed.algebra["PV"]}
    assert "source" in projected, "every stored query returns the deck sections (?source)"
    body = _STRIP.sub(" ", text)
    called = {word.upper() for word in re.findall(r"(?<![?$\w:-])([A-Za-z_]\w*)\s*\(", body)}
    assert called <= _SPARQL_WORDS, f"non-standard function(s): {sorted(called - _SPARQL_WORDS)}"
    extensions = set(re.findall(r"([A-Za-z][\w-]*:[\w-]*)\s*\(", body)) - _XSD_CASTS
    assert not extensions, f"extension function(s): {sorted(extensions)}"
    assert "SERVICE" not in body.upper()


def catalog_markdown() -> str:
    result = CliRunner().invoke(cli, ["queries", "--format", "md"])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_readme_catalog_is_the_output_of_aigraph_queries():
    markdown = catalog_markdown()
    assert all(f"| {name} |" in markdown for name in NAMES)
    text = README.read_text(encoding="utf-8")
    expected = replace_block(text, "catalog", markdown)
    if os.environ.get("AIGRAPH_UPDATE_README"):
        README.write_text(expected, encoding="utf-8")
    assert text == expected, ("README's query catalog is stale: "
                              "AIGRAPH_UPDATE_README=1 pytest tests/test_queries_catalog.py")


def test_a_query_read_again_comes_from_the_memo_unchanged(tmp_path, monkeypatch):
    monkeypatch.setenv("AIGRAPH_CACHE", str(tmp_path))
    path = QUERIES / "standards-supporting-instrument.rq"
    parsed = catalog.parse(path)
    memo = cache_dir() / catalog.MEMO_KIND / f"{catalog._memo_key(path.read_text(encoding='utf-8'))}.json"
    assert memo.is_file()
    monkeypatch.setattr(catalog, "_metadata", lambda *args: pytest.fail("parsed the YAML again"))
    assert catalog.parse(path) == parsed


def test_a_corrupt_or_stale_memo_is_not_trusted(tmp_path, monkeypatch):
    monkeypatch.setenv("AIGRAPH_CACHE", str(tmp_path))
    path = QUERIES / "standards-supporting-instrument.rq"
    parsed = catalog.parse(path)
    memo = cache_dir() / catalog.MEMO_KIND / f"{catalog._memo_key(path.read_text(encoding='utf-8'))}.json"
    other_text = json.dumps({**json.loads(memo.read_text()), "text": "another query", "summary": "x"}).encode()
    for garbage in (b"{not json", b'{"summary": "x"}', b'{"summary": "x", "description": "", "tags": [],'
                    b' "params": [{"nom": "instrument"}]}', other_text):  # the last: a CRC shared by two texts
        memo.write_bytes(garbage)
        assert catalog.parse(path) == parsed
    changed = tmp_path / "changed.rq"
    changed.write_text(path.read_text(encoding="utf-8").replace("#+ summary: ", "#+ summary: Changed, "),
                       encoding="utf-8")
    assert catalog.parse(changed).summary.startswith("Changed, ")


def test_broken_metadata_fails_every_time(tmp_path, monkeypatch):
    monkeypatch.setenv("AIGRAPH_CACHE", str(tmp_path))
    broken = tmp_path / "broken.rq"
    broken.write_text("#+ summary: [unclosed\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(catalog.AigraphError, match="invalid #\\+ metadata"):
            catalog.parse(broken)
