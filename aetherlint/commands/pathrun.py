"""Check the files of PATHS as `check` finds them (exclusions, cache, workers) and hand each
result over with the bytes that were checked, in order: what `risk` and `verify` build on."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Callable, Optional, Sequence

from aetherlint.errors import UsageError
from aetherlint.result import FileResult
from aetherlint.settings import options as opt
from aetherlint.settings.model import Settings
from aetherlint.settings.resolver import Overrides, Resolver


def check_paths(paths: Sequence[str], resolver: Resolver, top: Settings, stderr: IO[str],
                emit: Callable[[FileResult, Optional[bytes]], None], command: str) -> None:
    from aetherlint.commands import runopts
    from aetherlint.runner.batch import Plan, check_items, items_for
    from aetherlint.runner.targets import Targets

    if not paths:
        raise UsageError(f"no paths given (try `aetherlint {command} .`)")
    targets = Targets(resolver)
    items = [item for arg in paths for item in items_for(targets.add(arg), top[opt.CACHE])]
    runopts.unmatched_paths(targets.found.unmatched, top[opt.STRICT_PATHS], stderr)
    jobs = runopts.jobs(top[opt.JOBS], lambda message: print(f"aetherlint: warning: {message}", file=stderr))
    check_items(items, Plan(jobs, keep_data=True), emit)


def resolver_for(command: str, overrides: Overrides) -> tuple[Resolver, Settings]:
    """The run's resolver and the settings of the current folder (jobs, cache, keys...)."""
    resolver = Resolver(overrides, command, Path.cwd())
    return resolver, resolver.for_folder(Path.cwd())
