"""Everything a person reads is escaped for where it goes (control characters out of terminal text,
formula-safe CSV); the data stays intact in JSON and RDF."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from aigraph.cli import cli
from aigraph.render.safe_text import csv_cell, terminal

LABEL = "Evil\x1b[2J\x1b]0;pwned\x07\u202eX\x9b31m"  # clear screen, window title, bidi override, C1 CSI
SHOWN = "Evil\\u001B[2J\\u001B]0;pwned\\u0007\\u202EX\\u009B31m"
FORMULA = '=HYPERLINK("http://127.0.0.1:9/","click")'


@pytest.fixture
def evil(tmp_path):
    path = tmp_path / "evil.ttl"
    path.write_text(
        "@prefix aig: <https://w3id.org/aigraph/ontology#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/aigraph/id/standard/evil> a aig:Standard ;\n"
        f'  rdfs:label "{LABEL.encode("unicode_escape").decode().replace(chr(92) + "x", chr(92) + "u00")}"@en ;\n'
        f'  dcterms:identifier "{FORMULA.replace(chr(34), chr(92) + chr(34))}" ;\n'
        "  aig:supports <https://w3id.org/aigraph/id/instrument/labeling-measures> .\n", encoding="utf-8")
    return path


def run(home, *args):
    result = CliRunner().invoke(cli, ["--home", str(home), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), "traceback"
    return result


def supporters(home, evil, fmt):
    result = run(home, "query", "supporters", "-p", "instrument=https://w3id.org/aigraph/id/instrument/labeling-measures",
                 "--data", str(evil), "--format", fmt, *(["--wide"] if fmt == "table" else []))  # unwrapped
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "tsv"])
def test_labels_reach_human_formats_escaped(home, evil, fmt):
    output = supporters(home, evil, fmt)
    assert not any(ch in output for ch in "\x1b\x07\x9b\u202e")
    assert (SHOWN.replace("\\", "\\\\") if fmt == "md" else SHOWN) in output  # Markdown doubles backslashes


def test_json_keeps_the_data_intact(home, evil):
    rows = json.loads(supporters(home, evil, "json"))["results"]["bindings"]
    assert LABEL in [row["label"]["value"] for row in rows]
    assert FORMULA in [row["identifier"]["value"] for row in rows]


def test_a_formula_is_neutralised_in_csv(home, evil):
    rows = list(csv.reader(io.StringIO(supporters(home, evil, "csv"))))
    assert ["https://w3id.org/aigraph/id/standard/evil", "'" + FORMULA, SHOWN] in rows


def test_describe_escapes_labels(home, evil):
    result = run(home, "describe", "https://w3id.org/aigraph/id/standard/evil", "--data", str(evil),
                 "--format", "table")
    assert result.exit_code == 0 and SHOWN in result.output and "\x1b" not in result.output


def test_an_error_message_never_carries_escapes(home, tmp_path):
    result = run(home, "stats", "--data", str(tmp_path / "evil\x1b]0;pwned\x07.ttl"))
    assert (result.exit_code, result.output) == (2, f"Error: {tmp_path}/evil\\u001B]0;pwned\\u0007.ttl: no such data file\n")


def test_a_newline_in_a_label_cannot_forge_a_validation_line(tmp_path):
    from aigraph.render.validation_output import line
    from aigraph.validate.violation import Violation

    forged = Violation(entity="https://w3id.org/aigraph/id/standard/x", label="X\nFAKE <https://a> ok\x1b[2J",
                       message="m", files=["f.ttl"], kind="shape", source="s")
    assert line(forged) == "X\\nFAKE <https://a> ok\\u001B[2J <https://w3id.org/aigraph/id/standard/x>: m (f.ttl)"


@pytest.mark.parametrize("cell, written", [
    ("=1+1", "'=1+1"), ("+1+1", "'+1+1"), ("-1+1", "'-1+1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\\rx"), ("-5", "-5"), ("+3.25", "+3.25"), ("-1e3", "-1e3"),
    ("a=b", "a=b"), ("line\nbreak", "line\nbreak"), ("bell\x07", "bell\\u0007"),
])
def test_csv_cells(cell, written):
    assert csv_cell(cell) == written


def test_terminal_text_keeps_ordinary_unicode():
    assert terminal("人工智能 — “quoted” é") == "人工智能 — “quoted” é"


@pytest.mark.slow
def test_validate_shows_a_hostile_label_on_its_own_line_escaped(tmp_path):
    """The bundled home, whose shapes report on a Standard with nothing but a label."""
    path = tmp_path / "forged.ttl"
    path.write_text("@prefix aig: <https://w3id.org/aigraph/ontology#> .\n"
                    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    "<https://w3id.org/aigraph/id/standard/forged> a aig:Standard ;\n"
                    '  rdfs:label "Evil\\u001B[2J\\nFAKE <https://x> conforms"@en .\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--data", str(path)])
    assert result.exit_code == 1 and "\x1b" not in result.output
    *violations, summary = result.output.splitlines()
    assert violations and summary.endswith(f": {len(violations)} violations")
    shown = "Evil\\u001B[2J\\nFAKE <https://x> conforms <https://w3id.org/aigraph/id/standard/forged> "
    assert all(line.startswith(shown) and line.endswith(f"({path})") for line in violations)
    report = json.loads(CliRunner().invoke(cli, ["validate", "--data", str(path), "--format", "json"]).output)
    assert {v["label"] for v in report["violations"]} == {"Evil\x1b[2J\nFAKE <https://x> conforms"}
