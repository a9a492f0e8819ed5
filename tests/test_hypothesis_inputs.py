"""Property tests: any Turtle input loads or fails with one line naming the file (exit 2 from the
command line), literals survive intact, and nothing a user typed or loaded reaches the terminal raw."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aigraph.api import Aigraph
from aigraph.cli import cli
from aigraph.errors import InputError
from aigraph.render.output import render

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
CONTROLS = ["\x1b[2J", "\x1b]0;t\x07", "\x1b]8;;http://x/\x1b\\", "\x9b", "\u202e", "\n", "\r", "\t", "\x00", "\x7f"]
hostile_text = st.lists(st.one_of(st.sampled_from(CONTROLS), st.text(max_size=6)), max_size=8).map("".join)
FRAGMENTS = ["@prefix ex: <http://example.org/> .\n", "ex:a ", "ex:b ", "<http://example.org/c> ", '"', '"""',
             "'", "@en", "^^", "<", ">", "[", "]", "(", ")", ";", ",", " .\n", "_:b ", "1.5e3", "true",
             "\\u001B", "\\", "#", "\n", "@base <http://example.org/> .\n", "a "]
turtle_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=25).map("".join)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def fixture_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("hypothesis") / "home"
    shutil.copytree(Path(__file__).parent / "fixtures" / "home", home)
    return home


def written(text: str, suffix: str = ".ttl") -> Path:
    with tempfile.NamedTemporaryFile("wb", suffix=suffix, delete=False) as handle:
        handle.write(text.encode("utf-8", "surrogatepass"))
    return Path(handle.name)


@SETTINGS
@given(value=hostile_text)
def test_a_literal_survives_loading_and_is_shown_safely(fixture_home, value):
    path = written(f"<http://example.org/s> <http://www.w3.org/2000/01/rdf-schema#label> {ox.Literal(value)} .\n")
    try:
        graph = Aigraph(fixture_home, [path], use_cache=False)
        table = graph.execute("SELECT ?label WHERE { <http://example.org/s> rdfs:label ?label }")
    finally:
        path.unlink()
    assert [row["label"].value for row in table.rows] == [value]
    for fmt in ("table", "md", "csv", "tsv"):
        shown = render(table, fmt)
        assert not UNSAFE.search(shown.replace("\n", "").replace("\r", "").replace("\t", "")), fmt


@SETTINGS
@given(text=turtle_text)
def test_any_turtle_loads_or_fails_on_one_line_naming_the_file(fixture_home, text):
    path = written(text)
    try:
        try:
            Aigraph(fixture_home, [path], use_cache=False).graph  # noqa: B018
        except InputError as error:
            message = str(error)
            assert message.startswith(f"{path}") and "\n" not in message and len(message) < 600
    finally:
        path.unlink()


@SETTINGS
@given(value=hostile_text)
def test_a_hostile_parameter_on_the_command_line(fixture_home, value):
    result = CliRunner().invoke(cli, ["--home", str(fixture_home), "query", "effective-after", "--format", "table",
                                      "-p", f"note={value}", "-p", "from=2025-01-01"])
    assert result.exception is None or isinstance(result.exception, SystemExit), "traceback"
    assert result.exit_code == 0, result.output
    assert not UNSAFE.search(result.output.replace("\n", ""))
    assert result.output.endswith("(2 rows)\n")
