"""The options `classify` and `baseline` share: --jobs, --timeout, --limit."""

from __future__ import annotations

import math
import os
from typing import Callable, Optional

from aetherlint.errors import UsageError

MAX_TIMEOUT = 86_400.0  # a day per file; larger values only overflow the engine's timers
JOBS_PER_CPU = 4  # more workers than this only add memory and start-up time


def cpu_count() -> int:
    """CPUs this process may use (the affinity mask where the OS has one, e.g. in containers)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def check(jobs: Optional[int], timeout: float, limit: Optional[int], warn: Callable[[str], None]) -> int:
    """The number of workers to use; a usage error for values that make no sense."""
    if not (math.isfinite(timeout) and 0 < timeout <= MAX_TIMEOUT):
        raise UsageError(f"--timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}")
    if limit is not None and limit < 0:
        raise UsageError("--limit must not be negative")
    cpus = cpu_count()
    if jobs is None:
        return cpus
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if jobs > JOBS_PER_CPU * cpus:
        warn(f"--jobs {jobs} is more than {JOBS_PER_CPU} per CPU ({cpus}); using {JOBS_PER_CPU * cpus}")
        return JOBS_PER_CPU * cpus
    return jobs
