"""The on-disk cache of built graphs: N-Quads keyed by a hash of every input and the version.

An entry is two files, `KEY.nq` and `KEY.json` (written last, so it marks a complete entry). The
manifest records the N-Quads' SHA-256 and quad count; an entry that does not match is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

KEEP = 8  # entries kept; older ones are removed when a new one is written


def cache_dir() -> Path:
    """AIGRAPH_CACHE, else XDG_CACHE_HOME/aigraph, else ~/.cache/aigraph."""
    explicit = os.environ.get("AIGRAPH_CACHE")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "aigraph"


def input_key(version: str, inputs: list[tuple[str, Path]]) -> str:
    """A hash of the package version and each input's role, path and content."""
    digest = hashlib.sha256(f"aigraph {version}\n".encode())
    for role, path in inputs:
        content = hashlib.sha256(path.read_bytes()).hexdigest()
        digest.update(f"{role}\t{path.resolve()}\t{content}\n".encode())
    return digest.hexdigest()[:32]


def read(key: str) -> tuple[bytes, dict] | None:
    """The N-Quads and manifest of a sound entry, or None when it is missing or corrupt."""
    folder = cache_dir()
    try:
        manifest = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        nquads = (folder / f"{key}.nq").read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("sha256") != hashlib.sha256(nquads).hexdigest():
        return None
    return nquads, manifest


def write(key: str, nquads: bytes, manifest: dict) -> None:
    """Store an entry atomically; raises OSError when the cache cannot be written."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {**manifest, "sha256": hashlib.sha256(nquads).hexdigest()}
    _atomic_write(folder / f"{key}.nq", nquads)
    _atomic_write(folder / f"{key}.json", json.dumps(manifest, indent=1).encode())
    _prune(folder)


def _atomic_write(target: Path, content: bytes) -> None:
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _prune(folder: Path) -> None:
    manifests = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in manifests[KEEP:]:
        stale.unlink(missing_ok=True)
        stale.with_suffix(".nq").unlink(missing_ok=True)
