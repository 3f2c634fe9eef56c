"""Where a command's artifacts go: a file, checked before the work starts, or `-` for stdout."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Mapping, Optional

from aetherlint.errors import UsageError
from aetherlint.fileio import NotRegularFile, atomic_write, write_target

STDOUT = "-"


def check(options: Mapping[str, Optional[str]]) -> None:
    """Usage errors before any work is done: an existing output that is not a regular file (it
    is never replaced), or two options naming the same file, whatever the spelling or link."""
    seen: dict[str, str] = {}
    for option, value in options.items():
        if not value:
            continue
        if value == STDOUT:
            key = STDOUT
        else:
            try:
                key = _identity(write_target(Path(value)))
            except NotRegularFile as exc:
                raise UsageError(str(exc)) from None
        if key in seen:
            where = "both go to standard output" if key == STDOUT else f"name the same file ({value})"
            raise UsageError(f"{seen[key]} and {option} {where}")
        seen[key] = option


def to_stdout(*values: Optional[str]) -> bool:
    return STDOUT in values


def write(value: str, text: str, stdout: IO[str]) -> None:
    if value == STDOUT:
        stdout.write(text)
        stdout.flush()
        return
    try:
        atomic_write(Path(value), text)
    except OSError as exc:
        raise UsageError(f"{value}: cannot write ({exc.strerror or exc})") from None


def _identity(path: Path) -> str:
    """The same string for two names of one file: its inode when it exists (hard links too),
    else its absolute real path."""
    try:
        st = os.stat(path)
    except OSError:
        return os.path.normcase(os.path.realpath(path))
    return f"{st.st_dev}:{st.st_ino}"
