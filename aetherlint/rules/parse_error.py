"""AE2001 parse-error: a token appears where the grammar does not allow it."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2001",
    name="parse-error",
    code=20,
    phase="parse",
    summary="A token appears where the grammar does not allow it.",
    explanation=(
        "What it finds: the first token that cannot continue a well-formed file.\n"
        "Example:\n"
        "    let total = )\n"
        "Fix: complete or remove the construct at the reported position:\n"
        "    let total = 0"
    ),
)
