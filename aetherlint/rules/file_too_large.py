"""AE2605 file-too-large: the file is larger than `max-file-size` (default 5 MB)."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2605",
    name="file-too-large",
    code=26,
    phase="read",
    summary="The file is larger than `max-file-size` (default 5 MB).",
    explanation=(
        "What it finds: a file whose size exceeds the limit; it is not read whole (the size is "
        "taken from the file system first), so a huge or generated file cannot exhaust memory or "
        "time.\n"
        "Fix: split the file, exclude it, or raise the limit with `--max-file-size 20MB` or\n"
        "    [tool.aetherlint]\n"
        '    max-file-size = "20MB"'
    ),
)
