"""A date is shown as the deck writes it (2025, 2025-07, 2025-07-26) in describe, on entity pages and
on the timeline picture; a month or year is never turned into a day."""

from __future__ import annotations

import datetime
from pathlib import Path

import pyoxigraph as ox
import pytest

from aigraph.api import Aigraph
from aigraph.dates import first_day
from aigraph.render import describe_view

ROOT = Path(__file__).resolve().parents[1]
AIG = "https://w3id.org/aigraph/ontology#"


@pytest.fixture(scope="module")
def kg() -> Aigraph:
    return Aigraph(ROOT)


@pytest.mark.parametrize("written, day", [("2025", datetime.date(2025, 1, 1)), ("2021-09", datetime.date(2021, 9, 1)),
                                          ("2025-07-26", datetime.date(2025, 7, 26))])
def test_first_day_places_a_period_on_an_axis(written, day):
    assert first_day(written) == day


@pytest.mark.parametrize("written", ["25", "2025-13", "July 2025", ""])
def test_first_day_refuses_what_is_not_a_date(written):
    with pytest.raises(ValueError):
        first_day(written)


def test_describe_lists_a_release_year_as_written_among_the_dates(kg):
    table = describe_view.fold(kg.describe("GB/T 45654-2025"))
    dates = {(row["property"].value, row["value"].value) for row in table.rows
             if describe_view.group(row) == "dates"}
    assert dates == {(AIG + "releasePeriod", "2025"), (AIG + "effectiveDate", "2025-11-01")}
    text = describe_view.text(ox.NamedNode("https://w3id.org/aigraph/id/standard/gb-t-45654-2025"), table)
    assert "release period  2025\n" in text and "2025-01-01" not in text


def test_describe_lists_a_month_and_a_year_of_establishment_as_written(kg):
    ccsa = {(row["property"].value, row["value"].value) for row in kg.describe("CCSA/TC602").rows
            if describe_view.group(row) == "dates"}
    assert (AIG + "established", "2018-03") in ccsa


def test_the_entity_page_shows_the_release_year_as_written(kg):
    from aigraph.serve.entity_view import view

    iri = "https://w3id.org/aigraph/id/standard/gb-t-45654-2025"
    page = view(iri, kg.describe(iri), {}, {})
    assert {d["value"] for d in page["dates"]} == {"2025", "2025-11-01"}
    assert all(d["value"] != "2025" for d in page["other"])


def test_the_timeline_picture_labels_a_year_as_written_and_places_it_at_its_start():
    from aigraph.serve.pages import _timeline_layout

    layout = _timeline_layout([{"date": "2024", "event": "released"}, {"date": "2025-07-26", "event": "held"},
                               {"date": "sometime", "event": "lost"}])
    assert [e["date"] for e in layout["events"]] == ["2024", "2025-07-26"]  # an unreadable date is left out
    first, second = layout["events"]
    assert first["x"] == layout["years"][0]["x"]  # 1 January 2024, the start of the axis
    assert second["x"] > first["x"]
