"""HTTP for remote stores: Basic auth, timeouts, bounded retries, one-line errors.

A password only ever goes into the Authorization header: never into a URL, a message or a repr.
"""

from __future__ import annotations

import base64
import http.client
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from aigraph.errors import AigraphError, BadOption
from aigraph.render.safe_text import terminal
from aigraph.stores.http_safety import fetch, redact, secrets_of

_RESETS = (ConnectionResetError, ConnectionAbortedError, BrokenPipeError,
           http.client.RemoteDisconnected, http.client.IncompleteRead)
_HINTS = {
    400: "the store rejected the request",
    401: "check --user and --password-env",
    403: "check that the user may write to (or read from) this store",
    404: "check the URL and the dataset or repository name",
    405: "check that the URL is the store's Graph Store Protocol, query or update service",
    413: "the request is too large for the store; lower --chunk-size",
    415: "the store does not accept this media type here; check that the URL is a Graph Store "
         "Protocol service that reads N-Triples (application/n-triples)",
}


class StatusError(AigraphError):
    """A 4xx answer: the request was wrong, so repeating it would not help."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def check_url(url: str, option: str) -> str:
    """The URL, if it is http(s) with a host and no credentials in it."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadOption(f"{option}: {url[:80]!r} is not an http(s) URL")
    if "@" in parts.netloc:
        raise BadOption(f"{option}: put credentials in --user and --password-env, not in the URL")
    return url


@dataclass(frozen=True)
class Credentials:
    """A user name and password for HTTP Basic authentication."""

    user: str
    password: str = field(repr=False)

    def header(self) -> str:
        """The Authorization header value."""
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        return f"Basic {token}"


@dataclass(frozen=True)
class Response:
    """A successful (2xx) answer."""

    status: int
    content_type: str
    body: bytes


class _Transient(Exception):
    """A failure worth retrying: a dropped connection or a 5xx answer."""

    def __init__(self, message: str, reset: bool):
        super().__init__(message)
        self.reset = reset


@dataclass
class Client:
    """Sends requests with a timeout, retrying dropped connections and 5xx answers with backoff."""

    timeout: float = 30.0
    credentials: Credentials | None = None
    attempts: int = 4
    backoff: float = 0.5

    def request(self, method: str, url: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, retry_resets: bool = True) -> Response:
        """Send one request; an AigraphError names the URL, the status and what to check.

        `retry_resets=False` is for requests that must not be repeated when the store may
        already have acted on them (only 5xx answers are retried then).
        """
        attempt = 1
        deadline = time.monotonic() + self.timeout  # for the whole request, retries included
        while True:
            try:
                return self._once(method, url, body, headers or {}, _shown(url), deadline)
            except _Transient as problem:
                if attempt >= self.attempts or (problem.reset and not retry_resets):
                    tries = f" (after {attempt} attempts)" if attempt > 1 else ""
                    raise AigraphError(f"{problem}{tries}") from None
            time.sleep(max(0.0, min(self.backoff * 2 ** (attempt - 1), deadline - time.monotonic())))
            attempt += 1

    def _once(self, method: str, url: str, body: bytes | None, headers: dict[str, str],
              shown: str, deadline: float) -> Response:
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        if self.credentials is not None:
            request.add_unredirected_header("Authorization", self.credentials.header())
        try:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            return Response(*fetch(request, left))
        except urllib.error.HTTPError as error:
            status = f"{method} {shown} answered {error.code} {terminal(str(error.reason))[:100]}"
            detail = _first_line(error, self._secrets())
            if error.code >= 500:
                raise _Transient(f"{status}{detail}; the store failed, see its log", reset=False) from None
            hint = _HINTS.get(error.code, "check the URL and the options")
            raise StatusError(f"{status}: {hint}{detail}", error.code) from None
        except urllib.error.URLError as error:
            raise self._failure(method, shown, error.reason) from None
        except (OSError, http.client.HTTPException) as error:
            raise self._failure(method, shown, error) from None

    def _secrets(self) -> tuple[str, ...]:
        if self.credentials is None:
            return ()
        return secrets_of(self.credentials.user, self.credentials.password)

    def _failure(self, method: str, url: str, reason) -> Exception:
        if isinstance(reason, (socket.timeout, TimeoutError)):
            return AigraphError(f"endpoint {url} did not answer within {self.timeout:g} s")
        if isinstance(reason, ConnectionRefusedError):
            return AigraphError(f"cannot connect to {url}: connection refused (is the store running?)")
        if isinstance(reason, _RESETS):
            return _Transient(f"{method} {url}: the connection was dropped "
                              f"({type(reason).__name__})", reset=True)
        text = getattr(reason, "strerror", None) or str(reason)
        return AigraphError(f"cannot reach {url}: {text}")


def _shown(url: str) -> str:
    """The URL as messages show it: without its query string."""
    return url.split("?", 1)[0]


def _first_line(error: urllib.error.HTTPError, secrets: tuple[str, ...] = ()) -> str:
    """The first line of an error answer's body: credentials redacted, control characters escaped."""
    text = getattr(error, "detail", b"").decode("utf-8", "replace")
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return f" ({terminal(redact(line, secrets))[:200]})" if line else ""
