"""AE2601 unreadable-file: the file does not exist or cannot be read."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2601",
    name="unreadable-file",
    code=26,
    phase="read",
    summary="The file does not exist or cannot be read.",
    explanation=(
        "What it finds: a missing path, a permission error, or a directory where a file was "
        "expected.\n"
        "Fix: check the path and the file's permissions."
    ),
)
