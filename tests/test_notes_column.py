"""Stored queries show the editorial notes on their rows' entities in a `notes` column."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from aigraph.cli import cli

NOTE = "Release year only; the deck gives no day."


def rows(home, *args):
    result = CliRunner().invoke(cli, ["--home", str(home), "query", *args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def noted(tmp_path):
    extra = tmp_path / "notes.ttl"
    extra.write_text("<https://w3id.org/aigraph/id/standard/gb-t-45654-2025> "
                     f'<http://www.w3.org/2004/02/skos/core#editorialNote> "{NOTE}" .\n')
    return str(extra)


def test_rows_whose_entities_carry_notes_show_them(home, tmp_path):
    # effective-after returns identifiers only; supporters returns the standard's IRI
    found = rows(home, "supporters", "-p", "instrument=aigd:instrument/labeling-measures", "--data", noted(tmp_path))
    assert "notes" not in found[0]  # GB 45438-2025 has no note: no column at all
    everything = rows(home, "effective-after", "--data", noted(tmp_path))
    assert "notes" not in everything[0]  # no IRI in its rows to carry a note


def test_the_notes_column_names_the_doubt(home, tmp_path):
    extra = tmp_path / "more.ttl"
    extra.write_text("<https://w3id.org/aigraph/id/standard/gb-45438-2025> "
                     f'<http://www.w3.org/2004/02/skos/core#editorialNote> "{NOTE}" .\n')
    found = rows(home, "supporters", "-p", "instrument=aigd:instrument/labeling-measures", "--data", str(extra))
    assert [(r["identifier"], r["notes"]) for r in found] == [("GB 45438-2025", NOTE)]
    plain = rows(home, "supporters", "-p", "instrument=aigd:instrument/labeling-measures", "--data", str(extra),
                 "--no-notes")
    assert "notes" not in plain[0]


@pytest.mark.slow  # builds the bundled graph
def test_the_bundled_queries_carry_the_decks_doubts():
    result = CliRunner().invoke(cli, ["query", "standards", "--format", "csv", "--columns", "identifier,notes"])
    assert result.exit_code == 0, result.output
    notes = {r["identifier"]: r["notes"] for r in csv.DictReader(io.StringIO(result.output))}
    assert "text-extraction error" in notes["ISO/IEC TR 197903"]
