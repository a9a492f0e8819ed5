"""Dates as the deck writes them: a day is an xsd:date; a month or a year the deck gives without
its day is a plain string ("2025-07", "2025") on a period property (ontology/aigraph.ttl)."""

from __future__ import annotations

import datetime

import pyoxigraph as ox

from aigraph.namespaces import ONTOLOGY, XSD

PERIOD_PROPERTIES = frozenset(ONTOLOGY + name for name in (
    "releasePeriod", "eventPeriod", "established", "asOf", "referenceYear", "targetYear"))
DATE_TYPES = frozenset(XSD + name for name in ("date", "dateTime"))


def is_date(prop: str, value: ox.Literal) -> bool:
    """Whether a literal value of the property is a date: a typed day, or a period as written."""
    return value.datatype.value in DATE_TYPES or prop in PERIOD_PROPERTIES


def first_day(written: str) -> datetime.date:
    """The first day of a date as written ("2025" -> 1 January 2025), to place it on an axis;
    raises ValueError for anything else."""
    text = written[:10]
    return datetime.date.fromisoformat({4: text + "-01-01", 7: text + "-01"}.get(len(text), text))
