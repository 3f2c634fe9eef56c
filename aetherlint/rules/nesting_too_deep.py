"""AE2005 nesting-too-deep: brackets or blocks are nested more deeply than aetherlint analyses."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2005",
    name="nesting-too-deep",
    code=20,
    phase="parse",
    summary="Brackets or blocks are nested more deeply than aetherlint analyses.",
    explanation=(
        "What it finds: more than 100 levels of brackets and indented blocks together. Real "
        "workflows use at most about 8.\n"
        "Fix: flatten the structure, for example by moving inner blocks into functions."
    ),
)
