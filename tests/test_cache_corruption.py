"""A cache entry that cannot be trusted is discarded and rebuilt, with a warning: truncated, deleted or
flipped store files, garbage CURRENT, a truncated MANIFEST, a manifest without its file list, and the
leftovers of a build that was killed part-way."""

from __future__ import annotations

import json
import os

import pytest

from aigraph import cache
from aigraph.api import Aigraph

pytestmark = pytest.mark.slow  # owlrl builds, again and again: see `pytest -m "not slow"`
ANSWER = ["GB 45438-2025", "GB/T 45654-2025"]


@pytest.fixture
def store_cache(tmp_path, monkeypatch):
    """A private cache in which every graph is cached as an on-disk Oxigraph store."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("AIGRAPH_CACHE", str(folder))
    monkeypatch.setattr(cache, "LARGE", 1)
    return folder


def identifiers(home):
    return [row["identifier"].value for row in Aigraph(home).run("effective-after", {}).rows]


def cached_store(home, folder):
    assert identifiers(home) == ANSWER
    assert Aigraph(home).graph.from_cache
    (store,) = folder.glob("*.store")
    return store


def biggest_sst(store):
    return max(store.glob("*.sst"), key=lambda p: p.stat().st_size)


def truncate(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def flip_one_byte(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


DAMAGE = {
    "truncated-sst": lambda store: truncate(biggest_sst(store)),
    "deleted-sst": lambda store: biggest_sst(store).unlink(),
    "flipped-byte-sst": lambda store: flip_one_byte(biggest_sst(store)),
    "garbage-current": lambda store: (store / "CURRENT").write_bytes(b"\x00garbage\xff\n"),
    "truncated-manifest": lambda store: truncate(next(store.glob("MANIFEST-*"))),
    "deleted-folder": lambda store: __import__("shutil").rmtree(store),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_store_is_rebuilt_with_a_warning(home, store_cache, capsys, damage):
    store = cached_store(home, store_cache)
    key = store.name.removesuffix(".store")
    DAMAGE[damage](store)
    capsys.readouterr()
    graph = Aigraph(home).graph
    assert not graph.from_cache
    assert capsys.readouterr().err == f"aigraph: warning: cache entry {key} is corrupt; rebuilding it\n"
    assert identifiers(home) == ANSWER
    assert Aigraph(home).graph.from_cache  # the rebuilt entry is sound again


@pytest.mark.parametrize("manifest", [
    {"version": "0.1.0", "quads": 3, "format": cache.STORE_FORMAT},  # no "files" (was a KeyError)
    {"version": "0.1.0", "quads": "many", "files": [], "format": cache.STORE_FORMAT},
    ["not", "an", "object"],
])
def test_a_manifest_of_the_wrong_shape_is_discarded(home, store_cache, manifest):
    store = cached_store(home, store_cache)
    (store_cache / f"{store.name.removesuffix('.store')}.json").write_text(json.dumps(manifest))
    assert not Aigraph(home).graph.from_cache
    assert identifiers(home) == ANSWER
    assert Aigraph(home).graph.from_cache


def test_a_store_written_before_stores_were_compacted_is_built_again_quietly(home, store_cache, capsys):
    store = cached_store(home, store_cache)
    manifest_file = store_cache / f"{store.name.removesuffix('.store')}.json"
    manifest = json.loads(manifest_file.read_text())
    manifest_file.write_text(json.dumps({**manifest, "format": "store"}))  # as earlier builds wrote it
    capsys.readouterr()
    assert not Aigraph(home).graph.from_cache
    assert "corrupt" not in capsys.readouterr().err
    assert json.loads(manifest_file.read_text())["format"] == cache.STORE_FORMAT
    assert identifiers(home) == ANSWER and Aigraph(home).graph.from_cache


def test_a_damaged_nquads_entry_is_rebuilt(home, tmp_path, monkeypatch):
    monkeypatch.setenv("AIGRAPH_CACHE", str(tmp_path / "cache"))
    assert identifiers(home) == ANSWER
    (entry,) = (tmp_path / "cache").glob("*.nq")
    flip_one_byte(entry)
    assert not Aigraph(home).graph.from_cache
    assert identifiers(home) == ANSWER


def test_an_nquads_entry_of_an_earlier_version_is_rebuilt_quietly(home, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("AIGRAPH_CACHE", str(tmp_path / "cache"))
    assert identifiers(home) == ANSWER
    (manifest,) = (tmp_path / "cache").glob("*.json")
    earlier = json.loads(manifest.read_text())
    earlier["sha256"] = "0" * 64  # what the entry was checked by before its CRC-32
    del earlier["crc32"]
    manifest.write_text(json.dumps(earlier))
    capsys.readouterr()
    assert not Aigraph(home).graph.from_cache
    assert "corrupt" not in capsys.readouterr().err
    assert Aigraph(home).graph.from_cache


def test_leftovers_of_a_killed_build_are_removed(home, store_cache):
    store_cache.mkdir(parents=True)
    dead = store_cache / ".0123456789abcdef.store.999999999.x1y2"  # no such process
    dead.mkdir()
    (dead / "000009.sst").write_bytes(b"partial")
    alive = store_cache / f".0123456789abcdef.store.{os.getppid()}.x1y2"  # a live build: kept
    alive.mkdir()
    old_part = store_cache / ".abc.json.k3j4.part"
    old_part.write_bytes(b"{")
    os.utime(old_part, (0, 0))
    assert identifiers(home) == ANSWER  # builds, and caches: leftovers are swept first
    assert not dead.exists() and not old_part.exists() and alive.exists()
