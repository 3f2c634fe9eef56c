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
from typing import Iterator, NamedTuple

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

_TOKEN_RE = re.compile(
    r"""
    (?P<WS>[ \t\f\r]+)
  | (?P<NEWLINE>\n)
  | (?P<COMMENT>\#[^\n]*|//[^\n]*)
  | (?P<TRIPLE>[fFrR]?\"\"\"(?:[^"\\]|\\[\s\S]|"(?!""))*\"\"\")
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
    """,
    re.VERBOSE,
)
_HYPHEN_WORD_RE = re.compile(r"[A-Za-z_]\w*(?:-[A-Za-z0-9_]+)+")
_REGEX_RE = re.compile(r"/(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n\[])+/[a-zA-Z]*")
_REGEX_AFTER = frozenset({"(", ",", "=", ":"})
_BLOCK_SCALAR_END_RE = re.compile(r"^[ \t]*\|[ \t]*\r?$", re.MULTILINE)
_RAW_TYPE = {"TRIPLE": "STRING", "HEX": "NUMBER", "FLOAT": "NUMBER", "INT": "NUMBER"}
_CLOSERS = {")": "(", "]": "[", "}": "{"}


class Tok:
    """A token as the parser sees it (lighter than lark's Token; positions are 1-based)."""

    __slots__ = ("type", "value", "pos", "line", "column", "end_line", "end_column", "end_pos")

    def __init__(
        self, type: str, value: str, pos: int, line: int, column: int, end_line: int, end_column: int, end_pos: int
    ) -> None:
        self.type = type
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


class Raw(NamedTuple):
    type: str  # NAME, STRING, OP, NEWLINE, ... ; OP tokens carry their text as value
    value: str
    pos: int
    line: int
    col: int
    end_line: int
    end_col: int
    end_pos: int


class LineMap:
    """Offset → (line, column) for one text, 1-based."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def locate(self, pos: int) -> tuple[int, int]:
        index = bisect_right(self.starts, pos) - 1
        return index + 1, pos - self.starts[index] + 1


def scan(text: str) -> list[Raw]:
    """Split `text` into raw tokens; comments and blanks are dropped, newlines kept."""
    tokens: list[Raw] = []
    append = tokens.append
    match = _TOKEN_RE.match
    pos, line, line_start, length = 0, 1, 0, len(text)
    prev = ""  # value of the previous significant token on this line
    while pos < length:
        m = match(text, pos)
        if m is None:
            col = pos - line_start + 1
            raise LexError("unexpected-character", f"unexpected character {text[pos]!r}", line, col)
        kind = m.lastgroup
        end = m.end()
        if kind == "WS" or kind == "COMMENT":
            pos = end
            continue
        col = pos - line_start + 1
        if kind == "NEWLINE":
            append(Raw("NEWLINE", "\n", pos, line, col, line, col + 1, end))
            line += 1
            line_start = end
            pos = end
            prev = ""
            continue
        value = m.group()
        if kind == "BADSTRING":
            raise LexError("unterminated-string", "string literal is never closed", line, col)
        if kind == "NAME" and prev == ":":
            hm = _HYPHEN_WORD_RE.match(text, pos)
            if hm:
                kind, value, end = "HYPHEN_WORD", hm.group(), hm.end()
        elif kind == "OP":
            if value == "/" and prev in _REGEX_AFTER:
                rm = _REGEX_RE.match(text, pos)
                if rm:
                    kind, value, end = "REGEX", rm.group(), rm.end()
            elif value == "|" and prev == ":" and _rest_of_line_blank(text, end):
                kind, value, end = "BLOCK_SCALAR", *_block_scalar(text, pos, end, line, col)
        kind = _RAW_TYPE.get(kind, kind)
        newlines = value.count("\n") if kind in ("STRING", "BLOCK_SCALAR") else 0
        if newlines:
            end_line = line + newlines
            new_start = pos + value.rfind("\n") + 1
            append(Raw(kind, value, pos, line, col, end_line, end - new_start + 1, end))
            line, line_start = end_line, new_start
        else:
            append(Raw(kind, value, pos, line, col, line, col + len(value), end))
        prev = value if kind == "OP" else kind
        pos = end
    return tokens


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


class Layout:
    """Yields (type, raw, at_end) triples: raw tokens interleaved with _NL/_INDENT/_DEDENT markers.

    A marker is positioned at the start of `raw`, or at its end when `at_end` is true (the NL that
    ends a line is placed after that line's last token, so "unexpected end of line" points there).
    """

    def __init__(self, text: str, raws: list[Raw]) -> None:
        self.text = text
        self.raws = [r for r in raws if r.type != "NEWLINE"]
        # index of each significant token → True when it is the first on its physical line
        self.line_first: set[int] = set()
        last_line = 0
        for i, r in enumerate(self.raws):
            if r.line != last_line:
                self.line_first.add(i)
            last_line = r.end_line

    def __iter__(self) -> Iterator[tuple[str, Raw, bool]]:
        raws = self.raws
        stack = [_Context("top", 1, 1, [0])]
        line_indent = 0  # indentation of the logical line being read
        line_start: Raw | None = None  # its first token
        for i, tok in enumerate(raws):
            if i in self.line_first and i > 0:
                yield from self._boundary(stack, raws[i - 1], tok, line_indent, line_start, i)
                if not self._joined(raws[i - 1], tok, i):
                    line_indent, line_start = self._indent_of(tok), tok
            elif i == 0:
                line_indent, line_start = self._indent_of(tok), tok
                if line_indent and stack[-1].kind == "top":
                    yield "_INDENT", tok, False
                    stack[-1].levels.append(line_indent)
            if tok.type == "OP" and tok.value in "([{":
                if len(stack) + sum(len(c.levels) for c in stack) > MAX_NESTING:
                    raise LexError("too-deep", f"nesting deeper than {MAX_NESTING} levels", tok.line, tok.col)
                stack.append(_Context(tok.value, tok.line, tok.col, []))
            elif tok.type == "OP" and tok.value in ")]}":
                ctx = stack[-1]
                if ctx.kind != _CLOSERS[tok.value]:
                    raise _unmatched(tok, ctx)
                if ctx.levels:  # close indentation blocks opened inside these braces
                    yield "_NL", tok, False
                    yield from self._dedent_all(ctx, tok, at_end=False)
                stack.pop()
            yield "RAW", tok, False
        if len(stack) > 1:
            ctx = stack[-1]
            raise LexError("unclosed-bracket", f"'{ctx.kind}' is never closed", ctx.line, ctx.col)
        if raws:
            yield "_NL", raws[-1], True
            yield from self._dedent_all(stack[0], raws[-1], at_end=True, keep_base=True)

    def _indent_of(self, tok: Raw) -> int:
        return _indent_width(self.text, tok.pos - tok.col + 1, tok.pos)

    def _joined(self, last: Raw, tok: Raw, i: int) -> bool:
        if last.type == "OP" or last.type == "NAME":
            if last.value in JOIN_AFTER and last.type == "OP" or last.value in ("and", "or"):
                return True
            if last.value == "}" and tok.type == "NAME" and tok.value in CUDDLE_WORDS:
                return True
        if tok.type == "OP" and tok.value == "." and i + 1 < len(self.raws):
            return self.raws[i + 1].type == "NAME"
        return False

    def _boundary(
        self, stack: list[_Context], last: Raw, tok: Raw, line_indent: int, line_start: Raw | None, i: int
    ) -> Iterator[tuple[str, Raw, bool]]:
        ctx = stack[-1]
        if ctx.kind in "([" or self._joined(last, tok, i):
            return
        indent = self._indent_of(tok)
        levels = ctx.levels
        if ctx.kind == "top":
            if indent > levels[-1]:
                if len(stack) + sum(len(c.levels) for c in stack) > MAX_NESTING:
                    raise LexError("too-deep", f"nesting deeper than {MAX_NESTING} levels", tok.line, tok.col)
                levels.append(indent)
                yield "_INDENT", tok, False
                return
            yield "_NL", last, True
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
            last.value == ":" and last.type == "OP" or self._starts_colonless_header(line_start, last)
        ):
            levels.append(indent)
            yield "_INDENT", tok, False
            return
        yield "_NL", last, True
        if levels and indent < levels[-1]:
            yield from self._dedent_to(ctx, indent, tok)

    def _starts_colonless_header(self, line_start: Raw | None, last: Raw) -> bool:
        return (
            line_start is not None
            and line_start.type == "NAME"
            and line_start.value in COLONLESS_HEADERS
            and not (last.type == "OP" and last.value in "{}")
        )

    def _dedent_to(self, ctx: _Context, indent: int, tok: Raw) -> Iterator[tuple[str, Raw, bool]]:
        levels = ctx.levels
        floor = 1 if ctx.kind == "top" else 0
        while len(levels) > floor and indent < levels[-1]:
            levels.pop()
            yield "_DEDENT", tok, False
            more = len(levels) > floor and indent < levels[-1]
            if more or not (tok.type == "NAME" and tok.value in CONTINUATION_WORDS):
                yield "_NL", tok, False

    def _dedent_all(self, ctx: _Context, tok: Raw, at_end: bool, keep_base: bool = False) -> Iterator[tuple[str, Raw, bool]]:
        floor = 1 if keep_base else 0
        while len(ctx.levels) > floor:
            ctx.levels.pop()
            yield "_DEDENT", tok, at_end
            yield "_NL", tok, at_end


def _unmatched(tok: Raw, ctx: _Context) -> LexError:
    if ctx.kind == "top":
        return LexError("unmatched-bracket", f"unmatched '{tok.value}'", tok.line, tok.col)
    return LexError(
        "unmatched-bracket",
        f"'{tok.value}' does not match '{ctx.kind}' opened at line {ctx.line}",
        tok.line,
        tok.col,
    )
