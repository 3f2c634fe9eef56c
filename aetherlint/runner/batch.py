"""Check many files: the content cache, then this process or the parallel engine, results handed
over in the order of the files whatever the number of workers. Shared by `check`, `classify` and
`baseline`.

The parent looks results up in the cache; what is left is checked here when it is too little to
pay for starting workers (a pre-commit run on a few files), otherwise by worker processes, which
store each result under the key of the bytes they checked. A deadline (`timeout`) or an
interpreter (`run_cmd`) always needs workers: only a process can be stopped on every OS.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional, Sequence, Union

from aetherlint.diagnostic import Diagnostic
from aetherlint.result import FileResult, failed
from aetherlint.runner.targets import Target, Targets, Unlisted
from aetherlint.settings.options import MAX_FILE_SIZE
from aetherlint.settings.resolver import Resolver
from aetherlint.source import DEFAULT_MAX_FILE_SIZE

if TYPE_CHECKING:
    from aetherlint.runner.cache import ResultCache

# Bytes of uncached files per worker started. A forked worker takes about 0.1 s to start (it
# loads the parser tables), a spawned one (Windows, macOS) several times that; checking runs at
# 1.5-2 MB/s, so below about 0.3 s of work per worker, one process is as fast (measured on the
# 2-core CI machine: 800 kB in 0.40 s in-process, 0.37-0.52 s with 2 workers).
BYTES_PER_WORKER = {"fork": 300_000}  # by multiprocessing start method; any other:
BYTES_PER_SPAWNED_WORKER = 1_500_000


@dataclass(frozen=True)
class Job:
    path: Optional[Path]  # None: `data` is all there is (standard input)
    display: str
    builtins: tuple[str, ...] = ()
    max_size: int = DEFAULT_MAX_FILE_SIZE
    cache_root: Optional[Path] = None  # where its result is cached; None: not cached
    data: Optional[bytes] = None


Item = Union[Job, FileResult]  # a file to check, or a result already known (a folder not listed)


@dataclass(frozen=True)
class Plan:
    jobs: int  # at most this many worker processes
    timeout: Optional[float] = None  # seconds per file
    run_cmd: Optional[str] = None
    keep_data: bool = False  # hand each result over with the bytes checked (check shows source lines)


Emit = Callable[[FileResult, Optional[bytes]], None]


def check_items(
    items: Sequence[Item],
    plan: Plan,
    emit: Emit,
    on_fresh: Callable[[FileResult], None] = lambda _result: None,
    progress: Callable[[int], Callable[[], None]] = lambda _total: lambda: None,
) -> None:
    """`emit(result, data)` sees every result in the order of `items`; `on_fresh` sees those that
    did not come from the cache, just before; `progress(total)` returns a tick per checked file."""
    caches = _Caches(plan.run_cmd)
    ordered = _InOrder(emit, on_fresh)
    if plan.jobs == 1 and plan.timeout is None and plan.run_cmd is None:
        for index, item in enumerate(items):  # one at a time: the output streams, memory stays flat
            result, data = _known(item, caches, read=True)
            fresh = result is None
            if result is None:
                result = _check_here(item, data, caches)  # type: ignore[arg-type]
            ordered.put(index, result, data if plan.keep_data else None, fresh=fresh)
        return
    misses: list[tuple[int, Job, Optional[bytes]]] = []
    for index, item in enumerate(items):
        result, data = _known(item, caches, read=plan.keep_data or caches.used(item))
        if result is not None:
            ordered.put(index, result, data if plan.keep_data else None)
        else:
            misses.append((index, item, data))  # type: ignore[arg-type]
    workers = _workers(plan, misses)
    tick = progress(len(misses))
    if not workers:
        for index, job, data in misses:
            ordered.put(index, _check_here(job, data, caches), data if plan.keep_data else None, fresh=True)
            tick()
        return
    from aetherlint.runner.engine import Task, run_tasks

    tasks = [
        Task(str(job.path), job.display, job.builtins, plan.run_cmd, job.max_size, caches.get(job),
             data=data if plan.keep_data or job.path is None else None)
        for _, job, data in misses
    ]

    def arrived(task_index: int, result: FileResult) -> None:
        tick()
        index, _, data = misses[task_index]
        ordered.put(index, result, data if plan.keep_data else None, fresh=True)

    run_tasks(tasks, jobs=workers, timeout=plan.timeout or math.inf, on_result=arrived)


def _known(item: Item, caches: "_Caches", read: bool) -> tuple[Optional[FileResult], Optional[bytes]]:
    """The result if it needs no check (given, unreadable, cached), and the bytes read."""
    if isinstance(item, FileResult):
        return item, None
    data = item.data
    if data is None and read:
        failure, data = _read(item)
        if failure is not None:
            return failure, None
    cache = caches.get(item)
    if cache is not None and data is not None:
        return cache.get(cache.key(data), item.display), data
    return None, data


def _read(job: Job) -> tuple[Optional[FileResult], Optional[bytes]]:
    """(the read failure, None) or (None, the bytes)."""
    from aetherlint.source import SourceError, read_bytes

    assert job.path is not None
    try:
        return None, read_bytes(job.path, job.max_size)
    except SourceError as exc:
        return failed(job.display, "read", [exc.diagnostic]), None


def _check_here(job: Job, data: Optional[bytes], caches: "_Caches") -> FileResult:
    from aetherlint.check import check_bytes

    if data is None:  # not read yet (nothing needed the bytes before)
        failure, data = _read(job)
        if failure is not None:
            return failure
    assert data is not None
    result = check_bytes(data, job.display, job.builtins)
    cache = caches.get(job)
    if cache is not None:
        cache.put(cache.key(data), result)
    return result


def _workers(plan: Plan, misses: list[tuple[int, Job, Optional[bytes]]]) -> int:
    """How many worker processes to start for the files not in the cache (0: none)."""
    if plan.timeout is not None or plan.run_cmd is not None:
        return min(plan.jobs, len(misses))
    size = sum(len(data) for _, _, data in misses if data is not None)
    if size < 2 * min(*BYTES_PER_WORKER.values(), BYTES_PER_SPAWNED_WORKER):
        return 0  # too little for two workers whatever the start method (and a small run, such as
        # a pre-commit hook's, never imports multiprocessing)
    import multiprocessing

    per_worker = BYTES_PER_WORKER.get(multiprocessing.get_start_method(), BYTES_PER_SPAWNED_WORKER)
    workers = min(plan.jobs, len(misses), size // per_worker)
    return workers if workers > 1 else 0


class _InOrder:
    """Hands results over in item order, as soon as all those before them are in."""

    def __init__(self, emit: Emit, on_fresh: Callable[[FileResult], None]) -> None:
        self.emit, self.on_fresh = emit, on_fresh
        self.next = 0
        self.waiting: dict[int, tuple[FileResult, Optional[bytes], bool]] = {}

    def put(self, index: int, result: FileResult, data: Optional[bytes], fresh: bool = False) -> None:
        self.waiting[index] = (result, data, fresh)
        while self.next in self.waiting:
            result, data, fresh = self.waiting.pop(self.next)
            self.next += 1
            if fresh:
                self.on_fresh(result)
            self.emit(result, data)


class _Caches:
    """One ResultCache per cache folder and set of built-ins (both are part of the key)."""

    def __init__(self, run_cmd: Optional[str]) -> None:
        self.run_cmd = run_cmd
        self.caches: dict[tuple[Path, tuple[str, ...]], "ResultCache"] = {}

    def used(self, item: Item) -> bool:
        return isinstance(item, Job) and item.cache_root is not None

    def get(self, job: Job) -> Optional["ResultCache"]:
        if job.cache_root is None:
            return None
        key = (job.cache_root, job.builtins)
        if key not in self.caches:
            from aetherlint.runner.cache import ResultCache

            self.caches[key] = ResultCache(job.cache_root, job.builtins, self.run_cmd)
        return self.caches[key]


def job_for(target: Target, use_cache: bool) -> Job:
    settings = target.settings
    builtins = settings.builtins_for(settings.relative(target.path) if settings.per_file else None)
    return Job(target.path, target.display, builtins, settings[MAX_FILE_SIZE], settings.root if use_cache else None)


def unreadable_folder(rel: str, reason: str) -> FileResult:
    """The failure standing for a folder discovery could not list (its files went unchecked)."""
    name = "./" if rel == "." else f"{rel}/"
    return failed(name, "read", [Diagnostic("AE2606", 1, 1, reason)])


def items_for(entries: Sequence[Union[Target, Unlisted]], use_cache: bool) -> list[Item]:
    return [job_for(e, use_cache) if isinstance(e, Target) else unreadable_folder(e.display, e.reason)
            for e in entries]


@dataclass(frozen=True)
class TreeRun:
    root: Path
    resolver: Resolver
    plan: Plan
    limit: Optional[int] = None
    use_cache: bool = True
    # what to add to each result from the bytes checked (signatures); needs `plan.keep_data`
    finish: Optional[Callable[[FileResult, Optional[bytes]], FileResult]] = None


@dataclass(frozen=True)
class TreeResults:
    results: list[FileResult]  # one per workflow and per folder that could not be listed
    outside: list[str]  # symlinks leading outside the root, not followed
    dangling: list[str]  # symlinks leading nowhere


def check_tree(
    run: TreeRun,
    on_result: Callable[[FileResult], None] = lambda _result: None,
    progress: Callable[[int], Callable[[], None]] = lambda _total: lambda: None,
) -> TreeResults:
    """Every workflow under ROOT, sorted by path; `on_result` sees each freshly computed result."""
    found = Targets(run.resolver).tree(run.root, run.limit)
    results: list[FileResult] = []
    finish = run.finish or (lambda result, _data: result)
    check_items(items_for(found.entries, run.use_cache), run.plan, lambda r, d: results.append(finish(r, d)),
                on_result, progress)
    results.sort(key=lambda r: r.path)
    return TreeResults(results, found.outside, found.dangling)
