"""AE2301 timeout: checking or running the file took longer than `--timeout` seconds."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2301",
    name="timeout",
    code=23,
    phase="any",
    summary="Checking or running the file took longer than `--timeout` seconds.",
    explanation=(
        "What it finds: a file whose parse and validation (or whose `--run-cmd` run) did not "
        "finish in time; the worker is stopped and the run goes on.\n"
        "Fix: look for an unusually large or generated file; split it, or raise `--timeout`."
    ),
)
