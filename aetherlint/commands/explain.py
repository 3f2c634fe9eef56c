"""`aetherlint explain CODE`: print a code's or rule's documentation (offline, from codes.py and the rule registry)."""

from __future__ import annotations

import sys
from typing import IO

from aetherlint.codes import CODES
from aetherlint.rules import RULES, explain_text, lookup
from aetherlint.errors import EXIT_OK, UsageError


def run(key: str | None, *, show_all: bool = False, stdout: IO[str] | None = None) -> int:
    stdout = stdout or sys.stdout
    if show_all:
        from aetherlint.migration import TRANSFORMS

        texts = [explain_text(e) for e in [*CODES.values(), *RULES.values()]]
        print("\n\n".join(texts + [t.explain() for t in TRANSFORMS.values()]), file=stdout)
        return EXIT_OK
    if not key:
        raise UsageError("give a code or rule (e.g. `aetherlint explain AE2501`), or --all")
    from aetherlint.migration import TRANSFORMS

    if key.lower() == "migrate":
        print("\n\n".join(t.explain() for t in TRANSFORMS.values()), file=stdout)
        return EXIT_OK
    if key.lower() in TRANSFORMS:
        print(TRANSFORMS[key.lower()].explain(), file=stdout)
        return EXIT_OK
    entry = lookup(key)
    if entry is None:
        raise UsageError(f"unknown code, rule or transform {key!r} (see `aetherlint explain --all`)")
    print(explain_text(entry), file=stdout)
    return EXIT_OK
