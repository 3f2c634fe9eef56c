"""Suppression comments as text edits: add or extend `aetherlint: ignore[...]` on a line or
`ignore-file[...]` at the head of a file, remove one that suppresses nothing. Pure: text and
directives in, `Edit`s (1-based, code points) out.

Both `#` and `//` start a comment in every dialect (aether-language.md §2.1); a new comment uses
`//` in a file whose comment lines all use it (brace files often do) and `#` everywhere else.
An edit is offered only where the comment would work: never at the end of a line that ends
inside a multi-line string or block scalar (the comment would become part of its text), and
only if `directives.find` reads the result back as a suppression of that rule.
"""

from __future__ import annotations

from typing import Optional, Sequence

from aetherlint.diagnostic import Edit
from aetherlint.directives import Directive, find


def marker(lines: Sequence[str]) -> str:
    hashes = slashes = 0
    for line in lines:
        head = line.lstrip()[:2]
        if head == "//":
            slashes += 1
        elif head[:1] == "#" and head != "#!":
            hashes += 1
    return "//" if slashes and not hashes else "#"


def ignore_line(text: str, lines: Sequence[str], directives: Sequence[Directive], line: int, rule: str) -> Optional[Edit]:
    """Suppress `rule` on `line`: extend that line's `ignore[...]` or add one at its end. None
    when the line already suppresses every rule, or a comment cannot go there."""
    if not 1 <= line <= max(len(lines), 1):
        return None
    here = [d for d in directives if d.line == line]
    if here:
        directive = here[0]
        if directive.scope != "line" or not directive.selectors:
            return None  # `ignore` without brackets already silences the line
        edit = Edit(line, directive.end_col - 1, line, directive.end_col - 1, f", {rule}")
    else:
        content = lines[line - 1] if lines else ""
        if _ends_inside_token(text, line):
            return None
        kept = len(content.rstrip())
        gap = "  " if kept else ""
        edit = Edit(line, kept + 1, line, len(content) + 1, f"{gap}{marker(lines)} aetherlint: ignore[{rule}]")
    return edit if _suppresses(lines, edit, rule, "line") else None


def ignore_file(text: str, lines: Sequence[str], directives: Sequence[Directive], rule: str) -> Optional[Edit]:
    """Suppress `rule` in the whole file: extend an `ignore-file[...]` of its head, or add one as
    the first line (after a `#!` line)."""
    for directive in directives:
        if directive.scope == "file":
            if not directive.selectors:
                return None
            edit = Edit(directive.line, directive.end_col - 1, directive.line, directive.end_col - 1, f", {rule}")
            return edit if _suppresses(lines, edit, rule, "file") else None
    at = 2 if lines and lines[0].startswith("#!") else 1
    if at > len(lines):  # a file of one line, the `#!` one, without a line end
        return Edit(1, len(lines[0]) + 1, 1, len(lines[0]) + 1, f"{_newline(text)}{marker(lines)} aetherlint: ignore-file[{rule}]")
    return Edit(at, 1, at, 1, f"{marker(lines)} aetherlint: ignore-file[{rule}]{_newline(text)}")


def remove(lines: Sequence[str], directive: Directive) -> Edit:
    """Remove a suppression comment: the whole line when nothing else is on it, else the comment
    and the blanks before it."""
    content = lines[directive.line - 1]
    before = content[: directive.col - 1]
    if before.strip():
        return Edit(directive.line, len(before.rstrip()) + 1, directive.line, len(content) + 1, "")
    if directive.line < len(lines):
        return Edit(directive.line, 1, directive.line + 1, 1, "")
    return Edit(directive.line, 1, directive.line, len(content) + 1, "")


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _suppresses(lines: Sequence[str], edit: Edit, rule: str, scope: str) -> bool:
    """Whether the edited line holds a directive of `scope` naming `rule` (a line with an odd
    quote count, as in an unterminated string, hides it inside a string)."""
    content = lines[edit.line - 1] if lines else ""
    new = content[: edit.col - 1] + edit.text + content[edit.end_col - 1 :]
    for directive in find(new):  # the line alone: line 1, where an ignore-file counts too
        if directive.scope == scope and any(rule in _rules(s) for s in directive.selectors):
            return True
    return False


def _rules(selector: str) -> frozenset[str]:
    from aetherlint.rules.selectors import resolve

    try:
        return frozenset(resolve(selector))
    except ValueError:  # a selector that names no rule (AE2901 says so)
        return frozenset()


def _ends_inside_token(text: str, line: int) -> bool:
    """Whether `line` ends inside a token that spans lines: a triple-quoted string, or a block
    scalar (`key: |` … `|`). Only files that have such tokens are lexed."""
    if '"""' not in text and "'''" not in text and "|" not in text:
        return False
    from aetherlint.syntax.lexer import LexError, tokens

    try:
        for token in tokens(text):
            if token.line <= line < token.end_line:
                return True
            if token.line > line:
                return False
    except LexError:
        return False  # the quote check of `_suppresses` still applies
    return False
