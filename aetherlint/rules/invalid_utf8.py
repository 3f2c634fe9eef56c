"""AE2603 invalid-utf8: the file is not valid UTF-8."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2603",
    name="invalid-utf8",
    code=26,
    phase="read",
    summary="The file is not valid UTF-8.",
    explanation=(
        "What it finds: the first byte that is not valid UTF-8 (for example a Latin-1 `é` saved "
        "as 0xE9), with its byte offset.\n"
        "Fix: re-save the file as UTF-8 (`iconv -f latin1 -t utf-8`)."
    ),
)
