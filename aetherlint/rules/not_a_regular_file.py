"""AE2604 not-a-regular-file: the path is a FIFO, socket, device or other special file, not a regular file."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2604",
    name="not-a-regular-file",
    code=26,
    phase="read",
    summary="The path is a FIFO, socket, device or other special file, not a regular file.",
    explanation=(
        "What it finds: a path named like a workflow (passed explicitly or found in a tree) that "
        "is not a regular file. aetherlint never opens it: reading a FIFO would wait forever for "
        "a writer, and a device such as /dev/zero never ends.\n"
        "Fix: remove or rename it, or exclude it with `exclude` under `[tool.aetherlint]`."
    ),
)
