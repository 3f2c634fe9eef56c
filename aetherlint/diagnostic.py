"""A diagnostic: one finding of one rule at one place of a file. Plain data, no lookups."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Diagnostic:
    rule: str  # e.g. "AE2501"
    line: int
    col: int
    message: str  # never contains the file path
    source: str = ""  # the offending source line, whitespace-normalised (for stable fingerprints)
    occurrence: int = 0  # how many earlier lines of the file have the same `source`
    # other places that explain this one: (line, col, note), e.g. where an unclosed bracket opened
    related: tuple[tuple[int, int, str], ...] = ()
