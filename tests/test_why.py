"""The deck's words behind the answers: `query --why`, `describe` and the entity pages' data."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from aigraph.api import Aigraph
from aigraph.cli import cli
from aigraph.serve.entity_view import view

ROOT = Path(__file__).resolve().parents[1]
INTERIM = "Interim Measures for the Administration of Generative Artificial Intelligence Services"


def _csv(output: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(output)))


def test_why_adds_the_quote_and_section_behind_each_row():
    result = CliRunner().invoke(cli, ["--home", str(ROOT), "query", "issuers-of-instrument",
                                      "-p", f"instrument={INTERIM}", "--why", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = {row["acronym"]: row["why"] for row in _csv(result.stdout)}
    # the issuing fact (instrument issued by MOE) and the section the words are in
    assert ('"- Issued by: CAC, NDRC, MOE, MoST, MIIT, MPS, SAMR" (Laws & Regulations related to AI)'
            in rows["MOE"])
    assert all(rows.values())


def test_without_why_there_is_no_why_column():
    plain = Aigraph(ROOT).run("issuers-of-instrument", {"instrument": INTERIM})
    assert "why" not in plain.variables
    assert "why" in Aigraph(ROOT).run("issuers-of-instrument", {"instrument": INTERIM}, why=True).variables


def test_why_leaves_out_facts_the_row_does_not_use():
    """A row gives the evidence of the facts linking its entities or naming its values, no other."""
    table = Aigraph(ROOT).run("standards-supporting-instrument",
                              {"instrument": "aigd:instrument/ai-content-labeling-measures"}, why=True)
    gb = next(row for row in table.rows if "gb-45438-2025" in str(row.get("standard")))
    assert "effective from 1 Sep 2025" in gb["why"].value
    assert "Nantional Artificial Intelligence" not in gb["why"].value  # SC42's full name: not this row's


def test_describe_shows_each_facts_quote():
    result = CliRunner().invoke(cli, ["--home", str(ROOT), "describe", "GB 45438-2025", "--format", "table"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    effective = next(i for i, line in enumerate(lines) if line.strip().startswith("effective date"))
    assert lines[effective + 1].strip().startswith('» "- GB 45438-2025')
    assert not any("annotated" in line for line in lines)  # the evidence axioms are not facts


def test_the_entity_page_carries_each_facts_quote():
    graph = Aigraph(ROOT)
    table = graph.describe("aigd:standard/gb-45438-2025")
    page = view("https://w3id.org/aigraph/id/standard/gb-45438-2025", table, {}, {})
    dates = {d["value"]: d["quote"] for d in page["dates"]}
    assert "effective from 1 Sep 2025" in dates["2025-09-01"]
    assert all(item["quote"] for _, items in page["out"] for item in items if not item["inferred"])


def test_the_entity_page_says_when_the_deck_does_not_state_a_fact():
    table = Aigraph(ROOT).describe("aigd:authority/moe")
    page = view("https://w3id.org/aigraph/id/authority/moe", table, {}, {})
    label = next(n for n in page["names"] if n["value"] == "Ministry of Education")
    assert label["inference"].startswith("Full name not in the deck") and not label["quote"]
    acronym = next(n for n in page["names"] if n["value"] == "MOE")
    assert "MOE" in acronym["quote"] and not acronym["inference"]
