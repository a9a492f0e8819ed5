"""The hostile-input corpus against query, validate, export, load and stats: exit code 2 and one
exact line naming the file, no traceback, no output written, nothing sent to a store."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hostile_corpus import CASES

from aigraph.build.input_limits import MAX_LITERAL, lines_within_limit
from aigraph.cli import cli

COMMANDS = {
    "query": ["query", "supporters", "-p", "instrument=CAC"],
    "validate": ["validate"],
    "export": ["export", "--format", "nt"],  # -o is added below
    "load": ["load", "--store", "http://127.0.0.1:9/store"],  # never reached: the input fails first
    "stats": ["stats"],
}


def run(home, args):
    result = CliRunner().invoke(cli, ["--home", str(home), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), "traceback"
    return result


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("name, make, message", CASES, ids=[case[0] for case in CASES])
def test_a_hostile_file_is_one_line_and_exit_2(home, tmp_path, command, name, make, message):
    path = make(tmp_path)
    args = COMMANDS[command] + ["--data", str(path)]
    output = tmp_path / "out.nt"
    if command == "export":
        args += ["-o", str(output)]
    result = run(home, args)
    assert (result.exit_code, result.output) == (2, f"Error: {path}{message}\n")
    assert not output.exists()


def test_a_hostile_file_in_the_home_itself(home, tmp_path):
    from hostile_corpus import billion_laughs, fifo

    (home / "data" / "pipe").mkdir()
    pipe = fifo(home / "data" / "pipe")
    result = run(home, ["stats"])
    assert (result.exit_code, result.output) == (2, f"Error: {pipe}: is a FIFO (named pipe), not an RDF file\n")
    pipe.unlink()
    laughs = billion_laughs(tmp_path)
    result = run(home, ["query", "supporters", "-p", "instrument=CAC", "--data", str(laughs)])
    assert result.exit_code == 2 and "document type declaration" in result.output


def test_a_latin1_query_file(home, tmp_path):
    query = tmp_path / "latin1.rq"
    query.write_bytes('SELECT * WHERE {\n ?s ?p "caf\xe9" }'.encode("latin-1"))
    result = run(home, ["sparql", "--file", str(query)])
    expected = f"Error: {query}:2: not UTF-8 text (byte 0xe9); save the file as UTF-8\n"
    assert (result.exit_code, result.output) == (2, expected)


def test_fmt_check_on_a_latin1_file(home, tmp_path):
    from hostile_corpus import latin1_turtle

    path = latin1_turtle(tmp_path)
    result = run(home, ["fmt", "--check", str(path)])
    assert (result.exit_code, result.output) == (2, f"Error: {path}:2: not UTF-8 text (byte 0xe9); save the file as UTF-8\n")


HALF = MAX_LITERAL // 2
TRIPLE = b'<http://example.org/b> <http://example.org/p> "short" .\n'


@pytest.mark.parametrize("start", [0, 1, HALF - 1, HALF, HALF + 1, 2 * HALF - 1])
def test_a_line_as_long_as_the_limit_is_seen_wherever_it_starts(tmp_path, start):
    """Files whose lines are all shorter than the limit skip the look at every literal: a line of
    MAX_LITERAL bytes (a literal over the limit is longer still) is never missed."""
    path = tmp_path / "long.nt"
    path.write_bytes(b"x" * (start - 1) + b"\n" * (start > 0) + b"y" * MAX_LITERAL + b"\n" + TRIPLE * 20_000)
    assert not lines_within_limit(path)


def test_short_lines_are_within_the_limit_however_large_the_file(tmp_path):
    path = tmp_path / "short.nt"
    path.write_bytes(TRIPLE * 60_000 + b"z" * (HALF - 2) + b"\n" + TRIPLE)
    assert path.stat().st_size > 3 * MAX_LITERAL and lines_within_limit(path)


def test_a_long_line_within_the_limit_is_read(home, tmp_path):
    """A line over MAX_LITERAL bytes whose literal is within the limit (two bytes a character):
    the literals themselves are looked at, and pass."""
    path = tmp_path / "long-line.nt"
    path.write_bytes(TRIPLE * 10 + '<http://example.org/a> <http://example.org/p> "{}" .\n'.format(
        "\u00e9" * MAX_LITERAL).encode())
    assert not lines_within_limit(path)
    result = run(home, ["stats", "--data", str(path)])
    assert result.exit_code == 0, result.output
