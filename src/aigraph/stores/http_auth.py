"""HTTP authentication for remote stores: Basic, and Digest (RFC 7616, MD5 and SHA-256, qop=auth).

Basic goes with every request. A store that wants Digest (Virtuoso's /sparql-auth and
/sparql-graph-crud-auth) answers the first request 401 with a challenge; the client answers it and
keeps the challenge for the requests that follow, counting its nonce uses. A 401 means the store
did not act on the request, so sending it again with the answer is safe, updates included.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import urllib.parse
from dataclasses import dataclass, field

_PARAM = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))')
_HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}


@dataclass(frozen=True)
class Credentials:
    """A user name and password for HTTP Basic or Digest authentication."""

    user: str
    password: str = field(repr=False)

    def header(self) -> str:
        """The Basic Authorization header value."""
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        return f"Basic {token}"


def digest_challenge(header: str | None) -> dict[str, str] | None:
    """The parameters of a Digest challenge in a WWW-Authenticate value, or None."""
    if not header or not header.strip().lower().startswith("digest "):
        return None
    params = {key.lower(): plain or quoted for key, quoted, plain in _PARAM.findall(header.strip()[7:])}
    if "nonce" not in params or "realm" not in params:
        return None
    return params


@dataclass
class Digest:
    """A Digest challenge answered for every request that follows it."""

    challenge: dict[str, str]
    uses: int = 0

    def usable(self) -> bool:
        algorithm = self.challenge.get("algorithm", "MD5").upper()
        qops = [q.strip() for q in self.challenge.get("qop", "auth").split(",")]
        return algorithm in _HASHES and "auth" in qops

    def header(self, credentials: Credentials, method: str, url: str) -> str:
        """The Authorization header value for one request."""
        algorithm = self.challenge.get("algorithm", "MD5").upper()
        digest = _HASHES[algorithm]

        def h(text: str) -> str:
            return digest(text.encode()).hexdigest()

        parts = urllib.parse.urlsplit(url)
        uri = parts.path or "/"
        if parts.query:
            uri += "?" + parts.query
        realm, nonce = self.challenge["realm"], self.challenge["nonce"]
        self.uses += 1
        count = f"{self.uses:08x}"
        cnonce = os.urandom(8).hex()
        ha1 = h(f"{credentials.user}:{realm}:{credentials.password}")
        ha2 = h(f"{method}:{uri}")
        response = h(f"{ha1}:{nonce}:{count}:{cnonce}:auth:{ha2}")
        fields = [("username", credentials.user), ("realm", realm), ("nonce", nonce), ("uri", uri),
                  ("algorithm", algorithm), ("response", response)]
        if "opaque" in self.challenge:
            fields.append(("opaque", self.challenge["opaque"]))
        quoted = ", ".join(f'{key}="{_escape(value)}"' for key, value in fields)
        return f"Digest {quoted}, qop=auth, nc={count}, cnonce=\"{cnonce}\""


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')
