"""Shared fixtures: a private cache for the whole session, and a copy of the small fixture home."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def session_cache(tmp_path_factory):
    """Keep the test session's built graphs out of the user's cache."""
    previous = os.environ.get("AIGRAPH_CACHE")
    os.environ["AIGRAPH_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("AIGRAPH_CACHE", None)
    else:
        os.environ["AIGRAPH_CACHE"] = previous


@pytest.fixture
def home(tmp_path) -> Path:
    """A writable copy of the small fixture home (ontology, data, shapes, queries)."""
    target = tmp_path / "home"
    shutil.copytree(FIXTURES / "home", target)
    return target
