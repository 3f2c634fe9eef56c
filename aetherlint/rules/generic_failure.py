"""AE0101 generic-failure: the external interpreter failed without a more precise code."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE0101",
    name="generic-failure",
    code=1,
    phase="run",
    summary="The external interpreter failed without a more precise code.",
    explanation=(
        "What it finds: with `classify --run-cmd`, an interpreter that exited non-zero without a "
        "status line, or reported code 1.\n"
        "Fix: run the workflow with the interpreter and read its output."
    ),
)
