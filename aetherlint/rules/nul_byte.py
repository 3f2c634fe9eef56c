"""AE2602 nul-byte: the file contains a NUL byte, so it is binary data, not a workflow."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2602",
    name="nul-byte",
    code=26,
    phase="read",
    summary="The file contains a NUL byte, so it is binary data, not a workflow.",
    explanation=(
        "What it finds: the first byte 0x00, with its line, column and byte offset.\n"
        "Fix: restore the file from version control, or remove it if it is not a workflow."
    ),
)
