"""Check a whole tree: discovery, the content cache and the parallel engine, shared by
`classify` and `baseline`. Results come back in discovery order (sorted by relative path)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from aetherlint.config import Config
from aetherlint.diagnostic import Diagnostic
from aetherlint.result import FileResult, failed
from aetherlint.source import DEFAULT_MAX_FILE_SIZE


@dataclass(frozen=True)
class TreeRun:
    root: Path
    project_root: Path  # where `.aetherlint_cache/` lives
    config: Config
    jobs: int
    timeout: float
    limit: Optional[int] = None
    use_cache: bool = True
    run_cmd: Optional[str] = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE


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
    """`on_result` sees each freshly computed result; `progress(total)` returns a tick function.

    The parent answers what it can from the cache; workers read and check the rest, and store
    each result under the key of the bytes they read."""
    from aetherlint.runner.discovery import walk
    from aetherlint.runner.engine import Task, run_tasks
    from aetherlint.source import SourceError, read_bytes

    found = walk(run.root, run.config.exclude, run.limit)
    results: list[Optional[FileResult]] = [None] * len(found.files)
    cache = None
    if run.use_cache:
        from aetherlint.runner.cache import ResultCache

        cache = ResultCache(run.project_root, run.config.extend_builtins, run.run_cmd)
    tasks, task_index = [], []
    builtins = tuple(sorted(run.config.extend_builtins))
    for i, (path, rel) in enumerate(found.files):
        if cache is not None:
            try:
                hit = cache.get(cache.key(read_bytes(path, run.max_file_size)), rel)
            except SourceError:
                hit = None  # the worker reports it as IO_ERROR
            if hit is not None:
                results[i] = hit
                continue
        tasks.append(Task(str(path), rel, builtins, run.run_cmd, run.max_file_size, cache))
        task_index.append(i)
    tick = progress(len(tasks))
    fresh = run_tasks(tasks, jobs=run.jobs, timeout=run.timeout, on_result=lambda _i, _r: tick())
    for i, result in zip(task_index, fresh):
        results[i] = result
        on_result(result)
    folders = [unreadable_folder(rel, reason) for rel, reason in found.unreadable]
    everything = [r for r in results if r is not None] + folders
    everything.sort(key=lambda r: r.path)
    return TreeResults(everything, found.outside, found.dangling)


def unreadable_folder(rel: str, reason: str) -> FileResult:
    """The failure standing for a folder discovery could not list (its files went unchecked)."""
    name = "./" if rel == "." else f"{rel}/"
    return failed(name, "read", [Diagnostic("AE2606", 1, 1, reason)])
