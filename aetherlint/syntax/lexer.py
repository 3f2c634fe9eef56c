"""Tokenizer for every `.aether` dialect: text in, a stream of positioned tokens out.

One compiled regex matches strings (single, double, triple-quoted, f-prefixed), number-ish forms
(percentages, durations, `10_minutes`, ranges, hex), names, `$names` and operators; blanks and
`#`/`//` comments are skipped as part of each match. A few tokens depend on the previous one:
hyphen words (`read-write`) right after `key:`, regex literals after `( , = :`, and `key: |`
block scalars. Layout (NL/INDENT/DEDENT) is added by layout.py.
"""

from __future__ import annotations

import re
from typing import Iterator

from aetherlint.source import lexable

# Words the grammar may use as keywords. Each is a keyword only where the parser can accept it
# (parser.py decides per token); everywhere else it is an ordinary NAME.
KEYWORDS = frozenset(
    """plugin fn function define export let if elif else for each in while try catch finally
    except match case default import return throw call new lambda when end and or not as is""".split()
)
OPERATORS = sorted(
    """... .. => -> ?. == != <= >= << >> += -= *= /= ++ -- || && ** → + - * / % < > = ! ? : , . ;
    | & ^ ~ ( ) [ ] { }""".split(),
    key=len,
    reverse=True,
)

# Blanks, newlines and comments are skipped as a prefix of each match (one match per token),
# atomically: when no token follows, the match fails there instead of re-reading the comment
# before it as code (a `// a):` comment came back as `/`, `a`, `)`, `:` tokens).
# Strings are written as unrolled loops (`"[^"\\]*(?:\\.[^"\\]*)*"`): an alternation repeated
# per character makes `re` keep a backtracking entry per character (a 1 MB string took 190 MB).
_TOKEN_RE = re.compile(
    r"""
    (?>(?:[ \t\f\r\n]+|\#[^\n]*|//[^\n]*)*)
    (?:
    (?P<TRIPLE>[fFrR]?\"\"\"[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*\"\"\")
  | (?P<STRING>[fFrR]?"[^"\\\n]*(?:\\.[^"\\\n]*)*"|[fFrR]?'[^'\\\n]*(?:\\.[^'\\\n]*)*')
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
_OPERATOR_STRINGS = {op: op for op in OPERATORS}
_RAW_TYPE = {"TRIPLE": "STRING", "HEX": "NUMBER", "FLOAT": "NUMBER", "INT": "NUMBER"}


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


def scan(text: str) -> list[Tok]:
    """Split `text` into tokens (typed NAME, STRING, OP, NUMBER, …); blanks and comments dropped."""
    return list(tokens(text))


def tokens(text: str) -> Iterator[Tok]:
    """The tokens of `scan`, one at a time: the parser drops each one once it is reduced, so a
    big file's tokens never all exist at once."""
    return tokens_from(lexable(text), 0, 1)  # a lone CR ends a line too (source.py)


def tokens_from(text: str, pos: int, line: int) -> Iterator[Tok]:
    """The tokens of `text` (already `lexable`) from offset `pos`, the start of line `line` or
    a token that is the first of its line: nothing before it changes what comes after."""
    names: dict[str, str] = {}
    match = _TOKEN_RE.match
    count = text.count
    line_start = text.rfind("\n", 0, pos) + 1
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
            return
        end = m.end()
        col = start - line_start + 1
        value = m.group(kind)
        if kind == "BADSTRING":
            raise LexError("unterminated-string", "string literal is never closed", line, col)
        if kind == "NAME":
            # one string per distinct name: the AST keeps them, and a big file repeats a few
            # hundred names hundreds of thousands of times
            value = names.setdefault(value, value)
            if prev == ":":
                hm = _HYPHEN_WORD_RE.match(text, start)
                if hm:
                    kind, value, end = "HYPHEN_WORD", hm.group(), hm.end()
        elif kind == "OP":
            value = _OPERATOR_STRINGS[value]
            if value == "/" and prev in _REGEX_AFTER:
                rm = _REGEX_RE.match(text, start)
                if rm:
                    kind, value, end = "REGEX", rm.group(), rm.end()
            elif value == "|" and prev == ":" and _rest_of_line_blank(text, end):
                kind, value, end = "BLOCK_SCALAR", *_block_scalar(text, start, end, line, col)
        else:
            kind = _RAW_TYPE.get(kind, kind)
            if kind == "NUMBER":
                value = names.setdefault(value, value)  # `1`, `0`, `2` repeat as often as names
        if kind == "STRING" or kind == "BLOCK_SCALAR":  # the only tokens that can span lines
            newlines = count("\n", start, end)
            if newlines:
                end_line = line + newlines
                new_start = text.rfind("\n", start, end) + 1
                yield Tok(kind, value, start, line, col, end_line, end - new_start + 1, end)
                line, line_start = end_line, new_start
                prev = kind
                pos = end
                continue
        yield Tok(kind, value, start, line, col, line, col + end - start, end)
        prev = value if kind == "OP" else kind
        pos = end


def _rest_of_line_blank(text: str, pos: int) -> bool:
    eol = text.find("\n", pos)
    rest = text[pos : eol if eol >= 0 else len(text)].strip()
    return not rest or rest.startswith("#")


def _block_scalar(text: str, pos: int, end: int, line: int, col: int) -> tuple[str, int]:
    """`key: |` … a line holding only `|` (language §2.2): one opaque token."""
    eol = text.find("\n", end)  # (not `"\n" in text[end:]`: that copies the rest of the file)
    m = _BLOCK_SCALAR_END_RE.search(text, eol + 1) if eol >= 0 else None
    if m is None:
        raise LexError("unclosed-block-scalar", "block scalar '|' is never closed by a '|' line", line, col)
    stop = m.start() + m.group().index("|") + 1
    return text[pos:stop], stop
