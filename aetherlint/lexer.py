"""Tokenizer and layout engine for every `.aether` dialect.

Lark's own lexers cannot do what this language needs, so this module does both jobs:

1. `scan()` turns text into raw tokens with one compiled regex (strings, comments, number-ish
   forms, hyphen words after ``key:``, regex literals after ``( , = :``, block scalars).
2. `AetherLexer.lex()` adds the layout tokens (pitfalls 4, 5, 10): INDENT/DEDENT outside brackets,
   NL as a separator inside ``{}`` (plus INDENT/DEDENT there only under a line ending with ``:``),
   nothing inside ``()``/``[]``; lines continued by a trailing operator, a leading ``.name`` or
   ``} else`` are joined. It also resolves contextual keywords (pitfall 1): a word becomes its
   keyword terminal only when the parser can accept that keyword in its current state.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

MAX_NESTING = 100  # brackets plus indentation levels; deeper input is a parse error, not a crash

KEYWORDS = frozenset(
    """plugin fn function define export let if elif else for each in while try catch finally
    except match case default import return throw call new lambda when end and or not as is""".split()
)
# Always keywords, never identifiers (pitfall 1: `end` is never a name).
RESERVED = frozenset({"end", "else", "elif"})
# A line that ends with one of these continues on the next line (pitfall 5).
JOIN_AFTER = frozenset({"+", "||", "&&", "=", "=>", "?", "and", "or"})
# A `}` followed on the next line by one of these keeps the statement going (`} ⏎ else {`).
CUDDLE_WORDS = frozenset({"else", "catch", "finally", "except", "elif"})
# No NL separator is emitted after a DEDENT when the next line starts with one of these.
CONTINUATION_WORDS = CUDDLE_WORDS | {"end"}
# Words that open a block without a colon (`define f()`, `if c`, `for x in xs` … `end`).
COLONLESS_HEADERS = frozenset({"define", "if", "else", "elif", "for", "while", "simulate", "when"})

OPERATORS = sorted(
    """... .. => -> ?. == != <= >= << >> += -= *= /= ++ -- || && ** → + - * / % < > = ! ? : , . ;
    | & ^ ~ ( ) [ ] { }""".split(),
    key=len,
    reverse=True,
)

# Blanks, newlines and comments are skipped as a prefix of each match (one match per token).
_TOKEN_RE = re.compile(
    r"""
    (?:[ \t\f\r\n]+|\#[^\n]*|//[^\n]*)*
    (?:
    (?P<TRIPLE>[fFrR]?\"\"\"(?:[^"\\]|\\[\s\S]|"(?!""))*\"\"\")
  | (?P<STRING>[fFrR]?"(?:[^"\\\n]|\\.)*"|[fFrR]?'(?:[^'\\\n]|\\.)*')
  | (?P<BADSTRING>[fFrR]?["'])
  | (?P<PLACEHOLDER>\{\{[ \t]*[A-Za-z_][\w.]*[ \t]*\}\})
  | (?P<RANGE>\d+\.\.\d+)
  | (?P<PERCENTAGE>\d+(?:\.\d+)?%)
  | (?P<HEX>0[xX][0-9a-fA-F]+)
  | (?P<FLOAT>\d+\.\d+(?:[eE][+-]?\d+)?)
  | (?P<DURATION>\d+(?:ms|[smhdw])(?![\w]))
  | (?P<NUMBER_UNIT>\d+_?[A-Za-z_]\w*)
  | (?P<INT>\d+)
  | (?P<DOLLAR_NAME>\$[A-Za-z_]\w*)
  | (?P<NAME>[A-Za-z_]\w*)
  | (?P<OP>"""
    + "|".join(re.escape(op) for op in OPERATORS)
    + r""")
  | (?P<EOF>\Z)
    )
    """,
    re.VERBOSE,
)
_SKIP_RE = re.compile(r"(?:[ \t\f\r\n]+|\#[^\n]*|//[^\n]*)*")
_HYPHEN_WORD_RE = re.compile(r"[A-Za-z_]\w*(?:-[A-Za-z0-9_]+)+")
_REGEX_RE = re.compile(r"/(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n\[])+/[a-zA-Z]*")
_REGEX_AFTER = frozenset({"(", ",", "=", ":"})
_BLOCK_SCALAR_END_RE = re.compile(r"^[ \t]*\|[ \t]*\r?$", re.MULTILINE)
_RAW_TYPE = {"TRIPLE": "STRING", "HEX": "NUMBER", "FLOAT": "NUMBER", "INT": "NUMBER"}
_CLOSERS = {")": "(", "]": "[", "}": "{"}
_OPENERS = frozenset("([{")


class Tok:
    """A token as the parser sees it (lighter than lark's Token; positions are 1-based)."""

    __slots__ = ("type", "kind", "value", "pos", "line", "column", "end_line", "end_column", "end_pos")

    def __init__(
        self, type: str, value: str, pos: int, line: int, column: int, end_line: int, end_column: int, end_pos: int
    ) -> None:
        self.type = type  # the parser terminal (set from `kind` once the parser's state is known)
        self.kind = type  # what the scanner saw: NAME, OP, STRING, …; never changes
        self.value = value
        self.pos = pos
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.end_pos = end_pos

    def __repr__(self) -> str:
        return f"Tok({self.type}, {self.value!r}, {self.line}:{self.column})"


class LexError(Exception):
    """A lexical or layout error, positioned (1-based line and column)."""

    def __init__(self, kind: str, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.line = line
        self.col = col


class LineMap:
    """Offset → (line, column) for one text, 1-based."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def locate(self, pos: int) -> tuple[int, int]:
        index = bisect_right(self.starts, pos) - 1
        return index + 1, pos - self.starts[index] + 1


def scan(text: str) -> list[Tok]:
    """Split `text` into tokens (typed NAME, STRING, OP, NUMBER, …); blanks and comments dropped."""
    tokens: list[Tok] = []
    append = tokens.append
    match = _TOKEN_RE.match
    count = text.count
    pos, line, line_start = 0, 1, 0
    prev = ""  # value of the previous token on this line
    while True:
        m = match(text, pos)
        if m is None:  # after the blanks and comments comes a character no token starts with
            start = _SKIP_RE.match(text, pos).end()
            line += count("\n", pos, start)
            line_start = text.rfind("\n", 0, start) + 1
            col = start - line_start + 1
            raise LexError("unexpected-character", f"unexpected character {text[start]!r}", line, col)
        kind = m.lastgroup
        start = m.start(kind)
        if start != pos:
            newlines = count("\n", pos, start)
            if newlines:
                line += newlines
                line_start = text.rfind("\n", pos, start) + 1
                prev = ""
        if kind == "EOF":
            return tokens
        end = m.end()
        col = start - line_start + 1
        value = m.group(kind)
        if kind == "BADSTRING":
            raise LexError("unterminated-string", "string literal is never closed", line, col)
        if kind == "NAME":
            if prev == ":":
                hm = _HYPHEN_WORD_RE.match(text, start)
                if hm:
                    kind, value, end = "HYPHEN_WORD", hm.group(), hm.end()
        elif kind == "OP":
            if value == "/" and prev in _REGEX_AFTER:
                rm = _REGEX_RE.match(text, start)
                if rm:
                    kind, value, end = "REGEX", rm.group(), rm.end()
            elif value == "|" and prev == ":" and _rest_of_line_blank(text, end):
                kind, value, end = "BLOCK_SCALAR", *_block_scalar(text, start, end, line, col)
        else:
            kind = _RAW_TYPE.get(kind, kind)
            if kind == "STRING" or kind == "BLOCK_SCALAR":
                newlines = count("\n", start, end)
                if newlines:
                    end_line = line + newlines
                    new_start = text.rfind("\n", start, end) + 1
                    append(Tok(kind, value, start, line, col, end_line, end - new_start + 1, end))
                    line, line_start = end_line, new_start
                    prev = kind
                    pos = end
                    continue
        append(Tok(kind, value, start, line, col, line, col + end - start, end))
        prev = value if kind == "OP" else kind
        pos = end


def _rest_of_line_blank(text: str, pos: int) -> bool:
    eol = text.find("\n", pos)
    rest = text[pos : eol if eol >= 0 else len(text)].strip()
    return not rest or rest.startswith("#")


def _block_scalar(text: str, pos: int, end: int, line: int, col: int) -> tuple[str, int]:
    """`key: |` … a line holding only `|` (language §2.2): one opaque token."""
    m = _BLOCK_SCALAR_END_RE.search(text, text.find("\n", end) + 1 if "\n" in text[end:] else len(text))
    if m is None or "\n" not in text[end:]:
        raise LexError("unclosed-block-scalar", "block scalar '|' is never closed by a '|' line", line, col)
    stop = m.start() + m.group().index("|") + 1
    return text[pos:stop], stop


class _Context:
    """One open bracket (or the file itself) and the indentation levels opened inside it."""

    __slots__ = ("kind", "line", "col", "levels")

    def __init__(self, kind: str, line: int, col: int, levels: list[int]) -> None:
        self.kind = kind
        self.line = line
        self.col = col
        self.levels = levels


def _indent_width(text: str, line_start: int, pos: int) -> int:
    lead = text[line_start:pos]
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

    def __init__(self, text: str, tokens: list[Tok]) -> None:
        self.text = text
        self.tokens = tokens
        self.has_tabs = "\t" in text
        # indexes of the tokens that are the first on their physical line
        self.line_first: set[int] = set()
        last_line = 0
        for i, tok in enumerate(tokens):
            if tok.line != last_line:
                self.line_first.add(i)
            last_line = tok.end_line

    def __iter__(self) -> Iterator[Tok]:
        tokens = self.tokens
        stack = [_Context("top", 1, 1, [0])]
        line_indent = 0  # indentation of the logical line being read
        line_start: Tok | None = None  # its first token
        line_first = self.line_first
        for i, tok in enumerate(tokens):
            if i in line_first:
                if i == 0:
                    line_indent, line_start = self._indent_of(tok), tok
                    if line_indent:
                        stack[0].levels.append(line_indent)
                        yield _marker("_INDENT", tok)  # an indented first line: the parser rejects it
                else:
                    last = tokens[i - 1]
                    if not self._joined(last, tok, i):
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
                elif value in _CLOSERS:
                    ctx = stack[-1]
                    if ctx.kind != _CLOSERS[value]:
                        raise _unmatched(tok, ctx)
                    if ctx.levels:  # close indentation blocks opened inside these braces
                        yield _marker("_NL", tok)
                        yield from self._dedent_all(ctx, tok)
                    stack.pop()
            yield tok
        if len(stack) > 1:
            ctx = stack[-1]
            raise LexError("unclosed-bracket", f"'{ctx.kind}' is never closed", ctx.line, ctx.col)
        if tokens:
            last = tokens[-1]
            end = Tok("_NL", "", last.end_pos, last.end_line, last.end_column, last.end_line, last.end_column, last.end_pos)
            yield end
            yield from self._dedent_all(stack[0], end, keep_base=True)

    def _indent_of(self, tok: Tok) -> int:
        if self.has_tabs:
            return _indent_width(self.text, tok.pos - tok.column + 1, tok.pos)
        return tok.column - 1

    def _joined(self, last: Tok, tok: Tok, i: int) -> bool:
        """Does `tok` continue the line that `last` ends? (pitfall 5)"""
        if last.kind == "OP" and last.value in JOIN_AFTER:
            return True
        if last.kind == "NAME" and last.value in ("and", "or"):
            return True
        if last.value == "}" and last.kind == "OP" and tok.kind == "NAME" and tok.value in CUDDLE_WORDS:
            return True
        if tok.kind == "OP" and tok.value == "." and i + 1 < len(self.tokens):
            return self.tokens[i + 1].kind == "NAME"
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
