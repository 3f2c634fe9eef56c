"""The README's sections and fenced code blocks, so tests run the snippets a user copies."""

from __future__ import annotations

import re

from conftest import ROOT

README = ROOT / "README.md"
_FENCE = re.compile(r"^( *)(`{3,})(\S*)\s*$")


def section(heading: str) -> str:
    """The text under `heading` (e.g. "## Pre-commit") up to the next heading of its level or above."""
    level = len(heading) - len(heading.lstrip("#"))
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading) + 1  # ValueError: the heading was renamed; update the test
    end = next(
        (i for i in range(start, len(lines)) if re.match(rf"#{{1,{level}}} ", lines[i]) and not _in_fence(lines, i)),
        len(lines),
    )
    return "\n".join(lines[start:end])


def code_blocks(text: str, lang: str | None = None) -> list[str]:
    """The fenced blocks of `text` (indentation removed), those tagged `lang` when given."""
    blocks, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        opened = _FENCE.match(lines[i])
        if not opened:
            i += 1
            continue
        indent, fence, tag = opened.groups()
        end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == fence)
        if lang is None or tag == lang:
            blocks.append("\n".join(line[len(indent):] for line in lines[i + 1 : end]) + "\n")
        i = end + 1
    return blocks


def _in_fence(lines: list[str], index: int) -> bool:
    fence = None
    for line in lines[:index]:
        opened = _FENCE.match(line)
        if opened and fence is None:
            fence = opened.group(2)
        elif fence is not None and line.strip() == fence:
            fence = None
    return fence is not None
