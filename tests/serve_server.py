"""A real `aigraph serve` process on a free loopback port, for the web tests and the benchmark.

It is started with the same Python as the tests and stopped by its PID (SIGTERM, then SIGKILL
for its process group), even when a test fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from store_servers import free_port, wait_until_answering

READY_WITHIN = 120.0  # seconds: building a graph with --data and starting the workers, on a busy machine


class ServeProcess:
    """`python -m aigraph serve ARGS --port P` with its log in `log_dir`."""

    def __init__(self, args: list[str], log_dir: Path):
        self.args = args
        self.log_dir = log_dir
        self.process: subprocess.Popen | None = None
        self.port = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.log_dir / f"serve-{self.port}.log"

    def start(self) -> ServeProcess:
        for _ in range(3):  # a port taken between probing and binding: try another
            self.port = free_port()
            with open(self.log, "wb") as log:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "aigraph", "serve", "--port", str(self.port), *self.args],
                    stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
            if self._wait_ready():
                return self
            self.stop()
        raise RuntimeError(f"aigraph serve did not start: {self.log.read_text(errors='replace')[-2000:]}")

    def _wait_ready(self) -> bool:
        return wait_until_answering(self.process, f"{self.base}/api/queries", READY_WITHIN, 0.2, json.load)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(15)
        # the server's own query workers, should any outlive it
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(5)


def get(url: str, headers: dict | None = None, data: bytes | None = None, method: str | None = None,
        timeout: float = 60) -> tuple[int, dict, bytes]:
    """(status, headers with lower-case names, body) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()
