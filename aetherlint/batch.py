"""Check a whole tree: discovery, the content cache and the parallel engine, shared by
`classify` and `baseline`. Results come back in discovery order (sorted by relative path)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from aetherlint.config import Config
from aetherlint.result import FileResult


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


def check_tree(
    run: TreeRun,
    on_result: Callable[[FileResult], None] = lambda _result: None,
    progress: Callable[[int], Callable[[], None]] = lambda _total: lambda: None,
) -> list[FileResult]:
    """`on_result` sees each freshly computed result; `progress(total)` returns a tick function."""
    from aetherlint.discovery import discover
    from aetherlint.engine import Task, run_tasks

    files = discover(run.root, run.config.exclude, run.limit)
    results: list[Optional[FileResult]] = [None] * len(files)
    cache = None
    if run.use_cache:
        from aetherlint.cache import ResultCache

        cache = ResultCache(run.project_root, run.config.extend_builtins, run.run_cmd)
    keys: dict[int, str] = {}
    tasks, task_index = [], []
    builtins = tuple(sorted(run.config.extend_builtins))
    for i, (path, rel) in enumerate(files):
        if cache is not None:
            try:
                keys[i] = cache.key(path.read_bytes())
            except OSError:
                pass  # the worker reports it as IO_ERROR
            else:
                hit = cache.get(keys[i], rel)
                if hit is not None:
                    results[i] = hit
                    continue
        tasks.append(Task(str(path), rel, builtins, run.run_cmd))
        task_index.append(i)
    tick = progress(len(tasks))
    fresh = run_tasks(tasks, jobs=run.jobs, timeout=run.timeout, on_result=lambda _i, _r: tick())
    for i, result in zip(task_index, fresh):
        results[i] = result
        if cache is not None and i in keys:
            cache.put(keys[i], result)
        on_result(result)
    return [r for r in results if r is not None]
