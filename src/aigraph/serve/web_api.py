"""The machine-facing routes: /sparql (SPARQL 1.1 Protocol), /api/queries (the stored queries),
/api/openapi.json, /api/search, /api/network, and Linked Data answers at /id/...."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from aigraph.queries.sparql_text import uses_service
from aigraph.serve import protocol
from aigraph.serve.protocol import GRAPH_FORMATS, RESULT_FORMATS, NotAcceptable

_RESERVED = {"format", "lang", "run"}  # URL parameters of the API and pages, never a query's
MAX_QUERY_LENGTH = 100_000


def _bad(message: str, status: int = 400) -> PlainTextResponse:
    return PlainTextResponse(message.splitlines()[0][:500] + "\n", status_code=status)


async def _read_query(request: Request) -> str | Response:
    """The query text of a protocol request, or the response that refuses it."""
    if request.method == "GET":
        params = request.query_params
        if "update" in params:
            return _bad("updates are refused: this endpoint is read-only")
        text = params.get("query")
        named = [k for k in ("default-graph-uri", "named-graph-uri") if k in params]
    else:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            return _bad("updates are refused: this endpoint is read-only")
        if kind == "application/sparql-query":
            body = await request.body()
            if len(body) > MAX_QUERY_LENGTH:
                return _bad(f"the query is longer than {MAX_QUERY_LENGTH} bytes", 413)
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                return _bad("the query is not UTF-8 text")
            named = [k for k in ("default-graph-uri", "named-graph-uri") if k in request.query_params]
        elif kind == "application/x-www-form-urlencoded":
            form = await request.form()
            if "update" in form:
                return _bad("updates are refused: this endpoint is read-only")
            field = form.get("query")
            text = field if isinstance(field, str) else None
            named = [k for k in ("default-graph-uri", "named-graph-uri") if k in form]
        else:
            return _bad("POST a query as application/sparql-query or as the form field `query`", 415)
    if named:
        return _bad(f"{named[0]} is not supported: the endpoint answers over its one dataset")
    if not text or not text.strip():
        return _bad("no query: pass it as `query`")
    if len(text) > MAX_QUERY_LENGTH:
        return _bad(f"the query is longer than {MAX_QUERY_LENGTH} characters", 413)
    if protocol.is_update(text):
        return _bad("updates are refused: this endpoint is read-only")
    if uses_service(text):
        return _bad("SERVICE clauses are refused: this endpoint does not reach the network")
    return text


def answer(request: Request, result: dict) -> Response:
    """A query's result (from the worker pool) in the format the client asked for."""
    override = request.query_params.get("format")
    accept = request.headers.get("accept")
    body: str | bytes
    try:
        if result["kind"] == "graph":
            fmt = protocol.choose(accept, GRAPH_FORMATS, override)
            body = protocol.write_triples(result["triples"], fmt)
            media = GRAPH_FORMATS[fmt]
        else:
            fmt = protocol.choose(accept, RESULT_FORMATS, override)
            media = RESULT_FORMATS[fmt]
            body = (protocol.write_table(result["table"], fmt) if result["kind"] == "select"
                    else protocol.write_boolean(result["boolean"], fmt))
    except NotAcceptable as error:
        return _bad(str(error), 406)
    headers = {"Vary": "Accept"}
    if result.get("truncated"):
        headers["X-SPARQL-MaxRows"] = str(request.app.state.settings.max_rows)
    charset = "; charset=utf-8" if not media.endswith("json") else ""
    return Response(body, media_type=media + charset, headers=headers)


async def sparql(request: Request) -> Response:
    text = await _read_query(request)
    if isinstance(text, Response):
        if request.method == "GET" and not request.query_params and "text/html" in request.headers.get("accept", ""):
            from aigraph.serve.pages import sparql_form

            return sparql_form(request)
        return text
    return answer(request, await request.app.state.pool.call("sparql", text))


async def list_queries(request: Request) -> JSONResponse:
    return JSONResponse([{"name": q.name, "summary": q.summary, "description": q.description,
                          "tags": list(q.tags), "url": f"/api/queries/{q.name}",
                          "params": [{"name": p.name, "type": p.type, "doc": p.doc, "required": p.required,
                                      "default": p.default} for p in q.params]}
                         for q in request.app.state.catalog.values()])


def stored_values(request: Request, name: str) -> tuple[dict[str, str], str]:
    """The parameter values and label language given in the URL (empty values are left out)."""
    values = {k: v for k, v in request.query_params.items() if k not in _RESERVED and v != ""}
    lang = request.query_params.get("lang") or "en"
    if lang not in ("en", "zh"):
        from aigraph.errors import AigraphError

        raise AigraphError(f"lang {lang[:20]!r} is not en or zh")
    return values, lang


async def run_stored(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in request.app.state.catalog:
        return _bad(f"unknown query {name[:80]!r}; /api/queries lists them", 404)
    values, lang = stored_values(request, name)
    return answer(request, await request.app.state.pool.call("stored", name, values, lang))


async def openapi(request: Request) -> JSONResponse:
    from aigraph.serve.openapi import document

    return JSONResponse(document(request.app.state.catalog.values(), str(request.base_url)))


async def search(request: Request) -> JSONResponse:
    text = request.query_params.get("text", "")
    return JSONResponse(await request.app.state.pool.call("search", text[:200]))


async def network(request: Request) -> JSONResponse:
    return JSONResponse(await request.app.state.pool.call("network"))


def routes() -> list[Route]:
    return [Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/api/queries", list_queries),
            Route("/api/queries/{name}", run_stored),
            Route("/api/openapi.json", openapi),
            Route("/api/search", search),
            Route("/api/network", network)]
