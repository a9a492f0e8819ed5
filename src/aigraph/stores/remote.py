"""A remote SPARQL 1.1 endpoint standing in for the local graph: same `query`, same results.

Queries go out with every project prefix declared (stored queries may redeclare them), and the
answer is parsed with pyoxigraph, so everything downstream of `query` works unchanged.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field

import pyoxigraph as ox

from aigraph.errors import AigraphError, BadOption
from aigraph.namespaces import sparql_prologue
from aigraph.stores.http_client import Client, Response, check_url

ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
          "application/sparql-results+xml;q=0.5")
_FORM = "application/x-www-form-urlencoded"


def check_iri(iri: str, option: str = "--graph") -> str:
    """The graph IRI, if it is an absolute IRI."""
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise BadOption(f"{option}: {iri[:80]!r} is not an absolute IRI") from None
    return iri


@dataclass
class RemoteGraph:
    """A SPARQL endpoint; `graph` names the graph holding aigraph's triples (else the default)."""

    url: str
    client: Client = field(default_factory=Client)
    graph: str | None = None

    def __post_init__(self):
        check_url(self.url, "endpoint")
        if self.graph is not None:
            check_iri(self.graph)

    def query(self, text: str, asserted: bool = False):
        """Run SPARQL on the endpoint; `asserted` is moot, the store holds what was loaded."""
        form = [("query", _prologue() + text)]
        if self.graph is not None:
            form.append(("default-graph-uri", self.graph))
        return parse_answer(self.url, self.post(form, ACCEPT, idempotent=True))

    def post(self, form: list[tuple[str, str]], accept: str = "*/*",
             idempotent: bool = False) -> Response:
        """POST a form to the endpoint: a query (idempotent: may be sent again) or an update."""
        body = urllib.parse.urlencode(form).encode()
        return self.client.request("POST", self.url, body, {"Content-Type": _FORM, "Accept": accept},
                                   idempotent=idempotent)

    def count(self, graph: str | None = None) -> int:
        """The number of triples in a named graph, or in the endpoint's default graph."""
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        rows = list(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"))
        try:
            return int(rows[0]["n"].value)
        except (IndexError, AttributeError, ValueError):
            raise AigraphError(f"endpoint {self.url} did not answer the triple count") from None


def update(endpoint: RemoteGraph, text: str) -> None:
    """Run a SPARQL Update on an update endpoint; never sent again once the store may have it."""
    endpoint.post([("update", _prologue() + text)], idempotent=False)


def _prologue() -> str:
    """The project's PREFIX declarations on one line, so the endpoint's error lines match ours."""
    return sparql_prologue().replace("\n", " ")


def parse_answer(url: str, response: Response):
    """pyoxigraph solutions, a boolean, or a list of triples, by the answer's media type."""
    media = response.content_type.split(";")[0].strip().lower()
    try:
        results = ox.QueryResultsFormat.from_media_type(media) if media else None
        if results is not None:
            answer = ox.parse_query_results(response.body, format=results)
            if isinstance(answer, ox.QuerySolutions):
                list(answer)  # read it all now, so a broken answer fails here, not mid-output
                answer = ox.parse_query_results(response.body, format=results)
            return answer
        graph = ox.RdfFormat.from_media_type(media) if media else None
        if graph is not None:
            return [quad.triple for quad in ox.parse(response.body, format=graph)]
    except (SyntaxError, ValueError) as error:
        raise AigraphError(f"endpoint {url} sent unreadable results: "
                           f"{' '.join(str(error).split())[:200]}") from None
    raise AigraphError(f"endpoint {url} answered {media or 'without a media type'}, "
                       "not SPARQL results or RDF")
