"""Caching a large graph as an Oxigraph store on disk, streamed there without a copy in Python.

The graph is built and reasoned in memory (reasoning/bulk.py: inside Oxigraph, no term of the
data becomes a Python object) and copied by Oxigraph into a store in a fresh folder of the cache,
as N-Triples bulk loaded (no Python object per triple), by a thread running beside the build
(Oxigraph frees the GIL: two cores at work): the user's files, when in N-Triples without blank
nodes, read from disk as the build reads them into memory; the graphs read first (ontology,
data, the user's otherwise) once they are whole; then the closure batch by batch as reasoning
adds it. The name index reads the store in memory (a fifth of the cost of reading it from disk):
the data graphs' names, texts and classes while reasoning runs, the closure's classes once it is
whole, while the rest (evidence, counts) is read and written out; the store in memory is then
freed, and the rest loaded while the index is written. The store on disk is compacted (the files
of its many loads merged: a lookup reads each of them) and closed, and moved into place, the
index with it. A build that fails leaves no entry: its files are removed here, or by the next
build once its process is gone.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from aigraph import cache, file_hash
from aigraph.os_thread import name_after_python
from aigraph.progress import Progress


def build_on_disk(cls, key: str, inputs: list[tuple[str, Path]], progress: Progress,
                  warn: Callable[[str], None]):
    """The graph, built into the cache under `key` and opened from there; None, with a warning,
    when the cache cannot be written (the caller builds in memory)."""
    from aigraph.build.graph import cannot_cache, sound_figures

    try:
        temp = cache.new_store(key)
    except OSError as error:
        warn(cannot_cache(error))
        return None
    index = temp.parent / f"{temp.name}.index.part"
    try:
        manifest = _fill(cls, temp, index, inputs, progress)
        cache.commit_store(key, temp, manifest, alongside=lambda folder: _place_index(index, key))
    except OSError as error:
        warn(cannot_cache(error))
        return None
    finally:
        shutil.rmtree(temp, ignore_errors=True)
        index.unlink(missing_ok=True)
    entry = cache.load(key)
    if entry is None or entry[0] is None:
        return None  # removed meanwhile by a concurrent build's pruning: built again in memory
    return cls(entry[0], entry[1]["files"], key=key, figures=sound_figures(entry[1]))


def _fill(cls, temp: Path, index: Path, inputs, progress: Progress) -> dict:
    """Build in memory (Oxigraph queries a store in memory several times faster than one on disk,
    and the closure is many queries) while a thread fills a store on disk in `temp` with the
    graphs read first, then the closure as reasoning adds it; from the start of reasoning, build
    the index into the file `index` (the closure's part once it is whole, while the evidence is
    read, the other graphs written out and the figures counted); free the store in memory and load
    them; the store on disk is compacted and closed. The cache manifest."""
    from aigraph.build.graph import INFERRED, READ_FIRST, Indexing, index_beside

    copy = _Copy(ox.Store(str(temp)), temp)
    indexing: Indexing | None = None

    def read(store: ox.Store) -> None:
        nonlocal indexing
        copy.read_first(store)
        indexing = index_beside(store, index, reasoned=False)  # the data graphs, while reasoning runs

    def reasoned(store: ox.Store) -> None:
        _trim()  # what reasoning freed
        assert indexing is not None
        indexing.reasoned()  # the closure's classes, while the evidence is read and the rest written

    try:
        copy.start(READ_FIRST, _own_reading(inputs))
        graph = cls.build(inputs, progress, read=read, sink=copy, reasoned=reasoned)
        assert indexing is not None
        progress.step("caching")
        rest = [name for name in graph.default_graphs() if name not in READ_FIRST]
        if not copy.withdrawn:  # the thread has the closure
            rest.remove(INFERRED)
        written = copy.write(graph.store, sorted(rest, key=lambda name: name == INFERRED), "rest")
        manifest = graph.manifest()
        indexing.store_read.wait()
    except Exception:  # (Ctrl-C waits for nothing: what the threads leave, the next build removes)
        copy.join(quiet=True)  # its folder is removed next; the build's own error is the one to tell
        copy.discard()
        if indexing is not None:
            indexing.abandon()  # before its file is removed
        raise
    del graph  # the store in memory is freed before the one on disk fills, while the index is written
    _trim()
    copy.join()
    try:
        copy.load(written, CHUNK)
        progress.step("compacting", 0)
        copy.close()  # compacted while the index is written (Oxigraph frees the GIL)
    except BaseException:
        indexing.abandon()  # before its file is removed
        raise
    indexing.join()  # only then may the store's folder move, the index with it
    return manifest


# bytes of N-Triples per bulk load: at 1M triples, 128 MB loads peak at 1.1 GB and 64 MB loads at 0.9 GB
# in the same wall time (with 6% more CPU: each load after the first is ingested into a non-empty
# store); 32 MB loads peak at 0.3 GB and take 2x as long. Beside reasoning, whose store in memory
# is at its largest then, loads of 4 MB keep the 1M build under 1 GB (8 MB: 1.0 GB, 64 MB: 1.35 GB).
CHUNK = 64 << 20
CHUNK_BESIDE_REASONING = 4 << 20
LONGEST_LINE = 49 << 20  # of N-Triples: three terms, none longer than the parser's 16 MiB buffer


class _Copy:
    """A store on disk filled by a thread beside the build: the user's N-Triples files read from
    disk, the graphs of the store in memory each written by Oxigraph as N-Triples to a file of its
    own, the closure as reasoning hands it over (reasoning.Sink) through a file too; each bulk
    loaded a chunk at a time (Oxigraph frees the GIL meanwhile). The triples with a blank node are
    held back for one last load together (each load names blank nodes afresh: one node must not
    become two). Every load skips the parser's check of each IRI (a tenth of the loads' CPU):
    Oxigraph wrote what it loads, or the build reads the same file strictly, and a file it refuses
    fails the build, the store on disk with it."""

    def __init__(self, disk: ox.Store, temp: Path):
        self.disk, self.temp = disk, temp
        self.blank: list[bytes] = []
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self.source: ox.Store | None = None  # the store in memory, until the thread has written from it
        self.closure = temp.parent / f"{temp.name}.closure.nt.part"
        self.spill = self.closure.open("wb")
        self.spilled = 0
        self.batches: queue.Queue[int | None] = queue.Queue()  # where the spill's batches end; None: no more
        self.withdrawn = self.abandoned = False
        self.ready = threading.Event()  # set by read_first, or by join() to let the thread end

    def start(self, names, own: list[Path]) -> None:
        """Start the thread: it reads the files `own` into the user's graph itself, then copies the
        graphs `names` (the user's only if it could not) once `read_first` hands it the store in
        memory, then the closure as it comes (join() waits for it)."""
        self.thread = threading.Thread(target=self._run, args=(names, own), name="aigraph-copy", daemon=True)
        self.thread.start()

    def read_first(self, store: ox.Store) -> None:
        """The store in memory, its graphs read first whole."""
        self.source = store
        self.ready.set()

    def _run(self, names, own: list[Path]) -> None:
        from aigraph.build.graph import USER_DATA

        name_after_python()
        try:
            if self._read_own(own, USER_DATA):
                names = [name for name in names if name != USER_DATA]
            self.ready.wait()
            store, self.source = self.source, None
            if store is None:  # abandoned before the graphs read first were whole
                return
            written = self.write(store, names, "first")
            del store  # the thread holds the store in memory no longer than it reads it
            self.load(written, CHUNK_BESIDE_REASONING)
            _trim()  # what the loads freed, before reasoning grows further
            self._load_closure()
        except BaseException as error:  # raised again by join()
            self.error = error

    def _read_own(self, paths: list[Path], graph: ox.NamedNode) -> bool:
        """Bulk load the N-Triples files into `graph`, as the build reads them into memory; False,
        with nothing left loaded, when one has a blank node (each load would name it afresh), a
        line longer than N-Triples allows (the build tells what is wrong) or changed meanwhile
        (the build reads the files once more, later); False too once the build is abandoned."""
        stamps = [file_hash.stamp(path.stat()) for path in paths]
        if not paths or any(_has_blank_node(path) for path in paths):
            return False
        for path in paths:
            with path.open("rb") as lines:
                for chunk in _chunks(lines.read, CHUNK_BESIDE_REASONING):
                    if self.abandoned:
                        return False
                    if len(chunk) > CHUNK_BESIDE_REASONING + LONGEST_LINE:
                        self.disk.remove_graph(graph)
                        return False
                    self.disk.bulk_load(chunk, format=ox.RdfFormat.N_TRIPLES, to_graph=graph, lenient=True)
        if stamps != [file_hash.stamp(path.stat()) for path in paths]:
            self.disk.remove_graph(graph)
            return False
        return True

    def add(self, ntriples: bytes) -> None:
        """A batch of the closure, spilled to the file the thread loads it from."""
        self.spill.write(ntriples)
        self.spill.flush()
        self.spilled += len(ntriples)
        self.batches.put(self.spilled)

    def withdraw(self) -> None:
        """The closure is not what the batches add up to: it is copied with the rest instead."""
        self.withdrawn = True

    def _load_closure(self) -> None:
        """Load the spilled batches as they come, until join(); then, if they were withdrawn, remove
        what was loaded."""
        from aigraph.build.graph import INFERRED

        loaded, done = 0, False
        with self.closure.open("rb") as spilled:
            while not done:
                ends = [self.batches.get()]
                while not self.batches.empty():  # (this thread alone takes from the queue)
                    ends.append(self.batches.get_nowait())
                done = ends[-1] is None  # put last, by join(), once the store in memory is freed
                size = CHUNK if done else CHUNK_BESIDE_REASONING
                end = max((end for end in ends if end is not None), default=loaded)
                if self.abandoned:
                    return
                if not self.withdrawn and end > loaded:
                    spilled.seek(loaded)
                    for chunk in _chunks(_reader(spilled, end - loaded), size):
                        self._put(INFERRED, chunk)
                loaded = end
        if self.withdrawn:
            self.disk.remove_graph(INFERRED)
            inferred = f" {INFERRED} .\n".encode()
            self.blank = [line for line in self.blank if not line.endswith(inferred)]

    def join(self, quiet: bool = False) -> None:
        """Tell the thread the closure is whole and wait for it (when `quiet`, for it to stop);
        raise what stopped it, unless `quiet`."""
        self.abandoned = quiet
        self.ready.set()
        self.batches.put(None)
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        self.spill.close()
        with contextlib.suppress(OSError):
            os.unlink(self.closure)
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
                    for chunk in _chunks(lines.read, size):
                        self._put(name, chunk)
        finally:
            for _, path in written:
                with contextlib.suppress(OSError):
                    os.unlink(path)

    def _put(self, name: ox.NamedNode, chunk: bytes) -> None:
        """Bulk load whole lines of N-Triples into the graph `name`, but those with a blank node."""
        if b"_:" in chunk:
            kept = chunk.splitlines(keepends=True)
            self.blank += [line[:-3] + f" {name} .\n".encode() for line in kept if b"_:" in line]
            chunk = b"".join(line for line in kept if b"_:" not in line)
        if chunk:
            self.disk.bulk_load(chunk, format=ox.RdfFormat.N_TRIPLES, to_graph=name, lenient=True)

    def discard(self) -> None:
        """Close the store on disk now, as it is (the build failed): closed later, by the garbage
        collector, it would write into its folder once that is removed."""
        del self.disk

    def close(self) -> None:
        """Load the triples held back, all at once; flush, compact and close the store on disk
        (closed whatever fails). Each bulk load left files of its own, which every lookup reads:
        at 1M triples 79 files become 29, and the stored queries run 1.2-3x faster for 6-12 s
        more of the build (README, Performance)."""
        try:
            if self.blank:
                self.disk.bulk_load(b"".join(self.blank), format=ox.RdfFormat.N_QUADS, lenient=True)
            self.disk.flush()
            self.disk.optimize()
        finally:
            del self.disk


def _own_reading(inputs: list[tuple[str, Path]]) -> list[Path]:
    """The user's files, when each is in N-Triples (lines the copy can load a chunk at a time);
    else none (a file in no syntax aigraph reads included: the build tells)."""
    from aigraph.build.sources import FORMATS

    users = [path for role, path in inputs if role == "user"]
    return users if all(FORMATS.get(path.suffix.lower()) == ox.RdfFormat.N_TRIPLES for path in users) else []


def _has_blank_node(path: Path) -> bool:
    """Whether the N-Triples file may name a blank node (or has "_:" elsewhere: then too)."""
    with path.open("rb") as lines:
        last = b""
        while block := lines.read(CHUNK):
            if b"_:" in last + block:
                return True
            last = block[-1:]
    return False


def _chunks(read: Callable[[int], bytes], size: int) -> Iterator[bytes]:
    """What `read` gives, in pieces of about `size` bytes, each a run of whole lines (a piece
    grows no longer than LONGEST_LINE past `size` without a line's end)."""
    rest = b""
    while block := read(size):
        end = block.rfind(b"\n") + 1
        if end:
            yield rest + block[:end]
            rest = block[end:]
        else:
            rest += block
            if len(rest) > LONGEST_LINE:
                yield rest
                rest = b""
    if rest:
        yield rest


def _reader(source: BinaryIO, length: int) -> Callable[[int], bytes]:
    """`source.read`, to go no further than `length` bytes."""
    left = length

    def read(size: int) -> bytes:
        nonlocal left
        block = source.read(min(size, left))
        left -= len(block)
        return block
    return read


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
