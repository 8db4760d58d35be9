"""Rows of many files, in input order, on a pool of worker processes.

Workers read and parse whole batches of files and hand back plain rows (a parse takes a few
milliseconds, so one task per file would spend much of its time passing messages). Every file has a
time limit, enforced inside the worker by an interval timer; a file that kills its worker (or hangs
it where the timer cannot reach) breaks the pool, and then the files that were in flight are run
again one by one in a fresh process, so that only the culprit becomes an error row.
"""

from __future__ import annotations

import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from types import FrameType
from typing import TYPE_CHECKING

from uchwaly_parser.dataset.rows import FileRows, error_rows, file_rows

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# Seconds one file may take before it becomes an error row.
TIME_LIMIT = 60.0
# Files per task: large enough that messages cost little next to parsing, small enough to keep the order cheap.
BATCH = 16
# How long past the batch's time limits the parent waits before it takes the worker for hung.
GRACE = 30.0


class _TimeLimit(BaseException):
    """Raised inside a file's parse by the timer (a BaseException, so no ``except Exception`` eats it)."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise _TimeLimit


def limited_rows(path: str, name: str, encoding: str | None, time_limit: float | None) -> FileRows:
    """``file_rows`` under a time limit: past it, the file's error row. The limit needs the main thread."""
    if not time_limit or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return file_rows(path, name=name, encoding=encoding)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, time_limit)
    try:
        return file_rows(path, name=name, encoding=encoding)
    except _TimeLimit:
        return error_rows(name, f"the parse took longer than the time limit of {time_limit:g} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _run_batch(batch: Sequence[tuple[str, str]], encoding: str | None, time_limit: float | None) -> list[FileRows]:
    return [limited_rows(path, name, encoding, time_limit) for path, name in batch]


def _worker_start() -> None:
    # Ctrl-C is the parent's to handle: it stops the run and keeps what is done.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def display_name(path: str) -> str:
    """``path`` as text that can always be written: bytes a file name cannot decode become ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def iter_rows(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    encoding: str | None = None,
    time_limit: float | None = TIME_LIMIT,
) -> Iterator[FileRows]:
    """The rows of every file of ``paths``, in the order given, parsed by ``jobs`` processes.

    ``jobs`` defaults to the machine's cores; ``jobs=1`` works in this process. Each file gives a
    ``FileRows`` (documents row, citations, acts and diagnostics rows), an error row when it cannot
    be read or parsed, takes longer than ``time_limit`` seconds, or crashes its worker.
    """
    named = ((os.fspath(p), display_name(os.fspath(p))) for p in paths)
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1:
        for path, name in named:
            yield limited_rows(path, name, encoding, time_limit)
        return
    yield from _Pool(jobs, encoding, time_limit).run(named)


Task = Callable[[Sequence[tuple[str, str]], "str | None", "float | None"], list[FileRows]]


class _Pool:
    """``task`` turns a batch of (path, name) into rows in a worker; ``grace`` is how long past the
    batch's time limits the parent waits before it takes the worker for hung."""

    def __init__(
        self, jobs: int, encoding: str | None, time_limit: float | None, task: Task = _run_batch, grace: float = GRACE
    ) -> None:
        self.jobs = jobs
        self.encoding = encoding
        self.time_limit = time_limit
        self.task = task
        self.grace = grace
        self.parsed_any = False  # a worker has handed back rows: workers can start here

    def _executor(self, workers: int) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        # forkserver: workers never fork a parent that runs threads (the progress bar's, the pool's own).
        context = get_context("forkserver")
        context.set_forkserver_preload(["uchwaly_parser.dataset.pool"])
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start)

    def _wait(self, future: Future[list[FileRows]], files: int) -> list[FileRows]:
        timeout = files * self.time_limit + self.grace if self.time_limit else None
        return future.result(timeout=timeout)

    def run(self, named: Iterator[tuple[str, str]]) -> Iterator[FileRows]:
        from concurrent.futures import TimeoutError as FutureTimeout
        from concurrent.futures.process import BrokenProcessPool

        batches = iter(lambda: list(islice(named, BATCH)), [])
        executor = self._executor(self.jobs)
        pending: deque[tuple[list[tuple[str, str]], Future[list[FileRows]]]] = deque()
        try:
            while True:
                # Two batches a worker in flight: no worker waits, and the parent holds few rows.
                for batch in islice(batches, 2 * self.jobs - len(pending)):
                    pending.append((batch, self._submit(executor, batch)))
                if not pending:
                    executor.shutdown()
                    return
                batch, future = pending.popleft()
                try:
                    rows = self._wait(future, len(batch))
                except (BrokenProcessPool, FutureTimeout):
                    # Whatever broke the pool took every batch in flight with it: run them again one
                    # file at a time, then go on with a new pool.
                    in_flight = [batch, *(b for b, _ in pending)]
                    pending.clear()
                    _stop(executor)
                    yield from self._one_by_one([file for b in in_flight for file in b])
                    executor = self._executor(self.jobs)
                    continue
                self.parsed_any = True
                yield from rows
        finally:
            _stop(executor)

    def _submit(self, executor: ProcessPoolExecutor, batch: list[tuple[str, str]]) -> Future[list[FileRows]]:
        """The batch's future; a pool that broke before the batch went in gives a future of that breakage."""
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        try:
            return executor.submit(self.task, batch, self.encoding, self.time_limit)
        except BrokenProcessPool as error:
            failed: Future[list[FileRows]] = Future()
            failed.set_exception(error)
            return failed

    def _one_by_one(self, files: list[tuple[str, str]]) -> Iterator[FileRows]:
        from concurrent.futures import TimeoutError as FutureTimeout
        from concurrent.futures.process import BrokenProcessPool

        executor: ProcessPoolExecutor | None = None
        crashes = 0
        try:
            for path, name in files:
                executor = executor or self._executor(1)
                try:
                    rows = self._wait(executor.submit(self.task, [(path, name)], self.encoding, self.time_limit), 1)
                    self.parsed_any = True
                    crashes = 0
                    yield rows[0]
                except BrokenProcessPool:
                    crashes += 1
                    if crashes >= 2 and not self.parsed_any:  # no worker ever lived long enough to parse
                        raise RuntimeError(
                            "the worker processes die before they parse anything (a program read from standard "
                            "input cannot be re-imported by them): run it from a file, or with jobs=1"
                        ) from None
                    yield error_rows(name, "the file crashed the worker process that parsed it")
                    _stop(executor)
                    executor = None
                except FutureTimeout:
                    yield error_rows(name, "the file hung the worker process that parsed it")
                    _stop(executor)
                    executor = None
        finally:
            if executor is not None:
                _stop(executor)


def _stop(executor: ProcessPoolExecutor) -> None:
    """Shut the pool down now, killing workers that may hang (a clean shutdown would wait for them)."""
    processes = list((executor._processes or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join()
