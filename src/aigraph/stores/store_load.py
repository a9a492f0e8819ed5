"""Loading the graph into a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

A store that applies a Graph Store request in one transaction (StoreKind.atomic: Oxigraph) gets
the whole graph in one PUT (--replace) or POST (--append), unless chunks are asked for: it takes
all of it or none. Elsewhere, with an update service, the triples go in chunks into a fresh
temporary graph, whose size is checked before one SPARQL Update moves (--replace) or adds
(--append) it into the target: a load that fails part-way leaves the target as it was. Without
one, --append posts the chunks straight to the target. Chunks never split the triples that share
a blank node (a blank node label only holds within one request). The target's triple count is
checked afterwards.

Nothing that changes the store is sent twice: the chunks after the first go by POST, and the swap
is one SPARQL Update, so neither is repeated once the store may have received it. When the swap
fails, the store is asked what the target and the temporary graph hold, and the error says so.

Virtuoso has no default graph of its own (a query without FROM sees every graph, and `DEFAULT` in
an update must be declared), so "the default graph" of a Virtuoso store is the named graph
VIRTUOSO_DEFAULT_GRAPH, which its queries see with the others.
"""

from __future__ import annotations

import re
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from aigraph.errors import AigraphError, BadOption
from aigraph.registry import STORE_KINDS
from aigraph.stores.http_client import Client, StatusError, Unreachable, check_url
from aigraph.stores.kinds import OTHER_SHAPES, VIRTUOSO_DEFAULT_GRAPH  # noqa: F401 (named here too)
from aigraph.stores.payload import Payload
from aigraph.stores.remote import RemoteGraph, check_iri, update

CHUNK = 50_000
_NTRIPLES = {"Content-Type": "application/n-triples"}


@dataclass(frozen=True)
class StoreUrls:
    """Where a store takes triples (GSP) and answers queries and updates (None: unknown)."""

    gsp: str
    query: str | None = None
    update: str | None = None
    default_graph: str | None = None  # a store without a default graph: the graph standing for it
    atomic: bool = False  # it applies one Graph Store request all or nothing (stores/kinds.py)


@dataclass(frozen=True)
class LoadReport:
    """What a load sent and what the store holds afterwards."""

    sent: int
    count: int
    target: str
    replaced: bool

    def summary(self) -> str:
        """One line for the user."""
        verb = "replaced" if self.replaced else "appended to"
        return (f"{verb} {self.target}: {self.sent} triples sent; "
                f"the store reports {self.count} triples there")


def store_urls(gsp: str | None = None, kind: str | None = None, base: str | None = None,
               dataset: str | None = None, query: str | None = None,
               update_url: str | None = None) -> StoreUrls:
    """The store's URLs: a GSP URL as is (the others derived when it has a known shape), or a
    kind of store and its base URL; explicit query and update URLs win."""
    if (gsp is None) == (kind is None):
        raise BadOption("give the store as --store URL or as --kind with --base, not both")
    if kind is not None:
        derived = _for_kind(kind, base, dataset)
    elif base or dataset:
        raise BadOption("--base and --dataset go with --kind, not with --store")
    else:
        assert gsp is not None  # one of --store and --kind was given
        derived = _derive(check_url(gsp, "--store")) or StoreUrls(gsp)
    for url, option in ((query, "--endpoint"), (update_url, "--update")):
        if url is not None:
            check_url(url, option)
    return StoreUrls(derived.gsp, query or derived.query, update_url or derived.update,
                     derived.default_graph, derived.atomic)


def _for_kind(kind: str, base: str | None, dataset: str | None) -> StoreUrls:
    store = STORE_KINDS.get(kind)
    if base is None:
        raise BadOption("--kind needs --base URL")
    base = check_url(base, "--base").rstrip("/")
    needs = store.needs_dataset
    if needs and not dataset:
        raise BadOption(f"--kind {kind} needs --dataset NAME")
    if dataset and not needs:
        raise BadOption(f"--kind {kind} has no datasets; drop --dataset")
    name = urllib.parse.quote(dataset or "", safe="")
    gsp, query, update_url = (base + path.format(dataset=name) for path in (store.gsp, store.query, store.update))
    return StoreUrls(gsp, query, update_url, store.default_graph, store.atomic)


def _derive(gsp: str) -> StoreUrls | None:
    parts = urllib.parse.urlsplit(gsp)
    if parts.query or parts.fragment:
        return None
    for store in (*(STORE_KINDS.get(kind) for kind in STORE_KINDS.names()), *OTHER_SHAPES):
        pattern = re.escape(store.gsp).replace(re.escape("{dataset}"), "(?P<dataset>[^/]+)")
        found = re.search(f"{pattern}$", parts.path)
        if found:
            base = urllib.parse.urlunsplit(parts._replace(path=parts.path[:found.start()]))
            name = found.groupdict().get("dataset", "")
            return StoreUrls(gsp, base + store.query.format(dataset=name),
                             base + store.update.format(dataset=name), store.default_graph, store.atomic)
    return None


def chunks(triples: list[ox.Triple], size: int = CHUNK) -> list[list[ox.Triple]]:
    """The triples in chunks of about `size`, keeping all triples that share blank nodes together."""
    parent: dict[ox.BlankNode, ox.BlankNode] = {}

    def root(node):
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def blanks(triple):
        return [t for t in (triple.subject, triple.object) if isinstance(t, ox.BlankNode)]

    for triple in triples:
        nodes = blanks(triple)
        for other in nodes[1:]:
            parent[root(other)] = root(nodes[0])
    units: dict[object, list[ox.Triple]] = {}
    for index, triple in enumerate(triples):
        nodes = blanks(triple)
        units.setdefault(root(nodes[0]) if nodes else index, []).append(triple)
    out: list[list[ox.Triple]] = [[]]
    for unit in units.values():
        if out[-1] and len(out[-1]) + len(unit) > size:
            out.append([])
        out[-1].extend(unit)
    return out


def graph_url(gsp: str, graph: str | None) -> str:
    """The GSP URL addressing a named graph, or the default graph."""
    joiner = "&" if urllib.parse.urlsplit(gsp).query else "?"
    if graph is None:
        return f"{gsp}{joiner}default"
    return f"{gsp}{joiner}{urllib.parse.urlencode({'graph': graph})}"


def load(triples: list[ox.Triple] | Payload, urls: StoreUrls, client: Client | None = None,
         graph: str | None = None, replace: bool = True, chunk_size: int | None = None,
         progress: Callable[[int, int], None] | None = None) -> LoadReport:
    """Send the triples to the store's default graph (or `graph`), then check its triple count.

    `chunk_size`: triples per request (default: all in one to an atomic store, else CHUNK).
    `progress(sent, total)` is called after each request.
    """
    client = client or Client()
    payload = triples if isinstance(triples, Payload) else Payload.of(triples)
    whole = urls.atomic and chunk_size is None
    if graph is not None:
        check_iri(graph)
    if replace and urls.update is None and not whole:
        raise BadOption("--replace needs the store's SPARQL Update URL (--update, or --kind) to "
                        "swap the new graph in atomically; or use --append")
    target = (f"graph <{graph}>" if graph else "the default graph") + f" of {urls.gsp}"
    if graph is None and urls.default_graph is not None:
        graph = urls.default_graph
        target = f"the default graph (graph <{graph}>, which queries see with every other) of {urls.gsp}"
    before = 0 if replace else count_triples(urls, client, graph)
    total = payload.count
    if whole:
        _send_whole(payload, urls, graph, replace, client, progress)
    elif urls.update is None:
        _post_all(payload.parts(chunk_size or CHUNK), urls.gsp, graph, client, progress, total)
    else:
        temporary = _load_temporary(payload.parts(chunk_size or CHUNK), urls, client, progress, total)
        _swap(temporary, urls, graph, replace, client, before, total)
    count = count_triples(urls, client, graph)
    low, high = (total, total) if replace else (max(before, total), before + total)
    if not low <= count <= high:
        expected = str(low) if low == high else f"{low} to {high}"
        raise AigraphError(f"{target}: the store reports {count} triples after the load, "
                           f"expected {expected}")
    return LoadReport(total, count, target, replace)


def count_triples(urls: StoreUrls, client: Client, graph: str | None) -> int:
    """A graph's triples: by a COUNT query when the query URL is known, else by a GSP download."""
    if urls.query is not None:
        return RemoteGraph(urls.query, client).count(graph)
    try:
        answer = client.request("GET", graph_url(urls.gsp, graph),
                                headers={"Accept": "application/n-triples"})
    except StatusError as error:
        if error.status == 404 and graph is not None:
            return 0  # the named graph does not exist yet
        raise
    try:
        return sum(1 for _ in ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as error:
        raise AigraphError(f"{urls.gsp} sent unreadable N-Triples: {error}") from None


def _post_all(parts, gsp, graph, client, progress, total) -> None:
    sent = 0
    for part in parts:
        lines = part.count(b"\n")
        try:
            _send(client, "POST", gsp, graph, part)
        except AigraphError as error:
            raise AigraphError(f"{error}; {sent} of {total} triples were appended before it, and the "
                               f"store may hold part of the {lines} in the failed request") from None
        sent += lines
        if progress:
            progress(sent, total)


def _load_temporary(parts, urls, client, progress, total) -> str:
    temporary = f"urn:uuid:{uuid.uuid4()}"
    sent = 0
    try:
        for index, part in enumerate(parts):
            _send(client, "PUT" if index == 0 else "POST", urls.gsp, temporary, part)
            sent += part.count(b"\n")
            if progress:
                progress(sent, total)
        loaded = count_triples(urls, client, temporary)
        if loaded != total:
            raise AigraphError(f"the store holds {loaded} of the {total} triples sent to "
                               f"the temporary graph <{temporary}>")
    except BaseException as error:
        _fail(error, urls.update, client, temporary, "the target graph is unchanged", sent > 0)
    return temporary


def _swap(temporary: str, urls: StoreUrls, graph: str | None, replace: bool, client: Client,
          before: int, total: int) -> None:
    assert urls.update is not None  # the temporary-graph path needs an update service
    into = f"GRAPH <{graph}>" if graph else "DEFAULT"
    text = (f"MOVE GRAPH <{temporary}> TO {into}" if replace else
            f"ADD GRAPH <{temporary}> TO {into} ; DROP SILENT GRAPH <{temporary}>")
    try:
        update(RemoteGraph(urls.update, client), text)
    except AigraphError as error:
        raise AigraphError(f"{error}; {_state_after_swap(urls, client, graph, temporary, replace, before, total)}") from None
    except BaseException as error:  # interrupted: the update may or may not have been applied
        _drop(urls.update, client, temporary)
        raise error


def _state_after_swap(urls: StoreUrls, client: Client, graph: str | None, temporary: str,
                      replace: bool, before: int, total: int) -> str:
    """What a failed swap left, as far as the store tells: applied, not applied, or unknown."""
    assert urls.update is not None  # the temporary-graph path needs an update service
    quick = Client(timeout=min(client.timeout, 10.0), credentials=client.credentials, attempts=1)
    try:
        held = count_triples(urls, quick, graph)
        waiting = count_triples(urls, quick, temporary)
    except AigraphError:
        return (f"the store did not say what the target holds now: check it, and graph <{temporary}> "
                "with the new triples")
    if waiting == total:  # the temporary graph is intact: the swap did not happen
        if replace or held == before:
            kept = _drop(urls.update, quick, temporary)
            left = f"; the new triples remain in graph <{temporary}>" if kept else ""
            return f"the swap was not applied: the target is unchanged ({held} triples){left}"
        return (f"the target now holds {held} triples (it held {before}) and graph <{temporary}> "
                f"still holds the {total} new ones: check both")
    if waiting == 0 and (held == total if replace else before <= held <= before + total):
        return f"yet the swap was applied: the target holds {held} triples"
    return (f"the target holds {held} triples and graph <{temporary}> {waiting}: the swap may be "
            "partly applied; check both")


def _fail(error: BaseException, update_url: str, client: Client, temporary: str, state: str,
          loaded: bool):
    kept = _drop(update_url, client, temporary) and loaded
    if not isinstance(error, AigraphError):
        raise error
    left = f"; a partial copy may remain in graph <{temporary}>" if kept else ""
    raise AigraphError(f"{error}; {state}{left}") from None


def _send(client: Client, method: str, gsp: str, graph: str | None, part: bytes) -> None:
    client.request(method, graph_url(gsp, graph), part, _NTRIPLES)


def _send_whole(payload: Payload, urls: StoreUrls, graph: str | None, replace: bool, client: Client,
                progress: Callable[[int, int], None] | None) -> None:
    """One PUT (replace) or POST (append) of every triple, to a store that applies it whole or not
    at all. Unreached or refused (4xx), it changed nothing; failed otherwise, the store is asked
    what the target holds."""
    try:
        _send(client, "PUT" if replace else "POST", urls.gsp, graph, payload.body)
    except (StatusError, Unreachable) as error:
        raise AigraphError(f"{error}; the target graph is unchanged") from None
    except AigraphError as error:
        quick = Client(timeout=min(client.timeout, 10.0), credentials=client.credentials, attempts=1)
        try:
            held = f"the target holds {count_triples(urls, quick, graph)} triples now"
        except AigraphError:
            held = "check what the target holds"
        raise AigraphError(f"{error}; the store takes a request whole or not at all: {held}") from None
    if progress:
        progress(payload.count, payload.count)


def _drop(update_url: str, client: Client, temporary: str) -> bool:
    """Remove the temporary graph; True when that failed (so it may still be there)."""
    quick = Client(timeout=min(client.timeout, 10.0), credentials=client.credentials, attempts=1)
    try:
        update(RemoteGraph(update_url, quick), f"DROP SILENT GRAPH <{temporary}>")
    except AigraphError:
        return True
    return False
