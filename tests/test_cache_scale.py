"""The cache costs nothing that grows with unchanged inputs: a large file's hash is remembered by its
stat, a store's CRCs are read only when written and after a change; a large graph is built
straight into its cache entry, the same graph as one built in memory."""

from __future__ import annotations

import contextlib
import json
import os

import pyoxigraph as ox
import pytest

from aigraph import cache, cache_check, file_hash
from aigraph.api import Aigraph
from aigraph.build.graph import KnowledgeGraph
from aigraph.errors import InputError
from aigraph.home import find_home

ANSWER = ["GB 45438-2025", "GB/T 45654-2025"]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("AIGRAPH_CACHE", str(folder))
    return folder


@pytest.fixture
def counted(monkeypatch):
    """The files whose content is read to be hashed, in order."""
    reads = []
    real = file_hash._digest
    monkeypatch.setattr(file_hash, "_digest", lambda path: reads.append(path.name) or real(path))
    return reads


def big(path, fill=b"# padding\n"):
    path.write_bytes(fill * (file_hash.MEMO_FROM // len(fill) + 1))
    return path


def test_a_large_file_is_hashed_once_while_its_stat_is_unchanged(tmp_path, cache_dir, counted):
    data = big(tmp_path / "big.ttl")
    first = file_hash.sha256(data)
    assert file_hash.sha256(data) == first
    assert counted == ["big.ttl"]
    os.utime(data, ns=(0, 0))  # touched, same content: read again, same hash
    assert file_hash.sha256(data) == first
    big(data, b"# changed\n")
    assert file_hash.sha256(data) != first
    assert counted == ["big.ttl"] * 3


def test_a_small_file_is_hashed_each_time_and_remembered_nowhere(tmp_path, cache_dir, counted):
    small = tmp_path / "small.ttl"
    small.write_text("# small\n")
    assert file_hash.sha256(small) == file_hash.sha256(small)
    assert counted == ["small.ttl", "small.ttl"] and not (cache_dir / "hashes").exists()


def test_an_unreadable_memo_means_hashing_again(tmp_path, cache_dir, counted):
    data = big(tmp_path / "big.ttl")
    first = file_hash.sha256(data)
    for memo in (cache_dir / "hashes").glob("*.json"):
        memo.write_text("{not json")
    assert file_hash.sha256(data) == first and len(counted) == 2


def test_the_cache_key_of_unchanged_large_data_reads_no_data(home, tmp_path, cache_dir, counted):
    extra = big(tmp_path / "big.ttl")
    assert not Aigraph(home, data=[extra]).graph.from_cache
    counted.clear()
    graph = Aigraph(home, data=[extra]).graph
    assert graph.from_cache and "big.ttl" not in counted


def identifiers(home):
    return [row["identifier"].value for row in Aigraph(home).run("effective-after", {}).rows]


@pytest.fixture
def store_cache(cache_dir, monkeypatch):
    monkeypatch.setattr(cache, "LARGE", 1)  # every graph built into an on-disk store
    return cache_dir


def test_a_large_graph_is_built_into_its_entry_and_equals_one_built_in_memory(home, store_cache):
    from aigraph.build.graph import input_files

    graph = Aigraph(home).graph
    assert not graph.from_cache and graph.key is not None
    (store,) = store_cache.glob("*.store")
    assert not list(store_cache.glob(".*.store.*"))  # the build folder was moved into place
    in_memory = KnowledgeGraph.build(input_files(find_home(home)))
    assert set(graph.store) == set(in_memory.store)
    assert graph.files == in_memory.files
    assert list(store_cache.glob(f"{store.stem}.index-*.sqlite"))  # the name index beside it


EX = "@prefix ex: <http://example.org/> . @prefix owl: <http://www.w3.org/2002/07/owl#> . " \
     "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . ex:p rdfs:subPropertyOf ex:q . ex:x ex:p ex:y . "
WITHDRAWN = {  # the closure streamed to disk, then not what the graph holds: copied whole instead
    "noise taken out at the end": EX + "ex:z ex:p owl:Thing .",
    "rules.py deciding after the bulk path began": EX + "ex:f a owl:FunctionalProperty . ex:x ex:f ex:a , ex:b .",
    "owlrl alone": EX,
}


@pytest.mark.parametrize("case", sorted(WITHDRAWN))
def test_a_closure_withdrawn_from_the_copy_is_copied_whole(home, tmp_path, store_cache, monkeypatch, case):
    from aigraph.build import on_disk
    from aigraph.build.graph import INFERRED, input_files

    if case == "owlrl alone":
        monkeypatch.setenv("AIGRAPH_REASONER", "owlrl")
    withdrawn = []
    real = on_disk._Copy.withdraw
    monkeypatch.setattr(on_disk._Copy, "withdraw", lambda copy: withdrawn.append(1) or real(copy))
    data = tmp_path / "extra.ttl"
    data.write_text(WITHDRAWN[case], encoding="utf-8")
    graph = Aigraph(home, data=[data]).graph
    assert withdrawn and not graph.from_cache and graph.key is not None
    in_memory = KnowledgeGraph.build(input_files(find_home(home), [data]))
    assert set(graph.store) == set(in_memory.store)
    assert len(list(graph.store.quads_for_pattern(None, None, None, INFERRED))) > 0


def test_the_figures_are_counted_once_and_kept_with_the_entry(home, store_cache, monkeypatch):
    first = Aigraph(home).stats()
    (manifest,) = store_cache.glob("*.json")
    kept = json.loads(manifest.read_text())["figures"]
    assert kept["closure"] == {"triples": first["triples"], "classes": first["classes"]}
    assert "inferred" not in kept["asserted"]["triples"]
    assert kept["asserted"] == KnowledgeGraph(Aigraph(home).graph.store).summary(True)  # counted on the store
    monkeypatch.setattr(KnowledgeGraph, "query", lambda *args, **kwargs: pytest.fail("counted again"))
    again = Aigraph(home).stats()
    assert again["from_cache"] and again["triples"] == first["triples"]
    assert Aigraph(home, asserted=True).stats()["classes"] == kept["asserted"]["classes"]


@pytest.mark.parametrize("figures", [None, "many", {"closure": {"triples": {"data": "20"}}}, {"closure": []}])
def test_figures_the_manifest_keeps_wrong_are_counted_again(home, store_cache, figures):
    first = Aigraph(home).stats()
    (manifest,) = store_cache.glob("*.json")
    kept = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**kept, "figures": figures}))
    again = Aigraph(home).stats()
    assert again["from_cache"] and again["triples"] == first["triples"] and again["classes"] == first["classes"]


NT = ("<http://example.org/p> <http://www.w3.org/2000/01/rdf-schema#domain> <http://example.org/C> .\n"
      "<http://example.org/x> <http://example.org/p> \"a\" .\n")
OWN_READING = {  # N-Triples the copy reads from disk itself (True), or copies from memory (False)
    "plain": (NT, None, True),
    "with a blank node": (NT + '_:b <http://example.org/p> "b" .\n', None, False),
    "changed while the copy read it": (NT, "changed", False),
}


@pytest.mark.parametrize("case", sorted(OWN_READING))
def test_the_users_ntriples_reach_the_disk_store_once_either_way(home, tmp_path, store_cache, monkeypatch, case):
    from aigraph.build import on_disk
    from aigraph.build.graph import input_files

    text, change, own = OWN_READING[case]
    data = tmp_path / "extra.nt"
    data.write_text(text, encoding="utf-8")
    read = []
    real_read, real_stamp = on_disk._Copy._read_own, file_hash.stamp
    monkeypatch.setattr(on_disk._Copy, "_read_own", lambda copy, *args: read.append(real_read(copy, *args)) or read[-1])
    if change:  # the stat the copy sees after reading differs from the one before
        stamps = iter(range(1000))
        monkeypatch.setattr(on_disk.file_hash, "stamp", lambda status: [next(stamps)])
    graph = Aigraph(home, data=[data]).graph
    monkeypatch.setattr(on_disk.file_hash, "stamp", real_stamp)
    assert read == [own] and not graph.from_cache and graph.key is not None
    in_memory = KnowledgeGraph.build(input_files(find_home(home), [data]))
    assert _without_blank_labels(graph.store) == _without_blank_labels(in_memory.store)
    rows = graph.query('SELECT ?s WHERE { ?s <http://example.org/p> ?v ; a <http://example.org/C> }')
    assert len(list(rows)) == text.count("<http://example.org/p> \"")  # a blank node's type joined it


def _without_blank_labels(store) -> set:
    return {tuple("_:" if isinstance(t, ox.BlankNode) else t for t in quad) for quad in store}


def test_a_file_with_no_line_end_is_never_held_whole(home, tmp_path, store_cache, monkeypatch):
    from aigraph.build import on_disk

    monkeypatch.setattr(on_disk, "LONGEST_LINE", 64)
    monkeypatch.setattr(on_disk, "CHUNK_BESIDE_REASONING", 16)
    data = tmp_path / "extra.nt"
    data.write_text(NT + "<http://example.org/x> <http://example.org/p> " + "<a:b> " * 40, encoding="utf-8")
    pieces = list(on_disk._chunks(data.open("rb").read, 16))
    assert max(map(len, pieces)) <= 64 + 16 and b"".join(pieces) == data.read_bytes()
    with pytest.raises(InputError, match=r"extra\.nt:3:"):
        _ = Aigraph(home, data=[data]).graph
    assert not list(store_cache.glob(".*.store*")) and not list(store_cache.glob("*.part"))


def test_a_file_in_no_known_syntax_is_told_and_leaves_nothing(home, tmp_path, store_cache):
    data = tmp_path / "extra.csv"
    data.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown RDF file extension '\.csv'"):
        _ = Aigraph(home, data=[data]).graph
    assert not list(store_cache.glob(".*.store*")) and not list(store_cache.glob(".*.part"))


def test_a_build_failing_in_reasoning_stops_every_thread_and_leaves_nothing(home, tmp_path, store_cache, monkeypatch):
    import gc
    import threading

    from aigraph import reasoning

    def fail(*args, **kwargs):
        raise RuntimeError("reasoning failed")

    monkeypatch.setattr(reasoning, "infer_into", fail)  # the copy thread has begun
    data = tmp_path / "extra.nt"
    data.write_text(NT, encoding="utf-8")
    with pytest.raises(RuntimeError, match="reasoning failed"):
        _ = Aigraph(home, data=[data]).graph
    threads = [thread for thread in threading.enumerate() if thread.name in ("aigraph-index", "aigraph-copy")]
    for thread in threads:
        thread.join(timeout=10)
    assert not [thread for thread in threads if thread.is_alive()]
    gc.collect()  # whatever the error's traceback held, closed: a store then closed writes nothing more
    assert not list(store_cache.glob("*.store")) and not list(store_cache.glob(".*.store*"))
    assert not list(store_cache.glob("*.sqlite")) and not list(store_cache.glob("*.part"))


def test_the_index_reads_the_data_graphs_while_reasoning_runs(home, tmp_path, store_cache, monkeypatch):
    import threading

    from aigraph import reasoning
    from aigraph.find import index

    read = threading.Event()
    real_read, real_infer = index.read_asserted, reasoning.infer_into

    def read_asserted(store):
        found = real_read(store)
        read.set()
        return found

    def infer_into(*args, **kwargs):
        assert read.wait(timeout=60), "reasoning ran alone: the index waited for it"
        return real_infer(*args, **kwargs)

    monkeypatch.setattr(index, "read_asserted", read_asserted)
    monkeypatch.setattr(reasoning, "infer_into", infer_into)
    data = tmp_path / "extra.nt"
    data.write_text(NT, encoding="utf-8")
    graph = Aigraph(home, data=[data]).graph
    assert graph.from_cache is False and list(store_cache.glob("*.sqlite"))
    assert graph.index.execute("SELECT count(*) FROM entity").fetchone()[0] > 0


def test_a_build_failing_while_the_index_is_written_leaves_no_index(home, tmp_path, store_cache, monkeypatch):
    """The index is written once reasoning is done; a failure after that (here in the dataset's
    counts, while the index is still being written) waits for it to end before its file is removed."""
    import threading
    import time

    from aigraph.build import graph as built
    from aigraph.find import index

    def fail(store):
        (indexing,) = [thread for thread in threading.enumerate() if thread.name == "aigraph-index"]
        indexing.store_read.wait()
        raise RuntimeError("counting failed")

    real_write = index.write
    monkeypatch.setattr(built, "_dataset_counts", fail)
    monkeypatch.setattr(index, "write", lambda found, path: time.sleep(0.5) or real_write(found, path))
    with pytest.raises(RuntimeError, match="counting failed"):
        _ = Aigraph(home).graph
    assert not [thread for thread in threading.enumerate() if thread.name in ("aigraph-index", "aigraph-copy")]
    assert not list(store_cache.glob("*.sqlite")) and not list(store_cache.glob("*.part"))
    assert not list(store_cache.glob("*.store")) and not list(store_cache.glob(".*.store*"))


@pytest.mark.parametrize("line", ["<http://example.org/x> <http://example.org/p> .",  # no object
                                  # an IRI the copy on disk, which parses leniently, would take
                                  "<http://example.org/a b> <http://example.org/p> <http://example.org/o> ."])
def test_ntriples_that_do_not_parse_are_told_with_their_line_and_leave_nothing(home, tmp_path, store_cache, line):
    data = tmp_path / "extra.nt"
    data.write_text(NT + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"extra\.nt:3:"):
        _ = Aigraph(home, data=[data]).graph
    assert not list(store_cache.glob("*.store")) and not list(store_cache.glob(".*.store*"))
    assert not list(store_cache.glob("*.json")) and not list(store_cache.glob("*.part"))


def test_the_index_built_from_the_graph_in_memory_equals_one_built_from_its_store(home, store_cache, tmp_path):
    import sqlite3

    from aigraph.find.index import file_for, save

    graph = Aigraph(home).graph
    save(graph.store, tmp_path / "from-the-store.sqlite")

    def rows(path):  # an entity's names in any order: the stores list a property's values differently
        with contextlib.closing(sqlite3.connect(path)) as connection:
            tables = {table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
                      for table in ("entity", "name", "word")}
        tables["entity"] = [(*row[:8], sorted(row[8].split("\n")), *row[9:]) for row in tables["entity"]]
        return tables

    built = rows(file_for(graph.key))
    assert built["entity"] and built["name"] and built == rows(tmp_path / "from-the-store.sqlite")
    assert not list(store_cache.glob(".*.part"))  # moved into place, nothing left beside it


def test_opening_an_unchanged_store_reads_none_of_its_files(home, store_cache, monkeypatch):
    assert identifiers(home) == ANSWER
    monkeypatch.setattr(cache_check, "_crc", lambda path: pytest.fail(f"{path.name} was read"))
    assert Aigraph(home).graph.from_cache
    assert identifiers(home) == ANSWER


def test_a_touched_store_file_is_checked_once_then_trusted(home, store_cache, monkeypatch):
    assert identifiers(home) == ANSWER
    (store,) = store_cache.glob("*.store")
    sst = max(store.glob("*.sst"), key=lambda p: p.stat().st_size)
    os.utime(sst, ns=(0, 0))  # same content, new stat
    checked = []
    real = cache_check._crc
    monkeypatch.setattr(cache_check, "_crc", lambda path: checked.append(path.name) or real(path))
    assert Aigraph(home).graph.from_cache
    assert checked == [sst.name]
    assert Aigraph(home).graph.from_cache and checked == [sst.name]  # its new stat was recorded
    manifest = json.loads((store_cache / f"{store.stem}.json").read_text())
    assert manifest["stamps"][sst.name][1] == 0


def test_a_bad_data_file_leaves_no_entry_and_no_build_folder(home, tmp_path, store_cache):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a:x> <a:y> .\n")
    with pytest.raises(InputError, match=r"bad\.ttl:1:"):
        _ = Aigraph(home, data=[bad]).graph
    assert not list(store_cache.glob("*.store")) and not list(store_cache.glob(".*.store.*"))
    assert not list(store_cache.glob("*.json"))


def test_a_bad_file_read_after_reasoning_is_the_error_told_and_leaves_nothing(home, tmp_path, store_cache):
    """Evidence is read after reasoning, while the graphs read first are being copied to disk."""
    (home / "data" / "evidence").mkdir()
    (home / "data" / "evidence" / "broken.ttl").write_text("<a:x> <a:y> .\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.ttl:1:"):
        _ = Aigraph(home).graph
    assert not list(store_cache.glob("*.store")) and not list(store_cache.glob(".*.store*"))
    assert not list(store_cache.glob("*.json")) and not list(store_cache.glob("*.part"))


def test_the_bundled_home_builds_in_memory_and_caches_nquads(cache_dir):
    graph = Aigraph().graph  # the bundled home
    assert not graph.from_cache
    assert list(cache_dir.glob("*.nq")) and not list(cache_dir.glob("*.store"))


def test_a_blank_node_stays_one_node_through_the_chunked_write(home, tmp_path, store_cache, monkeypatch):
    from aigraph.build import on_disk

    # every quad without a blank node in a load of its own, the user's graph copied while reasoning
    # runs and the closure after it: the node's inferred type must join its asserted triples
    monkeypatch.setattr(on_disk, "CHUNK", 1)
    monkeypatch.setattr(on_disk, "CHUNK_BESIDE_REASONING", 1)
    data = tmp_path / "blank.ttl"
    data.write_text('<http://example.org/q> <http://www.w3.org/2000/01/rdf-schema#domain> <http://example.org/C> .\n'
                    '<http://example.org/x> <http://example.org/p> [ <http://example.org/q> "a" ; '
                    '<http://example.org/r> "b" ] .\n', encoding="utf-8")
    graph = Aigraph(home, data=[data]).graph
    assert not graph.from_cache and graph.key is not None  # built into the cache
    rows = list(graph.query("SELECT ?q ?r WHERE { <http://example.org/x> <http://example.org/p> ?b . "
                            "?b <http://example.org/q> ?q ; <http://example.org/r> ?r ; a <http://example.org/C> }"))
    assert [(row["q"].value, row["r"].value) for row in rows] == [("a", "b")]


def recorded_disk(monkeypatch, calls: list, compaction_error: OSError | None = None) -> None:
    """The build's store on disk notes the name of each method called in `calls`; its compaction
    raises `compaction_error` when given."""
    from aigraph.build import on_disk

    class Recorded:
        def __init__(self, store):
            self.store = store

        def __getattr__(self, name):
            method = getattr(self.store, name)

            def call(*args, **kwargs):
                calls.append(name)
                if name == "optimize" and compaction_error is not None:
                    raise compaction_error
                return method(*args, **kwargs)
            return call

    real = on_disk._Copy.__init__
    monkeypatch.setattr(on_disk._Copy, "__init__", lambda copy, disk, temp: real(copy, Recorded(disk), temp))


def test_the_store_is_compacted_once_nothing_more_is_loaded(home, tmp_path, store_cache, monkeypatch):
    from aigraph.build import on_disk

    # each bulk load leaves files of its own that every lookup reads (at 1M triples the stored
    # queries ran 1.2-3x slower): the build merges them after the last load, the blank nodes' one
    calls: list[str] = []
    recorded_disk(monkeypatch, calls)
    monkeypatch.setattr(on_disk, "CHUNK", 1)
    monkeypatch.setattr(on_disk, "CHUNK_BESIDE_REASONING", 1)
    data = tmp_path / "blank.ttl"
    data.write_text('<http://example.org/x> <http://example.org/p> [ <http://example.org/q> "a" ] .\n',
                    encoding="utf-8")
    graph = Aigraph(home, data=[data]).graph
    assert not graph.from_cache and graph.key is not None  # built into the cache
    assert calls.count("bulk_load") > 10 and calls[-3:] == ["bulk_load", "flush", "optimize"]
    assert graph.query('ASK { <http://example.org/x> <http://example.org/p> [ <http://example.org/q> "a" ] }')


def test_a_compaction_that_fails_leaves_no_store_and_the_graph_is_built_in_memory(home, store_cache, monkeypatch,
                                                                                   capsys):
    import threading

    calls: list[str] = []
    recorded_disk(monkeypatch, calls, OSError(28, "No space left on device"))
    graph = Aigraph(home).graph
    assert "optimize" in calls
    assert "No space left on device" in capsys.readouterr().err
    assert graph.query("ASK { ?s ?p ?o }")
    assert not [thread for thread in threading.enumerate() if thread.name == "aigraph-copy"]
    assert not list(store_cache.glob("*.part")) and not list(store_cache.glob(".*.part"))
    assert not list(store_cache.glob("*.store")) and not list(store_cache.glob(".*.store*"))


def test_an_unchanged_home_is_not_read_again_to_key_the_cache(home, cache_dir, counted):
    assert not Aigraph(home).graph.from_cache
    assert counted  # the first key reads every input
    counted.clear()
    assert Aigraph(home).graph.from_cache and counted == []


def test_the_remembered_key_follows_any_input_that_changes(home, tmp_path, cache_dir, counted):
    from aigraph.build.graph import input_files

    inputs = input_files(find_home(home))
    first = cache.input_key("v", inputs)
    counted.clear()
    _, touched = inputs[0]
    os.utime(touched, ns=(0, 0))  # same content, new stat: read again, same key
    assert cache.input_key("v", inputs) == first and touched.name in counted
    touched.write_bytes(touched.read_bytes() + b"\n# changed\n")
    assert cache.input_key("v", inputs) != first
    for memo in (cache_dir / "keys").glob("*.json"):
        memo.write_text('{"inputs": [], "key": "not this one"}')
    assert cache.input_key("v", inputs) == cache.input_key("v", inputs) != "not this one"
