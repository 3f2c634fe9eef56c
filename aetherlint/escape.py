"""Text from files (source lines, messages, paths) made safe to show: control characters never
reach a terminal raw, and nothing breaks out of a Markdown table cell or code span. Pure."""

from __future__ import annotations

import re

# C0 controls but tab, DEL and C1 controls: ESC sequences can rewrite the screen or the title,
# BEL rings, CR overprints, newlines fake extra lines.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
# The same, keeping line breaks (LF, and CR before LF) for multi-line text such as diffs.
_CONTROL_IN_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def _hex(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def controls(text: str) -> str:
    """`\\x1b` for ESC and so on; tab is kept."""
    return _CONTROL.sub(_hex, text)


def controls_in_lines(text: str) -> str:
    return _CONTROL_IN_LINES.sub(_hex, text)


def md_cell(text: str) -> str:
    """For a Markdown table cell: controls escaped (so no newline ends the row) and `|` escaped."""
    return controls(text).replace("|", "\\|")


def md_code(text: str) -> str:
    """An inline code span holding `text`, whatever backticks it contains (CommonMark: a fence
    longer than any run of backticks inside)."""
    text = controls(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
