"""Validation reports are remembered by content: unchanged inputs are not validated twice, and any
change to data, shapes, checks or the --asserted choice validates afresh."""

from __future__ import annotations

import json
import shutil

import pytest
from rdflib.compare import isomorphic

from aigraph.api import Aigraph
from aigraph.home import find_home
from aigraph.validate import validation

pytestmark = pytest.mark.slow  # real servers, pySHACL or owlrl: see `pytest -m "not slow"`

BUNDLED = find_home()


@pytest.fixture
def home(home):
    """The small fixture home with the bundled shapes and integrity checks."""
    shutil.copytree(BUNDLED.shapes, home / "shapes", dirs_exist_ok=True)
    shutil.copytree(BUNDLED.queries / "checks", home / "queries" / "checks")
    return home


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("AIGRAPH_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "validation"


@pytest.fixture
def runs(monkeypatch) -> list:
    """Every real (not remembered) validation, by the inputs it validated."""
    calls, real = [], validation._validate

    def counted(inputs, graph):
        calls.append(inputs)
        return real(inputs, graph)

    monkeypatch.setattr(validation, "_validate", counted)
    return calls


def test_a_report_on_unchanged_inputs_is_read_back_whole(home, cache_dir, runs):
    first = Aigraph(home).validate()
    again = Aigraph(home).validate()
    assert len(runs) == 1 and not first.conforms
    assert again.summary() == first.summary()
    assert [v.as_dict() for v in again.violations] == [v.as_dict() for v in first.violations]
    assert isomorphic(again.shacl, first.shacl)
    assert len(list(cache_dir.glob("*.json"))) == 1


@pytest.mark.parametrize("change", ["data", "shapes", "check", "user file"])
def test_any_changed_input_validates_afresh(home, tmp_path, cache_dir, runs, change):
    extra = tmp_path / "mine.ttl"
    extra.write_text("<https://example.org/a> <https://example.org/p> 1 .\n", encoding="utf-8")
    Aigraph(home, data=[extra]).validate()
    target = {"data": next((home / "data").glob("*.ttl")), "shapes": next((home / "shapes").glob("*.ttl")),
              "check": next((home / "queries" / "checks").glob("*-violation.rq")), "user file": extra}[change]
    target.write_text(target.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    Aigraph(home, data=[extra]).validate()
    assert len(runs) == 2


def test_asserted_and_closed_validations_are_kept_apart(home, cache_dir, runs):
    Aigraph(home).validate()
    Aigraph(home, asserted=True).validate()
    assert len(runs) == 2
    closed, asserted = (validation.Inputs(find_home(home), (), flag) for flag in (False, True))
    assert validation.cache_key(closed) != validation.cache_key(asserted)


@pytest.mark.parametrize("damage", ["{not json", "[]", '{"shapes": 1}', json.dumps({
    "shapes": 1, "focus_nodes": 1, "rules": 1, "checks": 1, "violations": [], "shacl": "<broken"})])
def test_a_damaged_entry_is_validated_again_and_replaced(home, cache_dir, runs, damage):
    expected = Aigraph(home).validate().summary()
    (entry,) = cache_dir.glob("*.json")
    entry.write_text(damage, encoding="utf-8")
    assert Aigraph(home).validate().summary() == expected
    assert len(runs) == 2
    assert Aigraph(home).validate().summary() == expected and len(runs) == 2


def test_no_cache_neither_reads_nor_writes_reports(home, cache_dir, runs):
    Aigraph(home, use_cache=False).validate()
    Aigraph(home, use_cache=False).validate()
    assert len(runs) == 2 and not cache_dir.exists()
