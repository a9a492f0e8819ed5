"""Evaluating a local query in a worker thread: a time limit, Ctrl-C that stops at once, bounded rows.

Oxigraph evaluates without holding the GIL, so the main thread waits in short joins and stays free
to take Ctrl-C or notice the deadline; the worker is then abandoned (the command line leaves with
`os._exit`, see cli/interrupt.py). The worker gets a deep stack: Oxigraph's parser and evaluator
recurse, and a long operator chain would overflow a default thread stack.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from aigraph.errors import AigraphError

T = TypeVar("T")

STACK = 512 * 1024 * 1024  # reserved address space, committed only as the recursion uses it
MAX_ROWS = 500_000  # rows an answer may hold in memory (a table holds TABLE_ROWS)
TABLE_ROWS = 10_000
_abandoned: list[threading.Thread] = []
_STACK_SIZE = threading.Lock()  # threading.stack_size is process-wide: one worker starts at a time


class QueryTimeout(AigraphError):
    """A query that ran past its time limit."""


def run_limited(work: Callable[[], T], seconds: float | None, where: str = "query") -> T:
    """`work()` in a worker thread, waited for at most `seconds` (None: no limit); Ctrl-C and the
    deadline leave the worker behind and return at once."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed to the waiting thread, raised there, without the
            error.__traceback__ = error.__context__ = error.__cause__ = None  # worker's frames: Oxigraph's
            outcome["error"] = error  # results must be dropped in the thread that made them

    with _STACK_SIZE:
        previous = threading.stack_size(STACK)
        try:
            worker = threading.Thread(target=target, name="aigraph-query", daemon=True)
            worker.start()
        finally:
            threading.stack_size(previous)
    deadline = None if seconds is None else time.monotonic() + seconds
    try:
        while worker.is_alive():
            left = 0.1 if deadline is None else min(0.1, deadline - time.monotonic())
            if left <= 0:
                raise QueryTimeout(f"{where}: stopped after {seconds:g} s (--timeout); "
                                   "add LIMIT, narrow the patterns or raise --timeout")
            worker.join(left)
    except BaseException:
        _abandoned.append(worker)
        raise
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def abandoned() -> bool:
    """True while a worker given up on (timed out or interrupted) is still evaluating."""
    return any(worker.is_alive() for worker in _abandoned)


class Bounded:
    """Query solutions that raise a one-line error past `limit` rows instead of filling memory."""

    def __init__(self, solutions, limit: int, where: str = "query"):
        self.variables = solutions.variables
        self._solutions = solutions
        self._limit = limit
        self._where = where

    def __iter__(self):  # the rows pass at C speed; only the check for one more is Python
        solutions = iter(self._solutions)
        return itertools.chain(itertools.islice(solutions, self._limit), self._none_left(solutions))

    def _none_left(self, solutions):
        for _ in solutions:
            raise TooManyRows(self._limit, self._where)
        yield from ()


def bounded_list(items, limit: int, where: str = "query") -> list:
    """The items (triples of a CONSTRUCT), or a one-line error past `limit` of them."""
    taken = list(itertools.islice(items, limit + 1))
    if len(taken) > limit:
        raise TooManyRows(limit, where)
    return taken


class TooManyRows(AigraphError):
    """An answer with more rows than it may hold."""

    def __init__(self, limit: int, where: str, stored: bool = False):
        if stored:  # a stored query's text is not the user's: its options page through the answer
            hint = "use --format csv, tsv or json, or --limit" if limit == TABLE_ROWS else \
                "page through it with --limit and --offset, or raise --max-rows"
        else:
            hint = "use --format csv, tsv or json, or add LIMIT" if limit == TABLE_ROWS else \
                "add LIMIT and OFFSET, or raise --max-rows"
        super().__init__(f"{where}: the answer has more than {limit:,} rows; {hint}")
        self.limit = limit
