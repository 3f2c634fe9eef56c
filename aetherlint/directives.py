"""Inline suppression comments, found in a file's text: pure, content-derived (so cacheable).

    x = frob(1)   # aetherlint: ignore[AE2501, unknown-function] the helper is injected
    x = frob(1)   // aetherlint: ignore[AE2501]
    # aetherlint: ignore-file[undefined-name]      (in the first 10 lines)

`ignore` applies to findings on its own line; `ignore-file` to the whole file. The brackets hold
rule ids, rule names or code families (see rules.selectors); `ignore` without brackets matches
every rule on that line. A directive inside a string literal is not one: the comment marker
must come after an even number of quotes on its line (`don't` in free text counts for none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aetherlint.jsonread import is_int
from aetherlint.source import split_lines

FILE_DIRECTIVE_LINES = 10
_MARK = "aetherlint:"
_DIRECTIVE_RE = re.compile(r"(?:#|//)\s*aetherlint:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?\s*(.*)$")


@dataclass(frozen=True)
class Directive:
    line: int
    col: int  # where the comment marker starts
    end_col: int  # the end of the directive (its reason excluded)
    scope: str  # "line" or "file"
    selectors: tuple[str, ...]  # as written; empty: every rule (line directives only)
    reason: str


def find(text: str) -> tuple[Directive, ...]:
    if _MARK not in text:  # nearly every file: one substring search
        return ()
    out = []
    for number, line in enumerate(split_lines(text), 1):
        if _MARK not in line:
            continue
        for match in _DIRECTIVE_RE.finditer(line):
            if _inside_string(line, match.start()):
                continue
            scope = "file" if match.group(1) == "ignore-file" else "line"
            if scope == "file" and number > FILE_DIRECTIVE_LINES:
                continue  # documented: only a file's head may hold them (AE2901 would be noise)
            selectors = tuple(s.strip() for s in (match.group(2) or "").split(",") if s.strip())
            end = match.end(2) + 2 if match.group(2) is not None else match.end(1) + 1
            out.append(Directive(number, match.start() + 1, end, scope, selectors, match.group(3).strip()))
            break
    return tuple(out)


def _inside_string(line: str, index: int) -> bool:
    """An odd number of unescaped `"` before `index`, or of `'` with one more after it (an
    apostrophe in free text, `don't`, opens no string): it is inside a string."""
    head = re.sub(r"\\.", "", line[:index])
    return head.count('"') % 2 == 1 or (head.count("'") % 2 == 1 and "'" in line[index:])


def directive_from_plain(item: object) -> Directive:
    """A directive as `FileResult.to_dict` writes it; ValueError for any other shape."""
    if not (isinstance(item, list) and len(item) == 6):
        raise ValueError("not a directive")
    line, col, end_col, scope, selectors, reason = item
    if not all(is_int(v) and v >= 1 for v in (line, col, end_col)):
        raise ValueError("bad directive position")
    if scope not in ("line", "file") or not isinstance(reason, str) or not isinstance(selectors, list):
        raise ValueError("bad directive")
    if not all(isinstance(s, str) for s in selectors):
        raise ValueError("bad directive selector")
    return Directive(line, col, end_col, scope, tuple(selectors), reason)
