"""The on-disk cache of built graphs, keyed by a hash of every input and the version.

A small graph is cached as N-Quads, `KEY.nq`, which parses in milliseconds; a large one (built
from LARGE bytes of input or more) is built straight into an Oxigraph store on disk, `KEY.store/`,
which opens in milliseconds whatever its size. `KEY.json`, written last, marks a complete entry:
it records the quad count and, for N-Quads, their CRC-32 (a check against damage, as for a store:
the key already names the content), for a store a CRC-32 of each of its files, computed once when
it is written, and each file's stat (size, mtime, ctime, inode, device). A store file is read
again to check its CRC only when its stat has changed; an entry that does not match, or cannot be
opened or read, is discarded and rebuilt (see cache_check.py).

Smaller JSON records (a stored query's checked metadata, a validation report) are remembered in a
folder per kind, `KIND/KEY.json`, with the same rule: unreadable means absent.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from pathlib import Path

import pyoxigraph as ox

from aigraph.atomic import write_bytes
from aigraph.cache_check import (
    STORE_FORMAT,
    discard,
    remove_leftovers,
    sound_manifest,
    store_digests,
    store_intact,
    store_stamps,
    temp_prefix,
)

KEEP = 8  # entries kept; older ones are removed when a new one is written
KEYS_KEPT = 64  # remembered input keys (input_key)
LARGE = 4_000_000  # bytes of input from which opening a store on disk beats parsing N-Quads


def cache_dir() -> Path:
    """AIGRAPH_CACHE, else XDG_CACHE_HOME/aigraph, else ~/.cache/aigraph."""
    explicit = os.environ.get("AIGRAPH_CACHE")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "aigraph"


def input_key(version: str, inputs: list[tuple[str, Path]]) -> str:
    """A hash of the package version and each input's role, path and content, remembered with every
    input's stat while none of them changes: unchanged inputs cost a stat each, and none is read
    (file_hash.py says what a stat cannot show)."""
    from aigraph.file_hash import stamps

    seen = [version, stamps(inputs)]
    name = f"{zlib.crc32(json.dumps(seen).encode()):08x}"  # the record itself is compared in full
    memo = recall("keys", name)
    if memo is not None and memo.get("inputs") == seen and isinstance(memo.get("key"), str):
        return memo["key"]
    key = _content_key(version, inputs)
    if stamps(inputs) == seen[1]:  # none changed while it was read: safe to remember
        remember("keys", name, {"inputs": seen, "key": key}, KEYS_KEPT)
    return key


def _content_key(version: str, inputs: list[tuple[str, Path]]) -> str:
    import hashlib

    from aigraph.file_hash import sha256

    digest = hashlib.sha256(f"aigraph {version}\n".encode())
    for role, path in inputs:
        content = sha256(path)
        digest.update(f"{role}\t{path.resolve()}\t{content}\n".encode())
    return digest.hexdigest()[:32]


def load(key: str) -> tuple[ox.Store | None, dict] | None:
    """The store and manifest of an entry (None for a store that cannot be read), or None."""
    folder = cache_dir()
    try:
        manifest = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
    except OSError:  # missing, or the cache folder cannot be read: built afresh
        return None
    except ValueError:
        manifest = None
    if not sound_manifest(manifest):  # unreadable, or not what this version writes: rebuilt
        discard(folder, key)
        return None
    store = None
    try:
        if manifest.get("format") == STORE_FORMAT:
            stamps = store_intact(folder / f"{key}.store", manifest.get("digests"), manifest.get("stamps"))
            if stamps is not None:
                store = ox.Store.read_only(str(folder / f"{key}.store"))
                if stamps != manifest.get("stamps"):  # checked again after a change: not next time
                    with contextlib.suppress(OSError):
                        write_bytes(folder / f"{key}.json", json.dumps({**manifest, "stamps": stamps}, indent=1).encode())
        else:
            entry = read(key)
            if entry is not None:
                store = ox.Store()
                store.load(entry[0], format=ox.RdfFormat.N_QUADS)
    except (OSError, RuntimeError, SyntaxError, ValueError):  # whatever Oxigraph says of a broken entry
        store = None
    if store is None:
        discard(folder, key)
    return store, manifest


def save(key: str, store: ox.Store, manifest: dict) -> None:
    """Store an N-Quads entry for the graph; raises OSError when the cache cannot be written."""
    dumped = store.dump(format=ox.RdfFormat.N_QUADS)
    assert dumped is not None  # no output file was given: pyoxigraph returns the bytes
    write(key, dumped, manifest)


def new_store(key: str) -> Path:
    """A fresh folder in the cache for a store to be built into (committed with `commit_store`, else
    removed by the caller or, once its process is gone, by the next build); raises OSError."""
    import tempfile

    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    remove_leftovers(folder)
    return Path(tempfile.mkdtemp(dir=folder, prefix=temp_prefix(key)))


def commit_store(key: str, temp: Path, manifest: dict, *, alongside=None) -> None:
    """Make the closed store built in `temp` the entry for `key`: moved into place, each file's CRC-32
    and stat recorded (`alongside`, if given, is called meanwhile: the CRCs release the GIL), then
    the manifest written last. Raises OSError when the cache cannot be written."""
    import shutil
    import threading

    folder = cache_dir()
    target = folder / f"{key}.store"
    shutil.rmtree(target, ignore_errors=True)  # a leftover its manifest no longer vouches for
    try:
        os.rename(temp, target)
    except OSError:  # another process may have cached the same graph first
        shutil.rmtree(temp, ignore_errors=True)
        if (folder / f"{key}.json").exists():
            return
        raise
    digests: dict = {}
    worker = threading.Thread(target=lambda: digests.update(store_digests(target)), name="aigraph-crc")
    worker.start()
    try:
        if alongside is not None:
            alongside(target)
    finally:
        worker.join()
    manifest = {**manifest, "digests": digests, "stamps": store_stamps(target), "format": STORE_FORMAT}
    write_bytes(folder / f"{key}.json", json.dumps(manifest, indent=1).encode())
    _prune(folder)


def read(key: str) -> tuple[bytes, dict] | None:
    """The N-Quads and manifest of a sound N-Quads entry, or None when it is missing or corrupt."""
    folder = cache_dir()
    try:
        manifest = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        nquads = (folder / f"{key}.nq").read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("crc32") != zlib.crc32(nquads):
        return None
    return nquads, manifest


def write(key: str, nquads: bytes, manifest: dict) -> None:
    """Store an N-Quads entry atomically; raises OSError when the cache cannot be written."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {**manifest, "crc32": zlib.crc32(nquads)}
    write_bytes(folder / f"{key}.nq", nquads)
    write_bytes(folder / f"{key}.json", json.dumps(manifest, indent=1).encode())
    _prune(folder)


def recall(kind: str, key: str) -> dict | None:
    """A JSON record remembered under KIND/KEY.json, or None when it is missing or unreadable."""
    try:
        record = json.loads((cache_dir() / kind / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def remember(kind: str, key: str, record: dict, keep: int) -> None:
    """Remember a JSON record, keeping the newest `keep` of its kind; skipped when the cache
    cannot be written (the work is only done again next time)."""
    folder = cache_dir() / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes(folder / f"{key}.json", json.dumps(record).encode())
        for stale in sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[keep:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    import shutil

    manifests = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in manifests[KEEP:]:
        stale.unlink(missing_ok=True)
        stale.with_suffix(".nq").unlink(missing_ok=True)
        shutil.rmtree(stale.with_suffix(".store"), ignore_errors=True)
        for index in folder.glob(f"{stale.stem}.index-*.sqlite"):  # find/index.py's file
            index.unlink(missing_ok=True)
