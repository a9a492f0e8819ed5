"""The web application: Starlette routes over a pool of query workers, and the server's settings.

`create_app(settings)` builds it; `run(settings)` serves it with uvicorn. Every route only reads:
there is no write route, SPARQL updates are refused, and so are SERVICE clauses.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import PlainTextResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from aigraph.api import Aigraph
from aigraph.errors import AigraphError
from aigraph.serve.pool import GraphSpec, QueryPool, QueryTimeout

HERE = Path(__file__).parent


@dataclass
class Settings:
    """What `aigraph serve` was asked for."""

    home: str | None = None
    data: tuple[str, ...] = ()
    asserted: bool = False
    use_cache: bool = True
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2


class SecurityHeaders:
    """No sniffing, no framing, and scripts only from this server (pages carry no inline script)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                            (b"content-security-policy",
                             b"default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def open_graph(settings: Settings) -> Aigraph:
    """The facade for the settings, with its graph built (or read from the cache) now: a bad --data
    file fails here, with its one-line message, before any worker starts."""
    graph = Aigraph(settings.home, [Path(p) for p in settings.data], asserted=settings.asserted,
                    use_cache=settings.use_cache)
    graph.graph  # noqa: B018 - build or load it
    return graph


def create_app(settings: Settings) -> Starlette:
    from aigraph.serve import pages, web_api

    facade = Aigraph(settings.home, [Path(p) for p in settings.data], asserted=settings.asserted)
    spec = GraphSpec(settings.home, tuple(settings.data), settings.asserted, settings.max_rows, settings.use_cache)
    pool = QueryPool(spec, size=settings.workers, timeout=settings.timeout)

    @asynccontextmanager
    async def lifespan(app):
        app.state.catalog = {q.name: q for q in facade.queries()}
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    async def timeout(request, exc):
        return PlainTextResponse(f"{exc}\n", status_code=503, headers={"Retry-After": "1"})

    async def failure(request, exc):
        return PlainTextResponse(f"{exc}\n", status_code=400)

    routes = web_api.routes() + pages.routes() + [
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static")]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={QueryTimeout: timeout, AigraphError: failure},
                    middleware=[Middleware(SecurityHeaders),
                                Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                                           allow_headers=["Accept", "Content-Type"],
                                           expose_headers=["X-SPARQL-MaxRows"])])
    app.state.pool = pool
    app.state.settings = settings
    return app


def check_address(host: str, port: int) -> None:
    """Fail now, in one line, when the address cannot be listened on (before any worker starts)."""
    import socket

    try:
        family, kind, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as error:
        raise AigraphError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def run(settings: Settings, announce: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted (uvicorn, one process; the queries run in the worker pool)."""
    import uvicorn

    check_address(settings.host, settings.port)
    open_graph(settings)
    if announce:
        announce(f"serving on http://{settings.host}:{settings.port}/ (Ctrl-C stops)")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning",
                access_log=False)
