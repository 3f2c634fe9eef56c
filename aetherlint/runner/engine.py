"""The parallel per-file engine behind `check`, `classify` and `baseline` (see batch.py).

Worker processes receive chunks of tasks (two queued at a time, so they never wait) and send
`("done", i, result)` after each file; files are done in order, so the parent knows which file
each worker is on and since when (one message per file keeps the parent off the CPU the workers
need); a fresh worker first says `("ready", ...)` once warmed up, so its start-up (seconds for a
spawned interpreter on a busy machine) never counts against a file. Deadlines live in the parent:
a file that runs past `timeout` is stopped by terminating its worker. That works the same on
every OS (no SIGALRM, no uninterruptible threads) and bounds any file, whatever it
is stuck in. A worker that dies on its own (killed, out of memory) costs one file, reported as
an internal error, not the run: the rest of its chunk goes back to the queue and a fresh worker
takes over. Each worker has its own pair of pipes, so killing one never corrupts a channel
another worker is using.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
import traceback
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, NoReturn, Optional, Sequence

from aetherlint.runner.orphans import die_with_parent
from aetherlint.diagnostic import Diagnostic
from aetherlint.result import FileResult, failed
from aetherlint.source import DEFAULT_MAX_FILE_SIZE

if TYPE_CHECKING:
    from aetherlint.runner.cache import ResultCache

_POLL = 0.05  # seconds between deadline and liveness checks when no message arrives
_STARTUP_GRACE = 60.0  # seconds a worker may take to start (a fresh interpreter on a busy machine)


@dataclass(frozen=True)
class Task:
    path: str  # filesystem path to read
    display: str  # name to put in the FileResult (relative POSIX path)
    extra_builtins: tuple[str, ...] = ()
    run_cmd: str | None = None  # passed through to the worker function
    max_size: int = DEFAULT_MAX_FILE_SIZE  # larger files are IO_ERROR, never read whole
    cache: Optional["ResultCache"] = None  # where the worker stores the result of the bytes it read
    data: Optional[bytes] = None  # the bytes to check instead of reading `path` (keep it small)


Worker = Callable[[Task, float], FileResult]


def default_worker(task: Task, timeout: float) -> FileResult:
    """Check the file; run the external interpreter on it only if it passed and one is set.

    The worker reads the file itself and keys the result by exactly the bytes it checked, so an
    edit during the run cannot leave a result under the key of other bytes."""
    from aetherlint.check import check_bytes
    from aetherlint.source import SourceError, read_bytes

    data = task.data
    if data is None:
        try:
            data = read_bytes(Path(task.path), task.max_size)
        except SourceError as exc:
            return failed(task.display, "read", [exc.diagnostic])
    result = check_bytes(data, task.display, task.extra_builtins)
    if result.ok and task.run_cmd:
        from aetherlint.runner.execute import run_external

        result = run_external(task, timeout)
        if task.cache is not None and not _still(task, data):
            return result  # the interpreter may have read other bytes: not cached
    if task.cache is not None:
        task.cache.put(task.cache.key(data), result)
    return result


def _still(task: Task, data: bytes) -> bool:
    from aetherlint.source import SourceError, read_bytes

    try:
        return read_bytes(Path(task.path), task.max_size) == data
    except SourceError:
        return False


def _on_sigterm(signum: int, frame: object) -> NoReturn:
    # Unwind instead of dying on the spot: `subprocess.run` then kills a running interpreter.
    raise SystemExit(128 + signum)


# The parent's ends of every live worker's pipes. A forked worker inherits all of them and closes
# them first: otherwise it would hold the write end of its own inbox and never see EOF when the
# parent dies. (Under spawn, the Windows and macOS default, a worker inherits nothing: it is empty.)
_PARENT_ENDS: set[Connection] = set()


def _worker_main(
    inbox: Connection, outbox: Connection, worker: Worker, timeout: float, parent: Optional[int]
) -> None:
    for end in list(_PARENT_ENDS):
        end.close()
    _PARENT_ENDS.clear()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, _on_sigterm)
    die_with_parent(parent)
    from aetherlint.check import check_bytes

    check_bytes(b"", "<warm-up>")  # import and load the parser tables before any file's clock starts
    outbox.send(("ready", None, None))
    while True:
        try:
            chunk = inbox.recv()
        except EOFError:  # the parent is gone
            return
        if chunk is None:
            return
        for index, task in chunk:
            try:
                result = worker(task, timeout)
            except Exception as exc:  # a bug in the worker function: this file only
                diag = Diagnostic("AE2701", 1, 1, f"internal error: {type(exc).__name__}")
                result = failed(task.display, "parse", [diag], traceback=traceback.format_exc())
            outbox.send(("done", index, result))  # FileResult pickles as it is


class _Proc:
    """One worker process, the parent's ends of its pipes, and what it is doing."""

    def __init__(self, ctx: Any, worker: Worker, timeout: float) -> None:
        inbox_r, self.inbox = ctx.Pipe(duplex=False)
        self.outbox, outbox_w = ctx.Pipe(duplex=False)
        _PARENT_ENDS.update((self.inbox, self.outbox))
        # under forkserver the worker's parent is the server (which ends with us): no pid to check
        parent = os.getpid() if ctx.get_start_method() in ("fork", "spawn") else None
        args = (inbox_r, outbox_w, worker, timeout, parent)
        self.process = ctx.Process(target=_worker_main, args=args, daemon=True)
        self.process.start()
        inbox_r.close()  # only the worker holds these now, so its death shows as EOF here
        outbox_w.close()
        self.chunk: deque[int] = deque()  # assigned task indices not yet done, in order
        self.started = 0.0  # when the first of them started (as far as the parent can tell)
        self.ready = False  # warmed up: until then, starting (seconds under spawn) is not the file's time
        self.eof = False

    @property
    def current(self) -> Optional[int]:
        """The file it is working on: files are done in the order they were sent."""
        return self.chunk[0] if self.chunk else None

    def assign(self, chunk: list[int], tasks: Sequence[Task]) -> None:
        if not self.chunk:
            self.started = time.monotonic()
        self.chunk.extend(chunk)
        try:
            self.inbox.send([(i, tasks[i]) for i in chunk])
        except OSError:
            pass  # it died: found by the liveness check, which blames the chunk's first file

    def messages(self) -> list[tuple]:
        """The `done` messages received; a `ready` one restarts the clock of the first file."""
        out = []
        while not self.eof and self.outbox.poll():
            try:
                message = self.outbox.recv()
            except (EOFError, OSError):
                self.eof = True
                continue
            if message[0] == "ready":
                self.ready, self.started = True, time.monotonic()
            else:
                out.append(message)
        return out

    def overdue(self, timeout: float) -> bool:
        limit = timeout if self.ready else timeout + _STARTUP_GRACE
        return self.current is not None and time.monotonic() - self.started > limit

    def stop(self, graceful: bool = False) -> None:
        if graceful and self.process.is_alive():
            try:
                self.inbox.send(None)
            except OSError:
                pass
            self.process.join(1.0)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(1.0)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()

    def close(self) -> None:
        _PARENT_ENDS.difference_update((self.inbox, self.outbox))
        self.inbox.close()
        self.outbox.close()


def _timeout_diagnostic(timeout: float) -> Diagnostic:
    return Diagnostic("AE2301", 1, 1, f"timed out after {timeout:g} s")


def _death_diagnostic(proc: _Proc) -> Diagnostic:
    return Diagnostic("AE2701", 1, 1, f"worker process died (exit code {proc.process.exitcode})")


def run_tasks(
    tasks: Sequence[Task],
    *,
    jobs: int,
    timeout: float,
    chunk_size: int = 16,
    on_result: Callable[[int, FileResult], None] | None = None,
    worker: Worker = default_worker,
) -> list[FileResult]:
    """Results in the same order as `tasks`, whatever `jobs` is. `timeout` may be `math.inf`
    (no deadline: the workers are for speed only)."""
    if jobs <= 0:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if chunk_size <= 0:
        raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")
    if not tasks:
        return []
    ctx = multiprocessing.get_context()
    results: list[Optional[FileResult]] = [None] * len(tasks)
    pending: deque[int] = deque(range(len(tasks)))
    left = len(tasks)
    everyone: list[_Proc] = []  # every worker started, for the cleanup

    def spawn() -> _Proc:
        everyone.append(_Proc(ctx, worker, timeout))
        return everyone[-1]

    def record(index: int, result: FileResult) -> None:
        nonlocal left
        results[index] = result
        left -= 1
        if on_result is not None:
            on_result(index, result)

    def handle(proc: _Proc, message: tuple) -> None:
        # One message per file: the next file's clock starts when this one's result arrives.
        _, index, result = message
        proc.chunk.remove(index)
        proc.started = time.monotonic()
        record(index, result)

    def retire(proc: _Proc, timed_out: Optional[int]) -> None:
        """Stop `proc`, keep what it finished, fail the file it was on, re-queue the rest."""
        proc.stop()
        for message in proc.messages():
            handle(proc, message)
        proc.close()
        if timed_out is not None:
            index = timed_out if timed_out in proc.chunk else None  # unless it just finished
            diag = _timeout_diagnostic(timeout)
        else:  # died on its own: blame the file it was on (or about to start: progress is certain)
            index = proc.current
            diag = _death_diagnostic(proc)
        if index is not None:
            proc.chunk.remove(index)
            record(index, failed(tasks[index].display, "parse", [diag]))
        pending.extendleft(reversed(proc.chunk))

    finished = False
    try:
        pool = [spawn() for _ in range(min(jobs, len(tasks)))]
        while left:
            for proc in pool:
                # keep up to two chunks queued, so a worker never waits for the parent
                if len(proc.chunk) <= chunk_size // 2 and pending:
                    size = min(chunk_size, max(1, len(pending) // len(pool)))
                    proc.assign([pending.popleft() for _ in range(min(size, len(pending)))], tasks)
            waitables = [p.outbox for p in pool if not p.eof] + [p.process.sentinel for p in pool]
            wait(waitables, timeout=_POLL)
            survivors = []
            for proc in pool:
                for message in proc.messages():
                    handle(proc, message)
                if proc.overdue(timeout):
                    retire(proc, proc.current)
                elif not proc.process.is_alive():
                    retire(proc, None)
                else:
                    survivors.append(proc)
                    continue
                if pending:  # otherwise every unfinished file is already in another worker's chunk
                    survivors.append(spawn())
            pool = survivors
        finished = True
    finally:
        for proc in everyone:
            proc.stop(graceful=finished)
            proc.close()
    return results  # type: ignore[return-value]

