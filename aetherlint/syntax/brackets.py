"""Where a missing bracket goes: indentation as evidence, the way rustc reports unclosed delimiters.

Only run once a file has failed to parse, over the tokens of `lexer.scan`. Bracket pairing alone
blames the wrong opener: with the `}` of an inner function missing, the next function's `}` closes
it, the file's last `}` closes the next one, and the outermost `{` is left open hundreds of lines
above the place where the brace has to be typed. Indentation says where a block ends:

* a line inside a bracket that is indented as far as the opener's line, or less, and does not
  start with a closer, most likely comes after the missing closer;
* a closer that starts a line shallower than its opener's line closes too much;
* the end of the file closes everything: a bracket open there whose lines all run deeper than
  its opener is missing its closer at the very end.

The earliest such place, in a file whose brackets do not balance, is where the closer goes.
A closer left over at the end is the mirror case: a closer followed by lines still indented as
the block it closed was most likely the stray one. Where indentation gives no evidence, the
plain pairing message stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from aetherlint.diagnostic import Edit, Fix
from aetherlint.source import lines_with_ends
from aetherlint.syntax.layout import OPENER_OF, indent_of
from aetherlint.syntax.lexer import Tok

_CLOSER_OF = {opener: closer for closer, opener in OPENER_OF.items()}
_BRACKETS = frozenset("()[]{}")


@dataclass(frozen=True)
class BracketProblem:
    message: str
    line: int
    col: int
    opener: Optional[tuple[int, int, str]] = None  # (line, col, note): the related location
    fix: Optional[Fix] = None


class _Open:
    __slots__ = ("tok", "indent", "shallow")

    def __init__(self, tok: Tok, indent: int) -> None:
        self.tok = tok
        self.indent = indent  # indentation of the opener's line
        self.shallow: Optional[Tok] = None  # first line start inside it at that indentation or less


class _Scan:
    """One pass over the tokens: pairs brackets and collects indentation evidence."""

    def __init__(self, text: str, tokens: Iterable[Tok]) -> None:
        self.text = text
        self.tokens = tokens
        self.last: Optional[Tok] = None
        self.has_tabs = "\t" in text
        self.stack: list[_Open] = []
        # (insert before this token, or None for end of file; the bracket missing its closer)
        self.candidates: list[tuple[Optional[Tok], _Open]] = []
        # closers followed by a line indented deeper than the line of the opener they closed
        self.strays: list[tuple[Tok, _Open, Tok]] = []
        self.just_closed: Optional[tuple[Tok, _Open]] = None  # the last token, if it was a closer
        self.imbalance: Optional[BracketProblem] = None  # what pairing alone says is wrong

    def indent(self, tok: Tok) -> int:
        return indent_of(self.text, tok, self.has_tabs)

    def run(self) -> None:
        line_indent = 0
        last_line = 0
        for tok in self.tokens:
            self.last = tok
            starts_line = tok.line != last_line
            last_line = tok.end_line
            if starts_line:
                line_indent = self.indent(tok)
            closed, self.just_closed = self.just_closed, None
            if closed is not None and starts_line and line_indent > closed[1].indent:
                if not (tok.kind == "OP" and tok.value in OPENER_OF):
                    self.strays.append((closed[0], closed[1], tok))
            if tok.kind != "OP" or tok.value not in _BRACKETS:
                if starts_line:
                    self._note_line(tok, line_indent)
                continue
            if tok.value in _CLOSER_OF:  # an opener
                if starts_line:
                    self._note_line(tok, line_indent)
                self.stack.append(_Open(tok, line_indent))
            elif not self._close(tok, starts_line, line_indent):
                return
        if self.stack:
            self._at_end_of_file()

    def _note_line(self, tok: Tok, indent: int) -> None:
        # brackets deeper in the stack were opened on lines indented no more (as a rule): stop at
        # the first one this line does not dedent past, so the pass stays linear
        for bracket in reversed(self.stack):
            if indent > bracket.indent:
                break
            if bracket.shallow is None and tok.line > bracket.tok.line:
                bracket.shallow = tok

    def _close(self, tok: Tok, starts_line: bool, indent: int) -> bool:
        """Pair `tok` with the innermost opener; False once pairing has found the file broken."""
        if not self.stack:
            remove = Edit(tok.line, tok.column, tok.end_line, tok.end_column, "")
            fix = Fix(f"remove the '{tok.value}' at line {tok.line}", (remove,), "unsafe")
            self.imbalance = BracketProblem(f"unmatched '{tok.value}'", tok.line, tok.column, fix=fix)
            return False
        top = self.stack[-1]
        shallower = starts_line and indent < top.indent
        if top.tok.value == OPENER_OF[tok.value]:
            self.stack.pop()
            if shallower:  # closes more than its own block
                self.candidates.append((top.shallow or tok, top))
            if top.tok.line < tok.line:
                self.just_closed = (tok, top)
            return True
        opened = top.tok
        self.imbalance = BracketProblem(
            f"'{tok.value}' does not match '{opened.value}' opened at line {opened.line}",
            tok.line,
            tok.column,
            (opened.line, opened.column, f"'{opened.value}' opened here"),
        )
        if top.shallow is not None or shallower:
            self.candidates.append((top.shallow or tok, top))
        return False

    def _at_end_of_file(self) -> None:
        top = self.stack[-1]
        opened = top.tok
        self.imbalance = BracketProblem(
            f"'{opened.value}' is never closed", opened.line, opened.column, None
        )
        for bracket in reversed(self.stack):
            if bracket.shallow is not None:
                self.candidates.append((bracket.shallow, bracket))
        if self.last is not None and self.last.end_line > opened.line and top.shallow is None:
            self.candidates.append((None, top))  # its block runs to the end of the file


def diagnose(text: str, tokens: Iterable[Tok]) -> Optional[BracketProblem]:
    """What is wrong with the brackets of a file, or None when they balance. `tokens` is read
    once, as it comes (a stream from `lexer.tokens`)."""
    scan = _Scan(text, tokens)
    scan.run()
    if scan.imbalance is None or scan.last is None:
        return None
    if not scan.stack and scan.strays:  # a closer with nothing to close: find the stray one
        return _stray(*scan.strays[0])
    if not scan.candidates:
        return scan.imbalance
    before, bracket = min(scan.candidates, key=_insertion_key)
    return _missing_closer(text, before, bracket, scan.last)


def _stray(closer: Tok, bracket: _Open, after: Tok) -> BracketProblem:
    opened = bracket.tok
    message = (
        f"unmatched '{closer.value}': it closes the '{opened.value}' opened at line {opened.line}, "
        f"but line {after.line} is still indented as that block's contents"
    )
    note = (opened.line, opened.column, f"'{opened.value}' opened here")
    remove = Edit(closer.line, closer.column, closer.end_line, closer.end_column, "")
    fix = Fix(f"remove the '{closer.value}' at line {closer.line}", (remove,), "unsafe")
    return BracketProblem(message, closer.line, closer.column, note, fix)


def _insertion_key(candidate: tuple[Optional[Tok], _Open]) -> tuple[int, int]:
    before, bracket = candidate
    # the earliest place; at one place, the innermost bracket (the one to close first)
    return (before.pos if before is not None else 1 << 62, -bracket.tok.pos)


def _missing_closer(text: str, before: Optional[Tok], bracket: _Open, last: Tok) -> BracketProblem:
    opened = bracket.tok
    closer = _CLOSER_OF[opened.value]
    head = f"'{opened.value}' opened at line {opened.line} is never closed: insert '{closer}'"
    note = (opened.line, opened.column, f"'{opened.value}' opened here")
    # the closer on a line of its own, indented as the opener's line (unsafe: a guess from layout)
    line_start = opened.pos - opened.column + 1
    lead = text[line_start : opened.pos]
    indent = lead[: len(lead) - len(lead.lstrip(" \t"))]
    newline = "\r\n" if "\r\n" in text else "\n"
    if before is None:
        line, col = _end_of(text)
        insert = f"{indent}{closer}{newline}" if col == 1 else f"{newline}{indent}{closer}"
        fix = Fix(f"insert '{closer}' at the end of the file", (Edit(line, col, line, col, insert),), "unsafe")
        message = f"{head} at the end of the file (its block runs to the last line)"
        return BracketProblem(message, last.end_line, last.end_column, note, fix)
    edit = Edit(before.line, 1, before.line, 1, f"{indent}{closer}{newline}")
    fix = Fix(f"insert '{closer}' before line {before.line}", (edit,), "unsafe")
    message = f"{head} before line {before.line} (indentation ends the block here)"
    return BracketProblem(message, before.line, before.column, note, fix)


def _end_of(text: str) -> tuple[int, int]:
    """The (line, col) just after the last character of `text`."""
    lines = lines_with_ends(text)
    if not lines:
        return 1, 1
    last = lines[-1]
    if last.endswith(("\n", "\r")):
        return len(lines) + 1, 1
    return len(lines), len(last) + 1
