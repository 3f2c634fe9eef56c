"""AE2701 internal-error: aetherlint crashed on this file."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2701",
    name="internal-error",
    code=27,
    phase="any",
    summary="aetherlint crashed on this file.",
    explanation=(
        "What it finds: an exception inside aetherlint while checking this file (a bug in "
        "aetherlint, not in the file). Only this file is affected; the run goes on.\n"
        "Fix: run `aetherlint check --verbose FILE` for the traceback and report it with the "
        "file."
    ),
)
