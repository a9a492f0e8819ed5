"""A file's content hash without reading it again while it is unchanged.

Every command keys the cache on the content of its inputs. Hashing a 165 MB --data file costs
0.16 s and, read whole, as much memory; so the SHA-256 of a large file is remembered with its
stat (size, mtime_ns, ctime_ns, inode and device) and read again only when the stat changes. A
file is hashed in chunks, never read whole. The memo is a small JSON record per file in the cache
(cache.recall/remember, kind "hashes"); an unreadable memo only means hashing again. `stamps`
gives the same stat for a set of inputs, by which cache.input_key remembers their whole key.

What a changed stat cannot show, a rewrite that restores size, mtime, ctime and inode alike, is
not detected; ctime cannot be set back by a user's tools (touch, tar, rsync -t set mtime only).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from aigraph.errors import InputError

MEMO_FROM = 1 << 20  # bytes: a smaller file is hashed each time (faster than reading a memo)
KEEP = 64  # remembered files


def stamp(status: os.stat_result) -> list[int]:
    """What changes when a file's content can have changed."""
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev]


def stamps(inputs: Sequence[tuple[str, Path]]) -> list[list]:
    """[role, resolved path, *stamp] of each (role, path): what changes when an input can have changed."""
    listed = []
    for role, path in inputs:
        try:
            listed.append([role, str(path.resolve()), *stamp(path.stat())])
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    return listed


def sha256(path: Path) -> str:
    """The SHA-256 of a file's content (hex), remembered by its stat when the file is large."""
    import hashlib

    from aigraph import cache

    try:
        before = path.stat()
        if before.st_size < MEMO_FROM:
            return _digest(path)
        resolved = str(path.resolve())
        name = hashlib.sha256(resolved.encode()).hexdigest()[:32]
        memo = cache.recall("hashes", name)
        if memo is not None and memo.get("path") == resolved and memo.get("stat") == stamp(before) \
                and isinstance(memo.get("sha256"), str):
            return memo["sha256"]
        digest = _digest(path)
        if stamp(path.stat()) == stamp(before):  # not changed while it was read: safe to remember
            cache.remember("hashes", name, {"path": resolved, "stat": stamp(before), "sha256": digest}, KEEP)
        return digest
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None


def _digest(path: Path) -> str:
    import hashlib

    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
