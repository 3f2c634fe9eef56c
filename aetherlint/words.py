"""Counts in words, for every human line aetherlint prints (terminal, Markdown, sign-offs)."""

from __future__ import annotations


def plural(n: int, word: str, number: str = "{}") -> str:
    """`1 file`, `2 files`, `0 files`: a count and its noun, for every human line (`number`
    formats the count, e.g. `**{}**` in Markdown); `info` does not change."""
    return f"{number.format(n)} {word if n == 1 or word == 'info' else word + 's'}"
