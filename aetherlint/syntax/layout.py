"""Layout for every `.aether` dialect (pitfalls 4, 5, 10): adds NL, INDENT and DEDENT tokens.

Outside brackets indentation opens and closes blocks, Python-style. Inside `{}` a newline is a
separator, and indentation only matters under a block header (a line ending with `:` or a
colon-less `define f()`-style header). Inside `()`/`[]` newlines mean nothing. A line continues
the previous one after a trailing binary operator, before a leading `.name(`, and for
`}` ⏎ `else`/`catch`/`finally`.
"""

from __future__ import annotations

from itertools import chain
from typing import Iterable, Iterator

from aetherlint.syntax.lexer import LexError, Tok

MAX_NESTING = 100  # brackets plus indentation levels; deeper input is a parse error, not a crash

# A line that ends with one of these continues on the next line (pitfall 5).
JOIN_AFTER = frozenset({"+", "||", "&&", "=", "=>", "?", "and", "or"})
# A `}` followed on the next line by one of these keeps the statement going (`} ⏎ else {`).
CUDDLE_WORDS = frozenset({"else", "catch", "finally", "except", "elif"})
# No NL separator is emitted after a DEDENT when the next line starts with one of these.
CONTINUATION_WORDS = CUDDLE_WORDS | {"end"}
# Words that open a block without a colon (`define f()`, `if c`, `for x in xs` … `end`).
COLONLESS_HEADERS = frozenset({"define", "if", "else", "elif", "for", "while", "simulate", "when"})
OPENER_OF = {")": "(", "]": "[", "}": "{"}  # closer -> the opener it closes
_AFTER_LAST = Tok("", "", 0, 0, 0, 0, 0, 0)  # follows the last token, so each token has a next one
_OPENERS = frozenset("([{")


class _Context:
    """One open bracket (or the file itself) and the indentation levels opened inside it."""

    __slots__ = ("kind", "line", "col", "levels")

    def __init__(self, kind: str, line: int, col: int, levels: list[int]) -> None:
        self.kind = kind
        self.line = line
        self.col = col
        self.levels = levels


def indent_of(text: str, tok: Tok, has_tabs: bool) -> int:
    """The indentation of the line `tok` starts (tabs to multiples of 8); `has_tabs`: the text
    holds a tab at all (else the column says it, without looking at the text)."""
    if not has_tabs:
        return tok.column - 1
    lead = text[tok.pos - tok.column + 1 : tok.pos]
    return len(lead.expandtabs(8)) if "\t" in lead else len(lead)


def _marker(kind: str, tok: Tok) -> Tok:
    """A layout token placed at the start of `tok`."""
    return Tok(kind, "", tok.pos, tok.line, tok.column, tok.line, tok.column, tok.pos)


def _line_end(last: Tok, nxt: Tok) -> Tok:
    """The NL ending a line: after its last token, spanning to the next line's first token (so
    "expected an indented block" can point at the line that should have been indented)."""
    return Tok("_NL", "", last.end_pos, last.end_line, last.end_column, nxt.line, nxt.column, nxt.pos)


class Layout:
    """Interleaves the tokens of `scan` with _NL, _INDENT and _DEDENT tokens."""

    def __init__(self, text: str, tokens: Iterable[Tok]) -> None:
        self.text = text
        self.tokens = tokens  # consumed once, as they come: the whole list is never needed
        self.has_tabs = "\t" in text
        self.line_first_pos = -1  # offset of the first token of the physical line being read

    def __iter__(self) -> Iterator[Tok]:
        stack = [_Context("top", 1, 1, [0])]
        line_indent = 0  # indentation of the logical line being read
        line_start: Tok | None = None  # its first token
        last: Tok | None = None  # the token before `tok`
        last_line = 0
        tok: Tok | None = None
        # each token is handled once the next one is known (one token of lookahead, for a
        # leading `.name`); a for loop over the stream is cheaper than calling next() per token
        for nxt in chain(self.tokens, (_AFTER_LAST,)):
            if tok is None:
                tok = nxt
                continue
            if tok.line != last_line:
                self.line_first_pos = tok.pos
                if last is None:
                    line_indent, line_start = self._indent_of(tok), tok
                    if line_indent:
                        stack[0].levels.append(line_indent)
                        yield _marker("_INDENT", tok)  # an indented first line: the parser rejects it
                else:
                    if not self._joined(last, tok, nxt, stack[-1]):
                        indent = self._indent_of(tok)
                        ctx = stack[-1]
                        if ctx.kind == "top" and indent == ctx.levels[-1]:
                            yield _line_end(last, tok)  # the common case, kept off the slow path
                        elif ctx.kind != "(" and ctx.kind != "[":
                            yield from self._boundary(stack, last, tok, indent, line_indent, line_start)
                        line_indent, line_start = indent, tok
            if tok.kind == "OP":
                value = tok.value
                if value in _OPENERS:
                    if len(stack) + sum(len(c.levels) for c in stack) > MAX_NESTING:
                        raise LexError("too-deep", f"nesting deeper than {MAX_NESTING} levels", tok.line, tok.column)
                    stack.append(_Context(value, tok.line, tok.column, []))
                elif value in OPENER_OF:
                    ctx = stack[-1]
                    if ctx.kind != OPENER_OF[value]:
                        raise _unmatched(tok, ctx)
                    if ctx.levels:  # close indentation blocks opened inside these braces
                        yield _marker("_NL", tok)
                        yield from self._dedent_all(ctx, tok)
                    stack.pop()
            yield tok
            last_line = tok.end_line
            last, tok = tok, nxt
        if len(stack) > 1:
            ctx = stack[-1]
            raise LexError("unclosed-bracket", f"'{ctx.kind}' is never closed", ctx.line, ctx.col)
        if last is not None:
            end = Tok("_NL", "", last.end_pos, last.end_line, last.end_column, last.end_line, last.end_column, last.end_pos)
            yield end
            yield from self._dedent_all(stack[0], end, keep_base=True)
        line, col = (last.end_line, last.end_column) if last is not None else (1, 1)
        yield Tok("$END", "", len(self.text), line, col, line, col, len(self.text))

    def _indent_of(self, tok: Tok) -> int:
        return indent_of(self.text, tok, self.has_tabs)

    def _joined(self, last: Tok, tok: Tok, nxt: Tok, ctx: _Context) -> bool:
        """Does `tok` continue the line that `last` ends? (pitfall 5)"""
        if last.kind == "OP" and last.value in JOIN_AFTER:
            return True
        if last.kind == "NAME" and last.value in ("and", "or"):
            return True
        if last.value == "}" and last.kind == "OP" and tok.kind == "NAME" and tok.value in CUDDLE_WORDS:
            # `}` ⏎ `else {` continues a brace statement, but an `else:` that is shallower than
            # the indented block it follows closes that block (`return {…}` ⏎ `else:`): the
            # innermost open block's dialect decides, not the `}`.
            return not ctx.levels or self._indent_of(tok) >= ctx.levels[-1]
        if tok.kind == "OP" and tok.value == ".":
            return nxt.kind == "NAME"
        return False

    def _boundary(
        self, stack: list[_Context], last: Tok, tok: Tok, indent: int, line_indent: int, line_start: Tok | None
    ) -> Iterator[Tok]:
        ctx = stack[-1]
        if ctx.kind in "([":
            return
        levels = ctx.levels
        if ctx.kind == "top":
            if indent > levels[-1]:
                if len(stack) + sum(len(c.levels) for c in stack) > MAX_NESTING:
                    raise LexError("too-deep", f"nesting deeper than {MAX_NESTING} levels", tok.line, tok.column)
                levels.append(indent)
                yield _marker("_INDENT", tok)
                return
            yield _line_end(last, tok)
            if indent < levels[-1]:
                yield from self._dedent_to(ctx, indent, tok)
                if indent != levels[-1]:
                    raise LexError(
                        "bad-dedent", "unindent does not match any outer indentation level", tok.line, indent + 1
                    )
            return
        # inside braces, indentation only matters under a block header: a line that ends with ':'
        # or starts with a colon-less header word (`define f()` … `end`, pitfall 2)
        if indent > line_indent and (
            last.value == ":" and last.kind == "OP" or _starts_colonless_header(line_start, last)
        ):
            levels.append(indent)
            yield _marker("_INDENT", tok)
            return
        yield _line_end(last, tok)
        if levels and indent < levels[-1]:
            yield from self._dedent_to(ctx, indent, tok)

    def _dedent_to(self, ctx: _Context, indent: int, tok: Tok) -> Iterator[Tok]:
        levels = ctx.levels
        floor = 1 if ctx.kind == "top" else 0
        while len(levels) > floor and indent < levels[-1]:
            levels.pop()
            yield _marker("_DEDENT", tok)
            more = len(levels) > floor and indent < levels[-1]
            if more or not (tok.kind == "NAME" and tok.value in CONTINUATION_WORDS):
                yield _marker("_NL", tok)

    def _dedent_all(self, ctx: _Context, tok: Tok, keep_base: bool = False) -> Iterator[Tok]:
        floor = 1 if keep_base else 0
        while len(ctx.levels) > floor:
            ctx.levels.pop()
            yield _marker("_DEDENT", tok)
            yield _marker("_NL", tok)


def _starts_colonless_header(line_start: Tok | None, last: Tok) -> bool:
    return (
        line_start is not None
        and line_start.kind == "NAME"
        and line_start.value in COLONLESS_HEADERS
        and not (last.kind == "OP" and last.value in "{}")
    )


def _unmatched(tok: Tok, ctx: _Context) -> LexError:
    if ctx.kind == "top":
        return LexError("unmatched-bracket", f"unmatched '{tok.value}'", tok.line, tok.column)
    return LexError(
        "unmatched-bracket",
        f"'{tok.value}' does not match '{ctx.kind}' opened at line {ctx.line}",
        tok.line,
        tok.column,
    )
