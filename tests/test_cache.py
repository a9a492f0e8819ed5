"""The on-disk cache: reused when inputs are unchanged, invalidated by a change, never trusted when corrupt."""

from __future__ import annotations

import pytest

from aigraph import cache
from aigraph.api import Aigraph


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("AIGRAPH_CACHE", str(folder))
    return folder


def identifiers(home):
    return [row["identifier"].value for row in Aigraph(home).run("effective-after", {}).rows]


def test_a_second_open_comes_from_the_cache(home, cache_dir):
    assert not Aigraph(home).graph.from_cache
    assert Aigraph(home).graph.from_cache
    assert len(list(cache_dir.glob("*.nq"))) == 1


def test_a_changed_data_file_changes_the_answer(home, cache_dir):
    assert identifiers(home) == ["GB 45438-2025", "GB/T 45654-2025"]
    data = home / "data" / "mini.ttl"
    data.write_text(data.read_text().replace('"2025-11-01"', '"2025-08-01"'))
    graph = Aigraph(home).graph
    assert not graph.from_cache
    assert identifiers(home) == ["GB/T 45654-2025", "GB 45438-2025"]


def test_a_corrupt_entry_is_rebuilt_with_a_warning(home, cache_dir, capsys):
    identifiers(home)
    (entry,) = cache_dir.glob("*.nq")
    entry.write_bytes(entry.read_bytes()[:-200])  # truncated: still parses, but lost quads
    graph = Aigraph(home).graph
    assert not graph.from_cache
    assert identifiers(home) == ["GB 45438-2025", "GB/T 45654-2025"]
    assert Aigraph(home).graph.from_cache


def test_a_manifest_that_lies_is_not_trusted(home, cache_dir, capsys):
    identifiers(home)
    (manifest,) = cache_dir.glob("*.json")
    manifest.write_text("{not json")
    assert not Aigraph(home).graph.from_cache


def test_an_unwritable_cache_is_skipped_with_a_warning(home, tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    monkeypatch.setenv("AIGRAPH_CACHE", str(blocker / "cache"))
    assert identifiers(home) == ["GB 45438-2025", "GB/T 45654-2025"]
    assert "cannot write the cache" in capsys.readouterr().err


def test_the_key_covers_content_version_and_role(tmp_path):
    a = tmp_path / "a.ttl"
    a.write_text("")
    key = cache.input_key("1", [("data", a)])
    assert key != cache.input_key("2", [("data", a)])
    assert key != cache.input_key("1", [("user", a)])
    a.write_text("# changed")
    assert key != cache.input_key("1", [("data", a)])


def test_old_entries_are_pruned(cache_dir):
    for n in range(cache.KEEP + 3):
        cache.write(f"k{n}", b"", {"quads": 0, "files": []})
    assert len(list(cache_dir.glob("*.json"))) == cache.KEEP


def test_a_large_graph_is_cached_as_a_store_and_reopened(home, cache_dir, monkeypatch, capsys):
    monkeypatch.setattr(cache, "LARGE", 10)
    expected = identifiers(home)
    memos = ("queries", "keys")  # remembered query metadata and input keys
    assert [p.suffix for p in sorted(cache_dir.iterdir()) if p.name not in memos] == [".sqlite", ".json", ".store"]
    graph = Aigraph(home).graph
    assert graph.from_cache
    assert identifiers(home) == expected
    (store,) = cache_dir.glob("*.store")
    for part in store.iterdir():
        part.unlink()
    assert not Aigraph(home).graph.from_cache
    assert "corrupt" in capsys.readouterr().err
    assert Aigraph(home).graph.from_cache
    assert identifiers(home) == expected
