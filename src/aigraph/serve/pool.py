"""Worker processes that hold the graph and answer queries, so a slow query can be stopped.

pyoxigraph releases the GIL while it evaluates, but it cannot cancel a running query: a thread
left behind by a timeout would keep a core busy until the query ends on its own. Each worker
here is a process with its own `Aigraph` (opened from the cache the server warmed), and a query
that outlives its timeout has its worker killed and replaced, while the other workers go on
answering.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from dataclasses import dataclass

from aigraph.errors import AigraphError


class QueryTimeout(Exception):
    """The query did not finish within the server's timeout."""


@dataclass(frozen=True)
class GraphSpec:
    """What a worker needs to open the same graph as the server: home, --data files, closure."""

    home: str | None = None
    data: tuple[str, ...] = ()
    asserted: bool = False
    max_rows: int = 10_000
    use_cache: bool = True  # without the cache each worker builds the graph itself


def _worker_main(spec: GraphSpec, conn) -> None:
    """A worker's loop: receive (operation, arguments), send ("ok", result) or ("error", message)."""
    from aigraph.serve import operations

    try:
        state = operations.open_state(spec)
    except AigraphError as error:
        conn.send(("error", str(error)))
        return
    conn.send(("ready", None))
    while True:
        try:
            name, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", operations.OPERATIONS[name](state, *args)))
        except AigraphError as error:
            conn.send(("error", str(error)))
        except Exception as error:  # a bug must not kill the worker silently
            conn.send(("error", f"internal error: {type(error).__name__}: {error}"))


class _Worker:
    def __init__(self, spec: GraphSpec, context):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(spec, child), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.stop()
            raise AigraphError(f"a query worker did not open the graph within {timeout:.0f} s")
        try:
            kind, message = self.conn.recv()
        except (EOFError, OSError):
            self.stop()
            raise AigraphError("a query worker exited while opening the graph") from None
        if kind != "ready":
            self.stop()
            raise AigraphError(message)

    def exchange(self, request, timeout: float):
        """Send one request and wait for its answer; None when the timeout passed first."""
        self.conn.send(request)
        if not self.conn.poll(timeout):
            return None
        return self.conn.recv()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """A fixed number of workers; `call` runs an operation on a free one, within a timeout."""

    def __init__(self, spec: GraphSpec, size: int = 2, timeout: float = 10.0, start_timeout: float = 120.0):
        self.spec = spec
        self.size = size
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self._restarts: set[asyncio.Task] = set()  # held so that a running restart is not collected

    def _new_worker(self) -> _Worker:
        worker = _Worker(self.spec, self._context)
        self._all.add(worker)
        try:
            worker.wait_ready(self.start_timeout)
        except AigraphError:
            self._all.discard(worker)
            raise
        return worker

    async def start(self) -> None:
        """Start every worker (in parallel) and wait until each has opened the graph."""
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(*(asyncio.to_thread(self._new_worker) for _ in range(self.size)),
                                       return_exceptions=True)
        failures = [w for w in workers if isinstance(w, BaseException)]
        for worker in workers:
            if isinstance(worker, _Worker):
                self._idle.put_nowait(worker)
        if failures:
            await self.close()
            raise failures[0]

    async def close(self) -> None:
        for task in list(self._restarts):
            task.cancel()
        for worker in list(self._all):
            worker.stop()
        self._all.clear()

    async def call(self, operation: str, *args):
        """The operation's result; AigraphError for the user's mistake, QueryTimeout when slow."""
        assert self._idle is not None, "QueryPool.start() was not awaited"
        deadline = time.monotonic() + self.timeout
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.timeout)
        except TimeoutError:
            raise QueryTimeout(f"no query worker was free within {self.timeout:g} s") from None
        remaining = max(deadline - time.monotonic(), 0.001)
        try:
            answer = await asyncio.to_thread(worker.exchange, (operation, args), remaining)
        except (OSError, EOFError) as error:  # the worker died: replace it, report the failure
            self._replace(worker)
            raise AigraphError(f"the query worker failed ({error})") from None
        if answer is None:
            self._replace(worker)
            raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
        self._idle.put_nowait(worker)
        kind, value = answer
        if kind == "error":
            raise AigraphError(value)
        return value

    def _replace(self, worker: _Worker) -> None:
        """Kill a stuck or dead worker and start another in the background."""
        worker.stop()
        self._all.discard(worker)

        async def restart():
            for attempt in range(5):
                try:
                    fresh = await asyncio.to_thread(self._new_worker)
                except AigraphError:
                    await asyncio.sleep(1 + attempt)
                    continue
                self._idle.put_nowait(fresh)
                return

        task = asyncio.get_running_loop().create_task(restart())
        self._restarts.add(task)
        task.add_done_callback(self._restarts.discard)
