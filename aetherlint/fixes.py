"""Applying a fix: text edits by (line, col) positions, pure text in and out."""

from __future__ import annotations

from typing import Iterable

from aetherlint.diagnostic import Edit
from aetherlint.source import line_starts


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """`text` with every edit applied; ValueError for a position outside the text or edits
    that overlap. Columns count code points, as diagnostics do."""
    starts = line_starts(text)
    spans = sorted((_offset(text, starts, e.line, e.col), _offset(text, starts, e.end_line, e.end_col), e.text) for e in edits)
    for (_, end, _), (start, _, _) in zip(spans, spans[1:]):
        if start < end:
            raise ValueError("overlapping edits")
    out, done = [], 0
    for start, end, replacement in spans:
        out += [text[done:start], replacement]
        done = end
    return "".join(out) + text[done:]


def _offset(text: str, starts: list[int], line: int, col: int) -> int:
    if not 1 <= line <= len(starts):
        raise ValueError(f"line {line} is outside the text")
    offset = starts[line - 1] + col - 1
    end = starts[line] if line < len(starts) else len(text)
    if not starts[line - 1] <= offset <= end:
        raise ValueError(f"column {col} is outside line {line}")
    return offset
