"""The hostile-input corpus against query, validate, export, load and stats: exit code 2 and one
exact line naming the file, no traceback, no output written, nothing sent to a store."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hostile_corpus import CASES

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
