"""An independent engine: Comunica (from npm) runs every stored query, and `describe`, over the
exported Turtle file, of the closed graph and of the asserted graph (but those in NOT_ASKED), and
must give the rows the local graph gives.

Comunica 4.5 fails ("Cannot read properties of undefined (reading 'map')") on an EXISTS or NOT
EXISTS inside an OPTIONAL (a left join's filter), so the stored queries keep those out of their
OPTIONALs. The queries in SLOW may take it longer than PER_QUERY_SECONDS: a time-out there is an
xfail, and they run last, so that the work Comunica leaves running after a time-out does not slow
the others. Any other error, and any row that differs, fails.

Comunica comes from `npm install @comunica/query-sparql-file` into a folder named by
AIGRAPH_COMUNICA (default /tmp/aigraph-comunica; .ci/run installs it there). The queries run in
node processes (tests/comunica/run-queries.js), one per core at a time, each reading its graph
once and answering a share of that graph's queries.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import missing
from test_store import LANG_NAMES, OPTIONAL_IDS, OPTIONAL_VALUES, parameter_values, rows

from aigraph.api import Aigraph
from aigraph.queries import catalog
from aigraph.queries.describe import describe_query
from aigraph.queries.lists import in_order, list_columns
from aigraph.queries.sparql_text import with_values
from aigraph.queries.table import from_solutions

ROOT = Path(__file__).resolve().parents[1]
RUNNER = Path(__file__).parent / "comunica" / "run-queries.js"
NAMES = catalog.names(ROOT / "queries")
DESCRIBED = "GB 45438-2025"
PER_QUERY_SECONDS = 40  # a loaded CI machine; only the slow ones (run last) wait this long
# Comunica 4.5 may not answer these within PER_QUERY_SECONDS: search over the asserted graph
# takes it about 28 s (Oxigraph takes milliseconds), timeline up to 15 s alone, so either may miss
# it on a loaded machine. A time-out is an xfail with Comunica's message; an answer is compared
# like any other. They run last, search last of all.
SLOW = ("timeline", "search")
MODES = ("closed", "asserted")
# Not asked at all: search over the closed graph, in English and in Chinese: one or both ran out
# of the 40 s in four runs of seven on 2026-12-03 (an xfail that compares nothing, and up to 80 s
# of the suite's longest module); the asserted graph's search is compared.
NOT_ASKED = {("search", "closed")}
ASKED_IN_CHINESE = [name for name in LANG_NAMES if (name, "closed") not in NOT_ASKED]  # on the closed graph


def comunica_modules() -> Path:
    folder = Path(os.environ.get("AIGRAPH_COMUNICA", "/tmp/aigraph-comunica")) / "node_modules"
    if shutil.which("node") and (folder / "@comunica" / "query-sparql-file").is_dir():
        return folder
    message = (f"Comunica is not installed in {folder.parent} (npm install --prefix {folder.parent} "
               "@comunica/query-sparql-file), or node is missing")
    missing(message)


def node_processes(session: pytest.Session) -> int:
    """Node processes at once, each answering a share of one graph's queries: every core when this
    module is all the session runs, else the cores the other test workers leave (pytest-xdist)."""
    cores = os.cpu_count() or 1
    if all(item.path == Path(__file__) for item in session.items):
        return cores
    return max(1, cores // int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))


def local(asserted: bool) -> Aigraph:
    return Aigraph(ROOT, asserted=asserted)


def _texts(asserted: bool) -> dict[str, str]:
    """Every stored query as sent to a store (parameters bound), each again with its optional
    parameters given (under the test id of OPTIONAL_VALUES) and, on the closed graph, in Chinese
    (under NAME@zh), and describe's query."""
    graph = local(asserted)
    entity = ox.NamedNode(graph.resolve(DESCRIBED).iri)
    texts = {"describe": with_values(describe_query(local=False),
                                     {"entity": str(entity), "assertedOnly": str(ox.Literal(asserted))})}
    mode = "asserted" if asserted else "closed"
    runs = [(name, name, parameter_values(graph.stored(name)), "en") for name in NAMES if (name, mode) not in NOT_ASKED]
    runs += [(key, name, values, "en") for key, (name, values) in zip(OPTIONAL_IDS, OPTIONAL_VALUES, strict=True)]
    if not asserted:  # the labels in Chinese, on the closed graph
        runs += [(f"{name}@zh", name, parameter_values(graph.stored(name)), "zh") for name in ASKED_IN_CHINESE]
    for key, name, values, lang in sorted(runs, key=lambda run: SLOW.index(run[1]) + 1 if run[1] in SLOW else 0):
        texts[key] = graph.render_stored(name, values, lang)
    return texts


def _run(data: Path, texts: list[str], modules: Path) -> list[dict]:
    """Comunica's answer to each query over the data file, in one node process."""
    handle, name = tempfile.mkstemp(suffix=".json", dir=data.parent)  # one file per process
    with os.fdopen(handle, "w", encoding="utf-8") as queries:
        json.dump(texts, queries)
    done = subprocess.run(["node", str(RUNNER), str(data), name, str(PER_QUERY_SECONDS)],
                          capture_output=True, text=True, timeout=60 + PER_QUERY_SECONDS * len(texts),
                          env={**os.environ, "NODE_PATH": str(modules)})
    assert done.returncode == 0, done.stderr[-500:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def answers(request, tmp_path_factory):
    """Each query's answer from Comunica over the export of each graph. A query that failed
    with an error other than a time-out is asked once more, alone, in a fresh process: Comunica
    4.5 now and then throws an internal TypeError ("Cannot read properties of undefined (reading
    'get')", committee-profile in one CI run of two) on a query it answers on the next run. An
    error the second time stands."""
    modules = comunica_modules()
    workers = node_processes(request.session)
    folder = tmp_path_factory.mktemp("comunica")
    found, shares = {}, []
    for mode in MODES:
        asserted = mode == "asserted"
        data = folder / f"{mode}.ttl"
        data.write_bytes(local(asserted).export("turtle"))
        texts = _texts(asserted)
        found[mode] = {}, texts
        keys = list(texts)  # the slow ones last, in each share too
        shares += [(mode, data, keys[start::workers]) for start in range(workers)]

    def ask(share) -> list[dict]:
        mode, data, keys = share
        return _run(data, [found[mode][1][key] for key in keys], modules)

    with ThreadPoolExecutor(workers) as pool:
        for (mode, _, keys), share_entries in zip(shares, pool.map(ask, shares), strict=True):
            found[mode][0].update(zip(keys, share_entries, strict=True))
    for mode, (entries, texts) in found.items():
        for name, entry in entries.items():
            if "error" in entry and not entry["error"].startswith("no answer within"):
                (entries[name],) = _run(folder / f"{mode}.ttl", [texts[name]], modules)
    return found


def _table(entry: dict, text: str, name: str = "describe"):
    if "error" in entry:
        if name in SLOW:
            pytest.xfail(f"Comunica 4: {entry['error']}")
        pytest.fail(f"Comunica 4 cannot answer {name}: {entry['error']}")
    answer = json.loads(entry["results"])  # Comunica adds a "metadata" member; keep the standard ones
    standard = json.dumps({key: answer[key] for key in ("head", "results")})
    solutions = ox.parse_query_results(standard.encode(), format=ox.QueryResultsFormat.JSON)
    return in_order(from_solutions(solutions), list_columns(text))


def assert_same_on_comunica(answers, mode: str, key: str, name: str, values: dict[str, str], lang: str = "en"):
    """Comunica's answer to the text under `key` is the local graph's, row for row."""
    entries, texts = answers[mode]
    here = local(mode == "asserted").run(name, values, lang)
    there = _table(entries[key], texts[key], name)
    assert here.variables == there.variables
    assert rows(here) == rows(there)


@pytest.mark.parametrize(("name", "mode"), [(name, mode) for name in NAMES for mode in MODES
                                             if (name, mode) not in NOT_ASKED])
def test_every_stored_query_answers_the_same_on_comunica(answers, name, mode):
    assert_same_on_comunica(answers, mode, name, name, parameter_values(local(False).stored(name)))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("key", "name", "values"),
                         [(key, *case) for key, case in zip(OPTIONAL_IDS, OPTIONAL_VALUES, strict=True)],
                         ids=OPTIONAL_IDS)
def test_optional_parameters_answer_the_same_on_comunica(answers, key, name, values, mode):
    assert_same_on_comunica(answers, mode, key, name, values)


@pytest.mark.parametrize("name", ASKED_IN_CHINESE)
def test_chinese_labels_answer_the_same_on_comunica(answers, name):
    assert_same_on_comunica(answers, "closed", f"{name}@zh", name, parameter_values(local(False).stored(name)), "zh")


@pytest.mark.parametrize("mode", MODES)
def test_describe_answers_the_same_on_comunica(answers, mode):
    entries, texts = answers[mode]
    here = local(mode == "asserted").describe(DESCRIBED)
    there = _table(entries["describe"], texts["describe"])
    strip = [name for name in here.variables if name != "origin"]
    assert Counter(tuple(str(r.get(n)) for n in strip) for r in here.rows) == \
           Counter(tuple(str(r.get(n)) for n in strip) for r in there.rows)
