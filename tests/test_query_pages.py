"""`aigraph query NAME --limit N --offset M`: pages of a stored query's answer, in its order, that
put together give the whole answer, locally and on a real Oxigraph server."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from aigraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
PAGED = [("standards", []), ("timeline", ["-p", "from=2020-01-01", "-p", "to=2026-12-31"]),
         ("issuers-of-instrument", ["-p", "instrument=aigd:instrument/ai-content-labeling-measures"])]


def invoke(*args, home: Path = ROOT):
    return CliRunner().invoke(cli, ["--home", str(home), *args])


def rows(*args) -> list[str]:
    result = invoke("query", *args, "--format", "csv", "--no-notes")
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def paged_through(name: str, params: list[str], size: int, *where: str) -> list[str]:
    """Every page of `size` rows, one after another, each with its header once."""
    pages, offset = [], 0
    while True:
        page = rows(name, *params, *where, "--limit", str(size), "--offset", str(offset))
        pages += page[1:] if pages else page
        if len(page) - 1 < size:
            return pages
        offset += size


@pytest.mark.parametrize(("name", "params"), PAGED, ids=[name for name, _ in PAGED])
def test_pages_put_together_are_the_whole_answer(name, params):
    whole = rows(name, *params)
    assert len(whole) > 3  # more than one page of 2
    assert paged_through(name, params, 2) == whole
    assert rows(name, *params, "--limit", "1", "--offset", str(len(whole))) == whole[:1]  # past the end: no row


def test_pages_on_an_oxigraph_server_are_the_local_pages(oxigraph):
    loaded = invoke("load", "--store", f"{oxigraph.base}/store")
    assert loaded.exit_code == 0, loaded.output
    endpoint = ["--endpoint", f"{oxigraph.base}/query"]
    for name, params in PAGED:
        there = rows(name, *params, *endpoint, "--limit", "3", "--offset", "1")
        assert there == rows(name, *params, "--limit", "3", "--offset", "1")
        assert len(there) == 1 + min(3, len(rows(name, *params)) - 2)


def test_a_stored_query_with_a_limit_of_its_own_is_a_one_line_error(home):
    (home / "queries" / "first-three.rq").write_text(
        "#+ summary: The first three subjects\nSELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\nLIMIT 3 # enough\n")
    result = invoke("query", "first-three", "--limit", "2", home=home)
    assert (result.exit_code, result.output) == (
        1, "Error: query 'first-three': it has a LIMIT or OFFSET of its own; --limit and --offset cannot be added\n")
    assert invoke("query", "first-three", home=home).exit_code == 0


@pytest.mark.parametrize("option", [("--limit", "0"), ("--offset", "-1"), ("--limit", "two")])
def test_a_bad_page_size_is_a_usage_error(option):
    result = invoke("query", "standards", *option)
    assert result.exit_code == 2
    assert f"Invalid value for '{option[0]}'" in result.output


def test_a_name_the_endpoint_cannot_find_is_one_line_naming_the_parameter_once(oxigraph):
    assert invoke("load", "--store", f"{oxigraph.base}/store").exit_code == 0
    result = invoke("query", "issuers-of-instrument", "-p", "instrument=no such measures",
                    "--endpoint", f"{oxigraph.base}/query")
    assert (result.exit_code, result.output) == (
        1, "Error: parameter instrument: nothing is named 'no such measures' among aig:Instrument members\n")


def test_an_answer_past_the_row_cap_says_to_page_and_a_page_within_it_is_answered(monkeypatch):
    from aigraph.queries import worker

    monkeypatch.setattr(worker, "MAX_ROWS", 3)
    result = invoke("query", "standards", "--format", "csv")
    assert (result.exit_code, result.output) == (
        1, "Error: query 'standards': the answer has more than 3 rows; page through it with --limit and "
           "--offset, or raise --max-rows\n")
    assert len(rows("standards", "--limit", "3", "--offset", "3")) == 1 + 3


def test_max_rows_sets_the_cap_for_one_command():
    whole = rows("standards")
    assert len(whole) > 1 + 5
    assert rows("standards", "--max-rows", str(len(whole) - 1)) == whole  # exactly the answer's rows
    result = invoke("query", "standards", "--format", "csv", "--max-rows", "5")
    assert (result.exit_code, result.output) == (
        1, "Error: query 'standards': the answer has more than 5 rows; page through it with --limit and "
           "--offset, or raise --max-rows\n")
    result = invoke("sparql", "--format", "csv", "--max-rows", "2", "SELECT ?s WHERE { ?s ?p ?o }")
    assert result.exit_code == 1 and "more than 2 rows; add LIMIT and OFFSET, or raise --max-rows" in result.output
    for bad in ("0", "-3", "many"):
        result = invoke("query", "standards", "--max-rows", bad)
        assert result.exit_code == 2 and "--max-rows" in result.output
