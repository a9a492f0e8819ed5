"""Running the command so that Ctrl-C stops it at once with exit code 130, and a query worker that
was given up on (Ctrl-C, --timeout) never holds the process open."""

from __future__ import annotations

import contextlib
import os
import signal
import sys


class Interrupted(BaseException):
    """Ctrl-C. Not a KeyboardInterrupt, which click would report as "Aborted!" with exit code 1;
    a BaseException, so `except Exception` never swallows it and cleanups (atomic writes) still run."""


def _interrupted(signum, frame) -> None:
    raise Interrupted


def run(command) -> None:
    """Run the click command; leave with its exit code, or 130 after Ctrl-C."""
    from aigraph.queries.worker import abandoned

    signal.signal(signal.SIGINT, _interrupted)
    try:
        try:
            command()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
            if isinstance(done.code, str):
                print(done.code, file=sys.stderr)
    except Interrupted:
        print("\naigraph: interrupted", file=sys.stderr)
        code = 130
    if abandoned():  # a worker still evaluates in Rust: end the process without waiting for it
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    sys.exit(code)
