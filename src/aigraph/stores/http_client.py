"""HTTP for remote stores: Basic and Digest auth, timeouts, bounded retries, one-line errors.

A password only ever goes into the Authorization header: never into a URL, a message or a repr.
Only idempotent requests are sent again (after a dropped connection or a 502, 503 or 504): a
SPARQL Update or a Graph Store POST the store may have received is never repeated.
"""

from __future__ import annotations

import html
import http.client
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from aigraph.errors import AigraphError, BadOption
from aigraph.render.safe_text import terminal
from aigraph.stores.http_auth import Credentials, Digest, digest_challenge
from aigraph.stores.http_safety import IncompleteAnswer, fetch, redact, secrets_of

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


class Unreachable(AigraphError):
    """A request that never reached the store (the connection was refused)."""


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


__all__ = ["Client", "Credentials", "Response", "StatusError", "check_url"]
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
_RETRIED_STATUSES = frozenset({502, 503, 504})  # the store (or a proxy) did not act on the request


@dataclass(frozen=True)
class Response:
    """A successful (2xx) answer."""

    status: int
    content_type: str
    body: bytes


class _Transient(Exception):
    """A failure worth retrying when the request is idempotent: a dropped connection or a 502-504."""

    def __init__(self, message: str, reset: bool):
        super().__init__(message)
        self.reset = reset


class _Challenged(Exception):
    """A 401 with a Digest challenge the client can answer."""

    def __init__(self, challenge: dict[str, str]):
        super().__init__("digest challenge")
        self.challenge = challenge


@dataclass
class Client:
    """Sends requests with a deadline; retries idempotent ones after dropped connections and
    502/503/504 answers, with backoff; answers a Digest challenge when the store sends one."""

    timeout: float = 30.0
    credentials: Credentials | None = None
    attempts: int = 4
    backoff: float = 0.5
    _digest: Digest | None = field(default=None, repr=False, compare=False)

    def request(self, method: str, url: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, idempotent: bool | None = None) -> Response:
        """Send one request; an AigraphError names the URL, the status and what to check.

        `idempotent` (default: true for GET, HEAD, PUT, DELETE and OPTIONS) says whether the
        request may be sent again once the store may have received it. One that is not (a SPARQL
        Update, a Graph Store POST) is sent once: a dropped connection or a 5xx answer fails it.
        """
        again = method in IDEMPOTENT if idempotent is None else idempotent
        attempt = 1
        answered_challenge = False
        deadline = time.monotonic() + self.timeout  # for the whole request, retries included
        while True:
            try:
                return self._once(method, url, body, headers or {}, _shown(url), deadline)
            except _Challenged as challenged:
                if answered_challenge:
                    raise StatusError(f"{method} {_shown(url)} answered 401 Unauthorized: "
                                      f"{_HINTS[401]}", 401) from None
                self._digest = Digest(challenged.challenge)
                answered_challenge = True  # a 401 was not acted on: sending it again is safe
                continue
            except _Transient as problem:
                if problem.reset and again and self._learned_digest(url, deadline):
                    continue  # the store hung up on Basic credentials it wants as Digest (Virtuoso)
                asked_anonymously = self.credentials is None and again  # an upload; never probe after an update
                if problem.reset and (self._digest is not None or asked_anonymously) and self._refused(url):
                    # Virtuoso hangs up on a request body it will not take from this user, or from no user
                    raise StatusError(f"{method} {_shown(url)} answered 401 Unauthorized: "
                                      f"{_HINTS[401]}", 401) from None
                if attempt >= self.attempts or not again:
                    tries = f" (after {attempt} attempts)" if attempt > 1 else ""
                    unsafe = "" if again else "; not sent again, as the store may have acted on it"
                    raise AigraphError(f"{problem}{tries}{unsafe}") from None
            time.sleep(max(0.0, min(self.backoff * 2 ** (attempt - 1), deadline - time.monotonic())))
            attempt += 1

    def _once(self, method: str, url: str, body: bytes | None, headers: dict[str, str],
              shown: str, deadline: float) -> Response:
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        authorization = self._authorization(method, url)
        if authorization is not None:
            request.add_unredirected_header("Authorization", authorization)
        try:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            return Response(*fetch(request, left))
        except IncompleteAnswer as cut:
            raise AigraphError(f"{method} {shown}: {cut}; raise the limit in the store's "
                               "configuration, or narrow the query") from None
        except urllib.error.HTTPError as error:
            status = f"{method} {shown} answered {error.code} {terminal(str(error.reason))[:100]}"
            if error.code == 401 and self.credentials is not None:
                challenge = digest_challenge(error.headers.get("WWW-Authenticate"))
                if challenge is None and self._digest is None:
                    challenge = self._probe_challenge(url, deadline)
                stale = challenge is not None and challenge.get("stale", "").lower() == "true"
                if challenge is not None and Digest(challenge).usable() and (self._digest is None or stale):
                    raise _Challenged(challenge) from None
            detail = _first_line(error, self._secrets())
            if error.code >= 500:
                problem = f"{status}{detail}; the store failed, see its log"
                if error.code in _RETRIED_STATUSES:
                    raise _Transient(problem, reset=False) from None
                raise AigraphError(problem) from None
            hint = _HINTS.get(error.code, "check the URL and the options")
            raise StatusError(f"{status}: {hint}{detail}", error.code) from None
        except urllib.error.URLError as error:
            raise self._failure(method, shown, error.reason) from None
        except (OSError, http.client.HTTPException) as error:
            raise self._failure(method, shown, error) from None

    def _authorization(self, method: str, url: str) -> str | None:
        if self.credentials is None:
            return None
        if self._digest is not None:
            return self._digest.header(self.credentials, method, url)
        return self.credentials.header()

    def _head(self, url: str, deadline: float, authorized: bool) -> urllib.error.HTTPError | None:
        """A HEAD (which changes nothing) on the URL; the error answer, if any."""
        request = urllib.request.Request(url, method="HEAD")
        header = self._authorization("HEAD", url) if authorized else None
        if header is not None:
            request.add_unredirected_header("Authorization", header)
        try:
            fetch(request, max(0.1, min(10.0, deadline - time.monotonic())))
        except urllib.error.HTTPError as error:
            return error
        except (OSError, http.client.HTTPException):
            pass
        return None

    def _probe_challenge(self, url: str, deadline: float) -> dict[str, str] | None:
        """A store that refuses Basic without saying what it wants (Virtuoso answers a 401 with no
        challenge): ask with a HEAD for its Digest challenge."""
        error = self._head(url, deadline, authorized=False)
        if error is not None and error.code == 401:
            return digest_challenge(error.headers.get("WWW-Authenticate"))
        return None

    def _learned_digest(self, url: str, deadline: float) -> bool:
        """After a dropped connection on a request sent with Basic credentials: whether the store
        wants Digest instead (Virtuoso may hang up on a large body before answering 401), asked
        with a HEAD; if so the next request answers its challenge."""
        if self.credentials is None or self._digest is not None:
            return False
        challenge = self._probe_challenge(url, deadline)
        if challenge is None or not Digest(challenge).usable():
            return False
        self._digest = Digest(challenge)
        return True

    def _refused(self, url: str) -> bool:
        """Whether the store refuses these credentials (or wants some), asked with a HEAD."""
        error = self._head(url, time.monotonic() + 10.0, authorized=True)
        return error is not None and error.code == 401

    def _secrets(self) -> tuple[str, ...]:
        if self.credentials is None:
            return ()
        return secrets_of(self.credentials.user, self.credentials.password)

    def _failure(self, method: str, url: str, reason) -> Exception:
        if isinstance(reason, (socket.timeout, TimeoutError)):
            return AigraphError(f"endpoint {url} did not answer within {self.timeout:g} s")
        if isinstance(reason, ConnectionRefusedError):
            return Unreachable(f"cannot connect to {url}: connection refused (is the store running?)")
        if isinstance(reason, _RESETS):
            return _Transient(f"{method} {url}: the connection was dropped "
                              f"({type(reason).__name__})", reset=True)
        text = getattr(reason, "strerror", None) or str(reason)
        return AigraphError(f"cannot reach {url}: {text}")


def _shown(url: str) -> str:
    """The URL as messages show it: without its query string."""
    return url.split("?", 1)[0]


def _first_line(error: urllib.error.HTTPError, secrets: tuple[str, ...] = ()) -> str:
    """The store's own first line in an error answer's body: credentials redacted, control
    characters escaped."""
    text = getattr(error, "detail", b"").decode("utf-8", "replace")
    line = first_meaningful_line(text, error.code, str(error.reason))
    return f" ({terminal(redact(line, secrets))[:200]})" if line else ""


_BLOCKS = re.compile(r"<(head|script|style|title)\b.*?</\1\s*>|<!--.*?-->|<!DOCTYPE[^>]*>", re.I | re.S)
_TAGS = re.compile(r"<[^>]*>")
_STATUS_ECHO = re.compile(r"^(HTTP/\d(\.\d)?\s+)?\d{3}\b|^error( \w+)?:?$|^error \d+$", re.I)


def first_meaningful_line(text: str, status: int = 0, reason: str = "") -> str:
    """The store's own message in an error body (HTML or text): its first line that is not markup,
    a title or an echo of the status line (control characters are left for the caller to escape)."""
    if "<" in text and re.search(r"<(html|body|h\d|p|pre|xmp|div)\b", text, re.I):
        text = html.unescape(_TAGS.sub("\n", _BLOCKS.sub("\n", text)))
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line or _STATUS_ECHO.match(line) or line.lower() in (reason.lower(), f"{status} {reason}".lower()):
            continue
        return line
    return ""
