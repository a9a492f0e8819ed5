"""Caching a large graph as an Oxigraph store on disk, streamed there without a copy in Python.

The graph is built and reasoned in memory (reasoning/bulk.py: inside Oxigraph, no term of the
data becomes a Python object) and copied by Oxigraph into a store in a fresh folder of the cache,
each graph as N-Triples through a file, bulk loaded (no Python object per triple): the graphs read
first (ontology, data, the user's) by a thread while reasoning runs (Oxigraph frees the GIL: two
cores at work), the closure and the rest once it is done. The name index reads the store in
memory (a fifth of the cost of reading it from disk) while the rest is written out; the store in
memory is then freed, and the rest loaded while the index is written. The store on disk is closed
and moved into place, the index with it. A build that fails leaves no entry: its files are removed
here, or by the next build once its process is gone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from aigraph import __version__, cache
from aigraph.progress import Progress


def build_on_disk(cls, key: str, inputs: list[tuple[str, Path]], progress: Progress,
                  warn: Callable[[str], None]):
    """The graph, built into the cache under `key` and opened from there; None, with a warning,
    when the cache cannot be written (the caller builds in memory)."""
    from aigraph.build.graph import cannot_cache

    try:
        temp = cache.new_store(key)
    except OSError as error:
        warn(cannot_cache(error))
        return None
    index = temp.parent / f"{temp.name}.index.part"
    try:
        files, quads = _fill(cls, temp, index, inputs, progress)
        cache.commit_store(key, temp, {"version": __version__, "quads": quads, "files": files},
                           alongside=lambda folder: _place_index(index, key))
    except OSError as error:
        warn(cannot_cache(error))
        return None
    finally:
        shutil.rmtree(temp, ignore_errors=True)
        index.unlink(missing_ok=True)
    entry = cache.load(key)
    if entry is None or entry[0] is None:
        return None  # removed meanwhile by a concurrent build's pruning: built again in memory
    return cls(entry[0], entry[1]["files"], key=key)


def _fill(cls, temp: Path, index: Path, inputs, progress: Progress) -> tuple[list[dict], int]:
    """Build in memory (Oxigraph queries a store in memory several times faster than one on disk,
    and the closure is many queries) while a thread copies the graphs read first into a store on
    disk in `temp`; then write the others out while the index is built into the file `index`, free
    the store in memory and load them; the store on disk is closed. The files' records and the
    quad count."""
    from aigraph.build.graph import INFERRED, READ_FIRST, index_beside

    copy = _Copy(ox.Store(str(temp)), temp)
    try:
        graph = cls.build(inputs, progress, read=lambda store: copy.start(store, READ_FIRST))
        files, quads = graph.files, len(graph.store)
        _trim()  # what reasoning freed, before the index adds to the store in memory
        progress.step("caching")
        rest = [name for name in graph.default_graphs() if name not in READ_FIRST]
        indexing = index_beside(graph.store, index)
        written = copy.write(graph.store, sorted(rest, key=lambda name: name == INFERRED), "rest")
        indexing.store_read.wait()
    except Exception:  # (Ctrl-C waits for nothing: what the threads leave, the next build removes)
        copy.join(quiet=True)  # its folder is removed next; the build's own error is the one to tell
        raise
    copy.join()
    del graph  # the store in memory is freed before the one on disk fills, while the index is written
    _trim()
    copy.load(written, CHUNK)
    indexing.join()
    copy.close()  # only then may the store's folder move
    return files, quads


# bytes of N-Triples per bulk load: at 1M triples, 128 MB loads peak at 1.1 GB and 64 MB loads at 0.9 GB
# in the same wall time (with 6% more CPU: each load after the first is ingested into a non-empty
# store); 32 MB loads peak at 0.3 GB and take 2x as long. Beside reasoning, whose store in memory
# is at its largest then, loads of 4 MB keep the 1M build under 1 GB (8 MB: 1.0 GB, 64 MB: 1.35 GB).
CHUNK = 64 << 20
CHUNK_BESIDE_REASONING = 4 << 20


class _Copy:
    """Graphs copied from a store in memory into one on disk: each written by Oxigraph as
    N-Triples to a file of its own, then bulk loaded a chunk at a time (Oxigraph frees the GIL
    meanwhile), the triples with a blank node held back for one last load together (each load
    names blank nodes afresh: one node must not become two)."""

    def __init__(self, disk: ox.Store, temp: Path):
        self.disk, self.temp = disk, temp
        self.blank: list[bytes] = []
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def start(self, store: ox.Store, names) -> None:
        """Copy the graphs `names` in a thread (join() waits for it)."""
        def run() -> None:
            try:
                self.load(self.write(store, names, "first"), CHUNK_BESIDE_REASONING)
                _trim()  # what the loads freed, before reasoning grows further
            except BaseException as error:  # raised again by join()
                self.error = error

        self.thread = threading.Thread(target=run, name="aigraph-copy", daemon=True)
        self.thread.start()

    def join(self, quiet: bool = False) -> None:
        """Wait for the thread; raise what stopped it, unless `quiet`."""
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        if self.error is not None and not quiet:
            raise self.error

    def write(self, store: ox.Store, names, part: str) -> list[tuple[ox.NamedNode, Path]]:
        """Each graph's N-Triples in a file beside the store on disk (removed as it is loaded)."""
        written = []
        for number, name in enumerate(names):
            path = self.temp.parent / f"{self.temp.name}.{part}-{number}.nt.part"
            written.append((name, path))
            store.dump(output=str(path), format=ox.RdfFormat.N_TRIPLES, from_graph=name)
        return written

    def load(self, written: list[tuple[ox.NamedNode, Path]], size: int) -> None:
        """Bulk load the files `write` wrote, `size` bytes at a time; remove them."""
        try:
            for name, path in written:
                with path.open("rb") as lines:
                    for chunk in _chunks(lines, size):
                        if b"_:" in chunk:
                            kept = chunk.splitlines(keepends=True)
                            self.blank += [line[:-3] + f" {name} .\n".encode() for line in kept if b"_:" in line]
                            chunk = b"".join(line for line in kept if b"_:" not in line)
                        if chunk:
                            self.disk.bulk_load(chunk, format=ox.RdfFormat.N_TRIPLES, to_graph=name)
        finally:
            for _, path in written:
                with contextlib.suppress(OSError):
                    os.unlink(path)

    def close(self) -> None:
        """Load the triples held back, all at once; flush and close the store on disk."""
        if self.blank:
            self.disk.bulk_load(b"".join(self.blank), format=ox.RdfFormat.N_QUADS)
        self.disk.flush()
        del self.disk


def _chunks(lines: BinaryIO, size: int) -> Iterator[bytes]:
    """The file's bytes in pieces of about `size`, each a run of whole lines."""
    rest = b""
    while block := lines.read(size):
        end = block.rfind(b"\n") + 1
        if end:
            yield rest + block[:end]
            rest = block[end:]
        else:
            rest += block
    if rest:
        yield rest


def _trim() -> None:
    """Give the memory the freed store held back to the system (glibc keeps it otherwise, and the
    bulk loads would add to it)."""
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


def _place_index(index: Path, key: str) -> None:
    """Move the index built beside the store into place, once the store is in place."""
    import os

    from aigraph.find.index import file_for

    with contextlib.suppress(FileNotFoundError):  # not built: it is built when first needed
        os.replace(index, file_for(key))
