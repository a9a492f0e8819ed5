"""Shared set-up: a private cache for the whole session, and a copy of the small fixture home."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

pytest_plugins = ["store_servers", "virtuoso_server"]  # the store-server fixtures, for every test module


def pytest_configure(config):
    """Keep the test session's built graphs and query memos out of the user's cache, from the
    start: some test modules read the stored queries while they are collected."""
    config.aigraph_cache = tempfile.mkdtemp(prefix="aigraph-test-cache-")
    config.aigraph_previous_cache = os.environ.get("AIGRAPH_CACHE")
    os.environ["AIGRAPH_CACHE"] = config.aigraph_cache


def pytest_unconfigure(config):
    shutil.rmtree(config.aigraph_cache, ignore_errors=True)
    if config.aigraph_previous_cache is None:
        os.environ.pop("AIGRAPH_CACHE", None)
    else:
        os.environ["AIGRAPH_CACHE"] = config.aigraph_previous_cache


@pytest.fixture
def home(tmp_path) -> Path:
    """A writable copy of the small fixture home (ontology, data, shapes, queries)."""
    target = tmp_path / "home"
    shutil.copytree(FIXTURES / "home", target)
    return target
