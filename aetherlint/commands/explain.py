"""`aetherlint explain CODE`: print a code's or rule's documentation (offline, from codes.py)."""

from __future__ import annotations

import sys
from typing import IO

from aetherlint.codes import CODES, RULES, explain_text, lookup
from aetherlint.errors import EXIT_OK, UsageError


def run(key: str | None, *, show_all: bool = False, stdout: IO[str] | None = None) -> int:
    stdout = stdout or sys.stdout
    if show_all:
        entries = [*CODES.values(), *RULES.values()]
        print("\n\n".join(explain_text(e) for e in entries), file=stdout)
        return EXIT_OK
    if not key:
        raise UsageError("give a code or rule (e.g. `aetherlint explain AE2501`), or --all")
    entry = lookup(key)
    if entry is None:
        raise UsageError(f"unknown code or rule {key!r} (see `aetherlint explain --all`)")
    print(explain_text(entry), file=stdout)
    return EXIT_OK
