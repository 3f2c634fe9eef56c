"""AE2101 runtime-error: the external interpreter reported a failure while running the workflow."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2101",
    name="runtime-error",
    code=21,
    phase="run",
    summary="The external interpreter reported a failure while running the workflow.",
    explanation=(
        "What it finds: with `classify --run-cmd`, an interpreter status (its `--json-status` "
        "line or `AETHER_ERROR_CODE:` on stderr) with code 21, or another non-zero code, which "
        "keeps its own structured code. The message is the interpreter's.\n"
        "Fix: run the workflow with the interpreter and fix what it reports."
    ),
)
