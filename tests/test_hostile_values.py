"""Hostile parameter values never change the shape of a query, and never cause a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aigraph.api import Aigraph
from aigraph.cli import cli
from aigraph.errors import AigraphError

NASTY = ['"', "'", ">", "}", "#", "\n", '"} SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } #',
         "\\", "\"\"\"", "?note", "UNDEF", ") (", "\x00", "\u2028"]
hostile = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), max_size=12).map("".join)


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    import shutil
    from pathlib import Path

    home = tmp_path_factory.mktemp("hostile") / "home"
    shutil.copytree(Path(__file__).parent / "fixtures" / "home", home)
    return Aigraph(home)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=hostile)
def test_a_string_value_comes_back_unchanged_in_every_row(graph, value):
    table = graph.run("effective-after", {"note": value, "from": "2025-01-01"})
    assert table.variables == ["identifier", "effective", "note"]
    assert [row["identifier"].value for row in table.rows] == ["GB 45438-2025", "GB/T 45654-2025"]
    assert all(row["note"].value == value for row in table.rows)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=hostile)
def test_an_iri_value_is_resolved_or_refused_with_a_message(graph, value):
    try:
        term = graph.resolve(value)
    except AigraphError as error:  # one line, then at most 8 candidates and a count, indented
        first, *candidates = str(error).split("\n")
        assert first and len(candidates) <= 9 and all(line.startswith("  ") for line in candidates)
        assert not any(char in str(error) for char in "\r\x00\u2028")
    else:
        table = graph.run("supporters", {"instrument": term.value})
        assert table.variables == ["standard", "identifier", "label"]


def test_a_megabyte_value_is_handled_and_not_echoed_in_full(home):
    huge = "x" * 1_000_000
    result = CliRunner().invoke(cli, ["--home", str(home), "query", "supporters", "-p", f"instrument={huge}"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert len(result.output) < 300 and result.output.count("\n") == 1
    rows = Aigraph(home).run("effective-after", {"note": huge}).rows
    assert len(rows) == 2 and rows[0]["note"].value == huge


@pytest.mark.parametrize("value", ["2025-01-01\" } SERVICE", "2025-13-01", "99999", "2025-01-01T00:00"])
def test_a_hostile_date_is_refused(home, value):
    result = CliRunner().invoke(cli, ["--home", str(home), "query", "effective-after", "-p", f"from={value}"])
    assert result.exit_code == 1 and "is not an ISO date" in result.output
