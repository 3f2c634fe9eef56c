"""Which dialect a file is written in (language §1.2), applied in the documented order.

The parser accepts every Aether dialect with one grammar; the label is reported for information,
except for the bash-like dialect G, which is not Aether and is rejected before parsing.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from aetherlint.source import lexable, split_lines

_STRING_RE = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_COMMENT_RE = re.compile(r"(?:^|\s)(?:#|//).*$")

_SHELL_RULES = (
    (re.compile(r'^([A-Z][A-Z0-9_]*)=""'), 'NAME="value" assignment'),
    (re.compile(r"^([A-Z][A-Z0-9_]*)\(\)\s*\{"), "NAME() { … } function"),
)
_YAML_RE = re.compile(r'^plugin\s+""\s*:|^workflow\s+\w+\s*\{')
_BRACE_RE = re.compile(r"^plugin\s+\w+\s*\{|^function\s+\w+\s*\(.*\)\s*\{")
_DECL_RE = re.compile(r"^([a-z_]\w*)\s*\{\s*$")
_DOLLAR_RE = re.compile(r"^\$\w+\s*=|→")
_INDENT_RE = re.compile(r'^consciousness\s*:|^function\s+\w+\s*\(.*\)\s*:|^on\s+(?:memory\s+)?event\s+""\s*:|^every\s+\d')
_KEYWORDS = frozenset({"if", "for", "while", "try", "else", "match", "fn", "function", "define", "export"})


class ShellEvidence(NamedTuple):
    line: int
    col: int
    what: str


def _code_lines(text: str) -> list[str]:
    """Lines with string contents blanked and comments removed (for shape detection only)."""
    out = []
    for line in split_lines(text):
        line = _STRING_RE.sub(lambda m: m.group()[0] * 2, line)
        out.append(_COMMENT_RE.sub("", line).rstrip())
    return out


# A cheap first look over the whole text; only files it matches get the line-by-line check.
_SHELL_HINT_RE = re.compile(r"^[A-Z][A-Z0-9_]*(?:=[\"']|\(\)\s*\{)", re.MULTILINE)


def shell_evidence(text: str) -> Optional[ShellEvidence]:
    """The first top-level line that makes this a bash-like script (dialect G), if any."""
    if not _SHELL_HINT_RE.search(lexable(text)):
        return None
    for number, line in enumerate(_code_lines(text), 1):
        for pattern, what in _SHELL_RULES:
            if pattern.match(line):
                return ShellEvidence(number, 1, what)
    return None


def detect(text: str) -> str:
    lines = [line for line in _code_lines(text) if line.strip()]
    if not lines:
        return "empty"
    if any(pattern.match(line) for line in lines for pattern, _ in _SHELL_RULES):
        return "shell"
    if any(_YAML_RE.match(line) for line in lines) or _has_yaml_list(lines):
        return "yaml"
    if any(_BRACE_RE.match(line) for line in lines):
        return "brace"
    if any((m := _DECL_RE.match(line)) and m.group(1) not in _KEYWORDS for line in lines):
        return "decl"
    if any(_DOLLAR_RE.search(line) for line in lines):
        return "dollar"
    if any(_INDENT_RE.match(line) for line in lines):
        return "indent"
    return "intent-end" if any(line.strip() == "end" for line in lines) else "intent"


def _has_yaml_list(lines: list[str]) -> bool:
    for first, second in zip(lines, lines[1:]):
        if re.match(r"^[A-Za-z_]\w*:$", first) and second.lstrip().startswith("- "):
            return True
    return False
