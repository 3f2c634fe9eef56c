"""What the commands share about running: how many workers, and paths that matched nothing."""

from __future__ import annotations

import os
from typing import IO, Callable, Optional, Sequence

from aetherlint.errors import UsageError

JOBS_PER_CPU = 4  # more workers than this only add memory and start-up time


def cpu_count() -> int:
    """CPUs this process may use (the affinity mask where the OS has one, e.g. in containers)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def jobs(requested: Optional[int], warn: Callable[[str], None]) -> int:
    """The number of workers to use (`jobs` is at least 1 already: settings check it)."""
    cpus = cpu_count()
    if requested is None:
        return cpus
    if requested > JOBS_PER_CPU * cpus:
        warn(f"--jobs {requested} is more than {JOBS_PER_CPU} per CPU ({cpus}); using {JOBS_PER_CPU * cpus}")
        return JOBS_PER_CPU * cpus
    return requested


def unmatched_paths(unmatched: Sequence[tuple[str, str]], strict: bool, stderr: IO[str]) -> None:
    """A path named on the command line that matched no file: a warning, or with `strict-paths`
    a usage error before anything is checked (a typo in CI must not pass as "nothing to check")."""
    from aetherlint.escape import controls

    lines = [f"{controls(path)}: {why}" for path, why in unmatched]
    if strict and lines:
        raise UsageError("; ".join(lines) + " (--strict-paths)")
    for line in lines:
        print(f"aetherlint: warning: {line}", file=stderr)
