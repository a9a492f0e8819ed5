"""Trusting a cache entry only when it is whole: the manifest's shape, a checksum of every file of an
on-disk store (a single flipped byte in RocksDB's files can make Oxigraph eat all memory), and
leftovers of a build that was killed part-way.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
import zlib
from pathlib import Path

from aigraph.file_hash import stamp

STALE = 3600  # seconds after which an unfinished write (.part file) is a leftover
# what a manifest says of an entry that is an Oxigraph store on disk; entries that say "store" were
# written before the build compacted its store (its queries 1.2-3x slower): built again
STORE_FORMAT = "compacted store"


def store_digests(folder: Path) -> dict[str, str]:
    """A CRC-32 of every file in an on-disk store's folder, by relative name. Corruption, not an
    attacker, is what it guards against (the cache is the user's own), and CRC-32 reads a large
    store 2-3 times faster than SHA-256."""
    return {path.relative_to(folder).as_posix(): _crc(path) for path in sorted(folder.rglob("*")) if path.is_file()}


def _crc(path: Path) -> str:
    crc = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return f"{crc:08x}"


def store_stamps(folder: Path) -> dict[str, list[int]]:
    """The stat of every file in an on-disk store's folder (file_hash.stamp), by relative name:
    while a file's stat is unchanged, the CRC-32 it had when written still holds."""
    return {path.relative_to(folder).as_posix(): stamp(path.stat())
            for path in sorted(folder.rglob("*")) if path.is_file()}


def store_intact(folder: Path, digests: object, stamps: object = None) -> dict[str, list[int]] | None:
    """The stamps of the store's files when every file the manifest lists is there with the same
    digest, else None. A file whose stat matches its stamp is not read again: a store is read
    whole (0.4 s at 1M triples) only after it was written and when one of its files changed."""
    if not isinstance(digests, dict) or not digests or not folder.is_dir():
        return None
    stamps = stamps if isinstance(stamps, dict) else {}
    now = {}
    try:
        for name, digest in digests.items():
            path = folder / name
            if ".." in Path(name).parts:
                return None
            status = path.stat()
            if not stat.S_ISREG(status.st_mode):
                return None
            now[name] = stamp(status)
            if stamps.get(name) != now[name] and _crc(path) != digest:
                return None
    except OSError:
        return None
    return now


def sound_manifest(manifest: object) -> bool:
    """True when the manifest has what opening an entry needs: the quad count, the file list and,
    for N-Quads, their CRC-32."""
    return (isinstance(manifest, dict) and isinstance(manifest.get("quads"), int)
            and isinstance(manifest.get("files"), list)
            and (manifest.get("format") == STORE_FORMAT or isinstance(manifest.get("crc32"), int))
            and all(isinstance(f, dict) and {"role", "path", "triples"} <= f.keys() for f in manifest["files"]))


def temp_prefix(key: str) -> str:
    """The name prefix of a store being built by this process (its pid tells when it was killed)."""
    return f".{key}.store.{os.getpid()}."


def remove_leftovers(folder: Path) -> None:
    """Remove store folders whose building process is gone, and old unfinished file writes."""
    for path in folder.glob(".*.store.*"):
        parts = path.name.split(".")
        pid = int(parts[3]) if len(parts) > 4 and parts[3].isdigit() else None
        if pid is None or not _alive(pid):
            import shutil

            shutil.rmtree(path, ignore_errors=True)
    for path in folder.glob(".*.part"):
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime > STALE:
                path.unlink()


def discard(folder: Path, key: str) -> None:
    """Remove every file of an entry, as far as the cache can be written."""
    for suffix in (".json", ".nq"):
        with contextlib.suppress(OSError):
            (folder / f"{key}{suffix}").unlink(missing_ok=True)
    import shutil

    shutil.rmtree(folder / f"{key}.store", ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
