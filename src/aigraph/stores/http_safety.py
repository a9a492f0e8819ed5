"""What keeps a store's answer from hurting us: one deadline for the whole request, no partial
answer taken for a whole one, and credentials redacted from anything the store echoes back.

urllib's timeout bounds each socket operation, so a store trickling a byte every few seconds never
trips it. Here a watchdog timer shuts the request's sockets down when the deadline passes, whatever
phase the request is in (connecting, sending, reading the headers or the body).
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import re
import socket
import threading
import urllib.error
import urllib.request

DETAIL = 2000  # bytes of an error answer's body read for the message
_AUTH_LINE = re.compile(r"""(?i)\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)(\w+[ \t]+)?[^\s,;"'}]+""")


class IncompleteAnswer(Exception):
    """A 2xx answer the store says is partial: cut by its time or row limit."""


def incomplete(status: int, headers) -> str | None:
    """Why the answer is partial, when the store says so: a 206 to a request for the whole, or
    Virtuoso's headers (X-SQL-State S1TAT: stopped at its time limit, with what it had so far;
    X-SPARQL-MaxRows: cut at its ResultSetMaxRows, sent only when the limit was reached)."""
    if headers.get("X-SQL-State", "").strip() == "S1TAT":
        return "the store stopped the query at its time limit and sent a partial answer"
    rows = headers.get("X-SPARQL-MaxRows")
    if rows is not None:
        return f"the store cut the answer at its limit of {rows.strip()[:20]} rows (Virtuoso's ResultSetMaxRows)"
    if status == 206:
        return "the store sent a partial answer (206)"
    return None


class _Watch:
    """The sockets a request opened, shut down together when its deadline passes."""

    def __init__(self) -> None:
        self.sockets: list[socket.socket] = []
        self.expired = False
        self.lock = threading.Lock()

    def add(self, sock) -> None:
        with self.lock:
            self.sockets.append(sock)
            if self.expired:
                _shut(sock)

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            for sock in self.sockets:
                _shut(sock)


def _shut(sock) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _watched(http_class, watch: _Watch):
    class Watched(http_class):
        def connect(self):
            super().connect()
            watch.add(self.sock)
    return Watched


def _handlers(watch: _Watch) -> list[urllib.request.BaseHandler]:
    class Http(urllib.request.HTTPHandler):
        def do_open(self, http_class, req, **kwargs):
            return super().do_open(_watched(http_class, watch), req, **kwargs)

    class Https(urllib.request.HTTPSHandler):
        def do_open(self, http_class, req, **kwargs):
            return super().do_open(_watched(http_class, watch), req, **kwargs)

    return [Http(), Https()]


def fetch(request: urllib.request.Request, seconds: float,
          handlers: tuple[urllib.request.BaseHandler, ...] = ()) -> tuple[int, str, bytes]:
    """Status, content type and body of a 2xx answer, all within `seconds`; TimeoutError when the
    deadline passes; IncompleteAnswer when the store says the answer is partial; urllib's
    HTTPError for other answers, its first DETAIL bytes in `.detail`."""
    watch = _Watch()
    timer = threading.Timer(seconds, watch.expire)
    timer.daemon = True
    timer.start()
    try:
        opener = urllib.request.build_opener(*_handlers(watch), *handlers)
        try:
            with opener.open(request, timeout=seconds) as answer:
                cut = incomplete(answer.status, answer.headers)
                if cut is not None:
                    raise IncompleteAnswer(cut)
                status, media, body = answer.status, answer.headers.get("Content-Type", ""), answer.read()
        except urllib.error.HTTPError as error:
            try:
                error.detail = error.read(DETAIL)  # type: ignore[attr-defined]
            except (OSError, ValueError):
                error.detail = b""  # type: ignore[attr-defined]
            if not watch.expired:
                raise
        except (OSError, ValueError, http.client.HTTPException):  # URLError is an OSError
            if not watch.expired:
                raise
        if watch.expired:
            raise TimeoutError(f"no whole answer within {seconds:g} s")
        return status, media, body
    finally:
        timer.cancel()


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """The text without credentials: any Authorization header's value, and each secret (a password,
    a header value, its base64 token) wherever it appears."""
    for secret in sorted((s for s in secrets if s and len(s) >= 3), key=len, reverse=True):
        text = text.replace(secret, "[redacted]")
    return _AUTH_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}[redacted]", text)


def secrets_of(user: str, password: str) -> tuple[str, ...]:
    """Every form in which Basic credentials may be echoed back."""
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return (f"Basic {token}", token, f"{user}:{password}", password)
