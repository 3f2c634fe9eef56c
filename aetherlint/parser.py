"""Load the Lark grammar once per process and parse text into an AST or a positioned error.

This is the only module that touches lark. Errors from the lexer and the LALR parser are turned
into `SyntaxProblem`s with plain-words messages here, so nothing above this layer sees lark types.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from lark import Lark
from lark.lexer import Lexer
from lark.parsers.lalr_analysis import Shift

from aetherlint import ast as A
from aetherlint.expected import describe_expected
from aetherlint.lexer import KEYWORDS, Layout, LexError, Tok, scan

GRAMMAR_PACKAGE_DIR = "grammar"
ENTRY_GRAMMAR = "aether.lark"
# Layout-only words that are always keywords at the start of a line (an `end` there must close a
# block; a stray one is an error, never a bare command).
LINE_START_RESERVED = frozenset({"end"})


@dataclass(frozen=True)
class SyntaxProblem:
    """Why a text does not parse: a rule id, a message in plain words, and a 1-based position."""

    rule: str
    message: str
    line: int
    col: int
    source: str = ""  # the offending text, for fingerprints


class ParseFailed(Exception):
    def __init__(self, problem: SyntaxProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class AetherLexer(Lexer):
    """Only here so lark accepts a custom lexer when it builds the tables; `_tokens` does the work."""

    __future_interface__ = 2

    def __init__(self, lexer_conf) -> None:  # noqa: ANN001 - lark's LexerConf
        self.terminals = lexer_conf.terminals

    def lex(self, lexer_state, parser_state):  # noqa: ANN001, ANN201 - never called, see parse()
        raise NotImplementedError


class _Tables:
    """Lark's LALR tables and callbacks, arranged for `_drive` (built once per process)."""

    def __init__(self, lark: Lark) -> None:
        inner = lark.parser.parser.parser
        table = inner.parse_table
        # plain-str keys: lark's are Token objects whose __eq__ runs on every lookup
        self.states = {state: {str(k): v for k, v in acts.items()} for state, acts in table.states.items()}
        self.start = table.start_states["start"]
        self.end = table.end_states["start"]
        callbacks = inner.callbacks
        # keyed by id(rule): hashing lark's Rule objects costs more than the whole reduction
        self.rules = {}
        for actions in self.states.values():
            for action, arg in actions.values():
                if action is not Shift and id(arg) not in self.rules:
                    self.rules[id(arg)] = (len(arg.expansion), arg.origin.name, callbacks[arg])
        literal_terms = {t.pattern.value: t.name for t in lark.lexer_conf.terminals if t.pattern.type == "str"}
        self.keyword_terms = {w: literal_terms[w] for w in KEYWORDS if w in literal_terms}
        self.op_terms = {v: n for v, n in literal_terms.items() if v not in self.keyword_terms}


class _Unexpected(Exception):
    def __init__(self, token: Tok, expected: set[str]) -> None:
        super().__init__(token.type)
        self.token = token
        self.expected = expected


def _drive(tables: _Tables, text: str) -> A.Module:
    """The LALR loop over lark's tables, fed by `_tokens` (which reads the same state stack)."""
    states, rules = tables.states, tables.rules
    state_stack = [tables.start]
    value_stack: list = []
    end_tok = Tok("$END", "", len(text), 0, 0, 0, 0, len(text))
    for token in _chain_end(_tokens(tables, text, state_stack), end_tok, text):
        ttype = token.type
        while True:
            action = states[state_stack[-1]].get(ttype)
            if action is None:
                raise _Unexpected(token, {t for t in states[state_stack[-1]] if t.isupper()})
            kind, arg = action
            if kind is Shift:
                state_stack.append(arg)
                value_stack.append(token)
                break
            size, origin, callback = rules[id(arg)]
            if size:
                children = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
            else:
                children = []
            value_stack.append(callback(children))
            state_stack.append(states[state_stack[-1]][origin][1])
            if ttype == "$END" and state_stack[-1] == tables.end:
                return value_stack[-1]
    raise AssertionError("parser ended without accepting")  # pragma: no cover


def _chain_end(tokens, end_tok: Tok, text: str):  # noqa: ANN001, ANN202
    last = None
    for last in tokens:
        yield last
    if last is not None:
        end_tok.line, end_tok.column = last.end_line, last.end_column
    else:
        end_tok.line, end_tok.column = 1, 1
    end_tok.end_line, end_tok.end_column = end_tok.line, end_tok.column
    yield end_tok


def _tokens(tables: _Tables, text: str, state_stack: list):  # noqa: ANN202
    """Layout tokens and raw tokens as parser terminals, with contextual keywords resolved."""
    layout = Layout(text, scan(text))
    line_first = {layout.raws[i].pos for i in layout.line_first}
    index = {r.pos: i for i, r in enumerate(layout.raws)}
    keyword_terms, op_terms, states = tables.keyword_terms, tables.op_terms, tables.states
    prev_value = ""
    raws = layout.raws
    for kind, raw, at_end in layout:
        if kind != "RAW":
            if at_end:
                # an NL ending a line: placed after its last token, spanning to the next line's first
                nxt = raws[index[raw.pos] + 1] if index.get(raw.pos, len(raws)) + 1 < len(raws) else raw
                yield Tok(kind, "", raw.end_pos, raw.end_line, raw.end_col, nxt.line, nxt.col, nxt.pos)
            else:
                yield Tok(kind, "", raw.pos, raw.line, raw.col, raw.line, raw.col, raw.pos)
            continue
        rtype, value = raw.type, raw.value
        if rtype == "NAME":
            term = keyword_terms.get(value)
            if term is not None and (
                (value in LINE_START_RESERVED and raw.pos in line_first) or _accepts(states, state_stack, term)
            ):
                rtype = term
        elif rtype == "OP":
            if value == "{" and prev_value == "=>":
                rtype = "ARROW_LBRACE"
            elif value == "[" and raw.pos and text[raw.pos - 1] in " \t":
                rtype = "SPACED_LSQB"  # `for x in [a, b]` is a list, `xs[0]` an index
            else:
                rtype = op_terms.get(value, "UNKNOWN_OPERATOR")
        prev_value = value
        yield Tok(rtype, value, raw.pos, raw.line, raw.col, raw.end_line, raw.end_col, raw.end_pos)


def _accepts(states, state_stack: list, term: str) -> bool:  # noqa: ANN001
    """Would the parser shift `term` after the reductions it triggers? (exact, unlike a look at
    the current LALR state alone, whose lookaheads are merged across contexts)."""
    stack = state_stack[:]
    while True:
        action = states[stack[-1]].get(term)
        if action is None:
            return False
        kind, arg = action
        if kind is Shift:
            return True
        size = len(arg.expansion)
        if size:
            del stack[-size:]
        stack.append(states[stack[-1]][arg.origin.name][1])


def grammar_dir() -> Path:
    """The `.lark` files: packaged inside the wheel, or the repository's top-level `grammar/`."""
    packaged = Path(__file__).parent / GRAMMAR_PACKAGE_DIR
    if (packaged / ENTRY_GRAMMAR).is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / GRAMMAR_PACKAGE_DIR


def _cache_path() -> str | bool:
    """Where lark keeps the compiled parse table; False (no cache) when nowhere is writable."""
    if os.environ.get("AETHERLINT_NO_PARSER_CACHE"):
        return False
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "aetherlint"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return str(folder / f"parser-{grammar_hash()[:16]}.lark-cache")


@functools.cache
def grammar_hash() -> str:
    """A digest of every grammar file; part of every cache key that depends on the grammar."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(grammar_dir().glob("*.lark")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.cache
def get_tables() -> _Tables:
    return _Tables(get_parser())


@functools.cache
def get_parser() -> Lark:
    from aetherlint.transform import ASTBuilder

    return Lark.open(
        str(grammar_dir() / ENTRY_GRAMMAR),
        parser="lalr",
        lexer=AetherLexer,
        transformer=ASTBuilder(),
        cache=_cache_path(),
        maybe_placeholders=True,
        keep_all_tokens=True,
    )


def parse(text: str) -> A.Module:
    """Parse `text` (already decoded, BOM removed) or raise ParseFailed."""
    try:
        return _drive(get_tables(), text)
    except LexError as exc:
        problem = SyntaxProblem(_LEX_RULES.get(exc.kind, "AE2001"), exc.message, exc.line, exc.col, exc.kind)
        raise ParseFailed(problem) from None
    except _Unexpected as exc:
        raise ParseFailed(_describe_unexpected(exc.token, exc.expected)) from None
    except RecursionError:
        raise ParseFailed(SyntaxProblem("AE2005", "nesting too deep to analyse", 1, 1)) from None


_LEX_RULES = {
    "unexpected-character": "AE2002",
    "unterminated-string": "AE2003",
    "unclosed-block-scalar": "AE2003",
    "unclosed-bracket": "AE2004",
    "unmatched-bracket": "AE2004",
    "bad-dedent": "AE2006",
    "too-deep": "AE2005",
}


def _describe_unexpected(token: Tok, expected: set[str]) -> SyntaxProblem:
    wanted = describe_expected(expected)
    if token.type == "_NL" and "_INDENT" in expected and token.end_line > token.line:
        # `if x:` with nothing indented under it: point at the line that should have been indented
        return SyntaxProblem(
            "AE2001", f"expected an indented block after line {token.line}", token.end_line, token.end_column, "NL"
        )
    what = "end of file" if token.type == "$END" else _describe_token(token)
    return SyntaxProblem("AE2001", f"unexpected {what} (expected {wanted})", token.line, token.column, token.value)


def _describe_token(token: Tok) -> str:
    kind = token.type
    if kind == "_NL":
        return "end of line"
    if kind == "_INDENT":
        return "indentation"
    if kind == "_DEDENT":
        return "end of indented block"
    text = token.value
    if len(text) > 40:
        text = text[:37] + "..."
    text = text.replace("\n", "\\n")
    return f"{text!r}"
