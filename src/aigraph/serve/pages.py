"""The pages people read: home and search, entity pages (and their RDF), the query forms and
results, the network and the timeline. Plain HTML that works without JavaScript, except the network."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlencode

import pyoxigraph as ox
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from aigraph.dates import first_day
from aigraph.errors import AigraphError
from aigraph.namespaces import DATA, expand_curie, shorten
from aigraph.serve import protocol, web_api
from aigraph.serve.app import HERE
from aigraph.serve.operations import page_path

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _printable(value):
    """Every {{ value }} on a page: control characters (terminal escapes) out; Jinja escapes the rest."""
    if value is None:
        return ""
    if isinstance(value, Markup):  # a macro's output: its own values went through here already
        return value
    return _CONTROL.sub("\ufffd", value) if isinstance(value, str) else value


_ENV = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                   finalize=_printable, trim_blocks=True, lstrip_blocks=True)
_ENV.filters["curie"] = shorten


def _page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    html = _ENV.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, message: str, status: int) -> HTMLResponse:
    return _page(request, "error.html", status, title="Error", message=message.splitlines()[0][:500])


async def home(request: Request) -> Response:
    text = request.query_params.get("q", "").strip()[:200]
    try:
        hits = await request.app.state.pool.call("search", text) if text else []
    except AigraphError as error:
        return error_page(request, str(error), 400)
    return _page(request, "home.html", title="aigraph" if not text else f"Search: {text}", q=text, hits=hits,
                 queries=len(request.app.state.catalog))


_RDF_FORMATS = {"html": "text/html", **protocol.GRAPH_FORMATS}


async def entity(request: Request) -> Response:
    """An entity IRI's page: HTML for a browser, Turtle, N-Triples or JSON-LD for an RDF client."""
    iri = DATA + request.path_params["path"]
    try:
        ox.NamedNode(iri)
    except ValueError:
        return error_page(request, f"<{iri[:200]}> is not a valid IRI.", 404)
    try:
        fmt = protocol.choose(request.headers.get("accept"), _RDF_FORMATS, request.query_params.get("format"))
    except protocol.NotAcceptable as error:
        return web_api._bad(str(error), 406)
    pool = request.app.state.pool
    if fmt != "html":
        triples = await pool.call("entity_triples", iri)
        if not triples:
            return web_api._bad(f"no entity <{iri}> in the graph", 404)
        return Response(protocol.write_triples(triples, fmt), media_type=protocol.GRAPH_FORMATS[fmt],
                        headers={"Vary": "Accept"})
    try:
        view = await pool.call("entity", iri)
    except AigraphError as error:
        return error_page(request, str(error), 400)
    if view is None:
        return error_page(request, f"The graph has no entity <{iri}>.", 404)
    response = _page(request, "entity.html", title=view["title"], e=view,
                     ask=_questions(request.app.state.catalog.values(), iri, view["type_iris"]))
    response.headers["Vary"] = "Accept"
    return response


def _questions(queries, iri: str, types: list[str]) -> list[dict]:
    """The stored queries that take this entity as their (class-restricted) parameter, as links."""
    links = []
    for query in queries:
        for param in query.params:
            if param.type == "iri" and param.cls and expand_curie(param.cls) in types:
                links.append({"href": f"/queries/{query.name}?{urlencode({param.name: iri, 'run': '1'})}",
                              "name": query.name, "summary": query.summary})
    return links


async def catalog(request: Request) -> Response:
    return _page(request, "queries.html", title="Stored queries", queries=list(request.app.state.catalog.values()))


_INPUT_TYPES = {"date": "date", "integer": "number", "string": "text", "iri": "text"}


async def stored_query(request: Request) -> Response:
    """A stored query's form; with `run` in the URL, its result table below the form."""
    name = request.path_params["name"]
    query = request.app.state.catalog.get(name)
    if query is None:
        return error_page(request, f"There is no stored query {name[:80]!r}.", 404)
    values, lang = web_api.stored_values(request, name)
    result, message = None, None
    if "run" in request.query_params:
        try:
            result = await request.app.state.pool.call("stored", name, values, lang)
        except AigraphError as error:
            message = str(error).splitlines()[0]
    download = urlencode({**values, **({"lang": lang} if query.uses_lang else {})})
    fields = [{"name": p.name, "type": _INPUT_TYPES[p.type], "doc": p.doc, "required": p.required,
               "kind": p.type, "value": values.get(p.name, p.default or "")} for p in query.params]
    return _page(request, "query.html", 400 if message else 200, title=name, query=query, fields=fields,
                 lang=lang, result=result and _cells(result), truncated=result and result["truncated"],
                 message=message, download=download)


def _cells(result: dict) -> dict:
    """A result table as the page shows it: entity names linked to their pages, literals as text."""
    names = result["names"]
    table = result["table"]
    rows = []
    for row in table.rows:
        cells: list[dict[str, str | None]] = []
        for variable in table.variables:
            term = row.get(variable)
            if term is None:
                cells.append({"text": ""})
            elif isinstance(term, ox.NamedNode):
                known = names.get(term.value, {})
                cells.append({"text": known.get("en") or known.get("code") or shorten(term.value),
                              "code": _extra_code(known),
                              "href": page_path(term.value), "title": term.value})
            else:
                cells.append({"text": term.value if not isinstance(term, ox.Triple) else str(term)})
        rows.append(cells)
    return {"variables": table.variables, "rows": rows}


def _extra_code(names: dict[str, str]) -> str:
    """An entity's identifier or acronym, when its shown name does not already contain it."""
    code, name = names.get("code", ""), names.get("en", "")
    return code if name and code not in name else ""


async def network(request: Request) -> Response:
    return _page(request, "network.html", title="Network")


async def timeline(request: Request) -> Response:
    rows = await request.app.state.pool.call("timeline")
    return _page(request, "timeline.html", title="Timeline", **_timeline_layout(rows))


_ROW = 22
_LEFT = 150  # the dates and events, then the years' axis, then the labels
_PLOT = 560
_WIDTH = 1150


def _timeline_layout(rows: list[dict]) -> dict:
    """Positions for the timeline picture (drawn as SVG on the server): one line per dated event."""
    days: list[datetime.date | None] = []
    for row in rows:
        try:
            days.append(first_day(row["date"]))
        except (KeyError, ValueError):
            days.append(None)
    known = [d for d in days if d]
    if not known:
        return {"events": [], "years": [], "height": 40, "width": _WIDTH}
    first = datetime.date(min(known).year, 1, 1)
    last = datetime.date(max(known).year + 1, 1, 1)
    span = (last - first).days or 1

    def x(day: datetime.date) -> float:
        return round(_LEFT + (day - first).days / span * _PLOT, 1)

    events: list[dict[str, object]] = []
    for row, day in zip(rows, days, strict=True):
        if day is None:
            continue
        y = 40 + len(events) * _ROW
        events.append({"x": x(day), "y": y, "date": row.get("date", ""), "event": row.get("event", ""),
                       "kind": row.get("kind", ""), "label": row.get("identifier") or row.get("title", ""),
                       "title": row.get("title", ""), "href": page_path(row.get("document", ""))})
    years = [{"x": x(datetime.date(year, 1, 1)), "year": year} for year in range(first.year, last.year + 1)]
    return {"events": events, "years": years, "height": 60 + len(events) * _ROW, "width": _WIDTH,
            "left": _LEFT}


def sparql_form(request: Request) -> HTMLResponse:
    return _page(request, "sparql.html", title="SPARQL")


async def not_found(request: Request, exc) -> Response:
    return error_page(request, "No such page.", 404)


def routes() -> list[Route]:
    return [Route("/", home), Route("/id/{path:path}", entity), Route("/queries", catalog),
            Route("/queries/{name}", stored_query), Route("/network", network), Route("/timeline", timeline)]
