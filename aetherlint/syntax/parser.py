"""Parse text into an AST or a positioned, plain-words syntax problem.

An LALR driver runs the tables lark compiled from `grammar/` (see tables.py) over the tokens of
`lexer.py`, calling the AST builder on each reduction. Lark itself is only imported when the
tables have to be compiled (first run, or a grammar change).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Optional

from aetherlint.credentials import redact
from aetherlint.diagnostic import Edit, Fix
from aetherlint.source import split_lines

from aetherlint.syntax import ast as A
from aetherlint.syntax.brackets import diagnose as diagnose_brackets
from aetherlint.syntax.expected import describe_expected
from aetherlint.syntax.incremental import Memo, lex
from aetherlint.syntax.layout import Layout
from aetherlint.syntax.lexer import LexError, Tok, tokens
from aetherlint.syntax.tables import Tables, load
from aetherlint.syntax.transform import ASTBuilder

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
    related: tuple[tuple[int, int, str], ...] = ()  # (line, col, note): e.g. where a bracket opened
    end: Optional[tuple[int, int]] = None  # the end of the offending token, when known
    fix: Optional[Fix] = None


class ParseFailed(Exception):
    def __init__(self, problem: SyntaxProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Parser:
    """The LALR tables plus one callback per rule that shapes its children and builds AST nodes."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.states = tables.states
        builder = ASTBuilder()
        self.rules = [(size, origin, _callback(builder, shape)) for (size, origin, *shape) in tables.rules]


def _callback(builder: ASTBuilder, shape: list) -> Callable[[list], object] | None:
    """The function that turns a rule's children into its value; None when the value is simply
    its single child (`expr: chain`, `stmt: simple_stmt`, …), so the driver skips the call."""
    handler_name, expand1, to_include, trailing_nones, single_rule_child = shape
    if single_rule_child and (expand1 or handler_name in ASTBuilder.PASS_THROUGH):
        return None
    handler = getattr(builder, handler_name, None) if handler_name else None
    simple = not trailing_nones and all(not expand and not nones for _, expand, nones in to_include)
    if simple and not expand1:  # most rules: no reshaping, call the builder directly
        return handler if handler is not None else _identity
    if (
        handler is None
        and not expand1
        and not trailing_nones
        and to_include[0][1:] == (True, 0)
        and all(not expand and not nones for _, expand, nones in to_include[1:])
    ):
        return _extend_first  # a repetition `__x_star: __x_star item…`: grow the list in place

    def shape_children(children: list) -> object:
        if simple:
            filtered = children
        else:
            filtered = None
            for i, expand, nones in to_include:
                if nones:
                    filtered = (filtered if filtered is not None else []) + [None] * nones
                if expand:  # an inlined `_rule` (or a repetition): its children join ours
                    if filtered is None:
                        filtered = children[i]  # reuse the list: repetitions stay linear
                    else:
                        filtered.extend(children[i])
                elif filtered is None:
                    filtered = [children[i]]
                else:
                    filtered.append(children[i])
            if filtered is None:
                filtered = []
            if trailing_nones:
                filtered.extend([None] * trailing_nones)
        if expand1 and len(filtered) == 1:
            return filtered[0]
        return handler(filtered) if handler is not None else filtered

    return shape_children


class _Unexpected(Exception):
    def __init__(self, token: Tok, expected: set[str]) -> None:
        super().__init__(token.type)
        self.token = token
        self.expected = expected


def _identity(children: list) -> list:
    return children


def _extend_first(children: list) -> list:
    items = children[0]
    items.extend(children[1:])
    return items


def _drive(parser: _Parser, text: str, stream: Iterable[Tok]) -> A.Module:
    """The LALR loop over lark's tables. Each token's terminal is decided here, just before it is
    fed, because contextual keywords depend on the parser's current state. (reparse.drive is
    this loop for the editor's documents, with records: a change here goes there too.)"""
    states, rules = parser.states, parser.rules
    keyword_terms, op_terms = parser.tables.keyword_terms, parser.tables.op_terms
    end_state = parser.tables.end
    state = parser.tables.start
    state_stack = [state]
    value_stack: list = []
    layout = Layout(text, stream)
    prev_value = ""
    for token in layout:  # ends with the $END token
        kind = token.kind
        if kind == "NAME":
            value = token.value
            term = keyword_terms.get(value)
            if term is not None and (
                (value in LINE_START_RESERVED and token.pos == layout.line_first_pos)
                or _accepts(states, rules, state_stack, term)
            ):
                token.type = term
            else:
                token.type = "NAME"  # (a memo's token may still hold its previous parse's choice)
            prev_value = value
        elif kind == "OP":
            value = token.value
            if value == "{" and prev_value == "=>":
                token.type = "ARROW_LBRACE"
            elif value == "[" and token.pos and text[token.pos - 1] in " \t":
                token.type = "SPACED_LSQB"  # `for x in [a, b]` is a list, `xs[0]` an index
            else:
                token.type = op_terms.get(value, "UNKNOWN_OPERATOR")
            prev_value = value
        elif token.value:
            prev_value = token.value
        ttype = token.type
        while True:
            action = states[state].get(ttype)
            if action is None:
                raise _Unexpected(token, {t for t in states[state] if t.isupper()})
            if action >= 0:
                state = action
                state_stack.append(state)
                value_stack.append(token)
                break
            size, origin, callback = rules[~action]
            if callback is None:  # the value is the single child's: only the state changes
                state_stack.pop()
            elif size == 1:
                value_stack[-1] = callback([value_stack[-1]])
                state_stack.pop()
            elif size:
                children = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
                value_stack.append(callback(children))
            else:
                value_stack.append(callback([]))
            state = states[state_stack[-1]][origin]
            state_stack.append(state)
            if state == end_state and ttype == "$END":
                return value_stack[-1]
    raise AssertionError("parser ended without accepting")  # pragma: no cover


def _accepts(states: dict, rules: list, state_stack: list, term: str) -> bool:
    """Would the parser shift `term` after the reductions it triggers? (exact, unlike a look at
    the current LALR state alone, whose lookaheads are merged across contexts)."""
    stack = state_stack[:]
    while True:
        action = states[stack[-1]].get(term)
        if action is None:
            return False
        if action >= 0:
            return True
        size, origin = rules[~action][0], rules[~action][1]
        if size:
            del stack[-size:]
        stack.append(states[stack[-1]][origin])


@functools.cache
def _get_parser() -> _Parser:
    return _Parser(load())


def parse(text: str, memo: Optional[Memo] = None) -> A.Module:
    """Parse `text` (already decoded, BOM removed) or raise ParseFailed. With a `memo` (an
    editor's document), only what changed since the memo's previous text is scanned and parsed
    again (incremental.py, reparse.py)."""
    if memo is None:
        return _parse(text, lambda: _drive(_get_parser(), text, tokens(text)), lambda: tokens(text))
    if memo.text == text and memo.module is not None:
        return memo.module  # type: ignore[return-value]
    from aetherlint.syntax import reparse

    memo.text = memo.module = None  # the next scan moves the tokens this AST holds
    module = _parse(text, lambda: reparse.drive(_get_parser(), text, lex(text, memo), memo), lambda: memo.lexed.stream())
    memo.text, memo.module = text, module
    return module


def _parse(text: str, run: Callable[[], A.Module], rescan: Callable[[], Iterable[Tok]]) -> A.Module:
    """`run` the parse; on a failure, `rescan` gives the tokens again for the bracket analysis."""
    try:
        return run()
    except LexError as exc:
        problem = SyntaxProblem(_LEX_RULES.get(exc.kind, "AE2001"), exc.message, exc.line, exc.col)
        if exc.kind in ("unclosed-bracket", "unmatched-bracket"):
            problem = _bracket_problem(text, rescan()) or problem
        elif exc.kind == "unterminated-string":
            problem = replace(problem, fix=_closing_quote(text, exc.line, exc.col))
        raise ParseFailed(problem) from None
    except _Unexpected as exc:
        problem = _describe_unexpected(exc.token, exc.expected)
        brackets = _bracket_problem(text, rescan())
        # a closer missing before the unexpected token explains it: everything after the missing
        # closer was read as the bracket's contents (an error before that place is a real one)
        if brackets is not None and brackets.related and (brackets.line, brackets.col) <= (exc.token.line, exc.token.column):
            problem = brackets
        raise ParseFailed(problem) from None
    except RecursionError:
        raise ParseFailed(SyntaxProblem("AE2005", "nesting too deep to analyse", 1, 1)) from None


def _bracket_problem(text: str, stream: Iterable[Tok]) -> SyntaxProblem | None:
    """The bracket analysis, over the tokens of the whole text again (only after a failure)."""
    try:
        found = diagnose_brackets(text, stream)
    except LexError:
        return None  # a lexical error after the parse error: the parse error stands
    if found is None:
        return None
    related = (found.opener,) if found.opener else ()
    return SyntaxProblem("AE2004", found.message, found.line, found.col, related, fix=found.fix)


def _closing_quote(text: str, line: int, col: int) -> Fix | None:
    """Close a one-line string at the end of its line (unsafe: the text may have meant more)."""
    lines = split_lines(text)
    if line > len(lines):
        return None
    rest = lines[line - 1]
    quote = next((c for c in rest[col - 1 :] if c in "\"'"), None)
    if quote is None or quote * 3 in rest:
        return None  # a triple-quoted string spans lines: where it should end is anybody's guess
    end = len(rest) + 1
    return Fix(f"close the string with {quote} at the end of line {line}", (Edit(line, end, line, end, quote),), "unsafe")


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
            "AE2001", f"expected an indented block after line {token.line}", token.end_line, token.end_column
        )
    what = "end of file" if token.type == "$END" else _describe_token(token)
    end = (token.end_line, token.end_column) if token.type not in ("$END", "_NL", "_INDENT", "_DEDENT") else None
    return SyntaxProblem("AE2001", f"unexpected {what} (expected {wanted})", token.line, token.column, end=end)


def _describe_token(token: Tok) -> str:
    kind = token.type
    if kind == "_NL":
        return "end of line"
    if kind == "_INDENT":
        return "indentation"
    if kind == "_DEDENT":
        return "end of indented block"
    text = redact(token.value)  # before it is cut: a shortened key would escape the mask
    if len(text) > 40:
        text = text[:37] + "..."
    text = text.replace("\n", "\\n")
    return f"{text!r}"
