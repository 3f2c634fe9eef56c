"""AE2006 bad-dedent: a line is dedented to a column that matches no enclosing block."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2006",
    name="bad-dedent",
    code=20,
    phase="parse",
    summary="A line is dedented to a column that matches no enclosing block.",
    explanation=(
        "What it finds: in indentation-based files, a line whose indentation is less than the "
        "current block's but different from every enclosing block's.\n"
        "Example:\n"
        "    when bins_full:\n"
        "        if heavy:\n"
        "            flag()\n"
        "      tidy()\n"
        "Fix: indent the line to the column of the block it belongs to (4 or 8 spaces here)."
    ),
)
