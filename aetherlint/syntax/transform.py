"""Builds the typed AST (`aetherlint.syntax.ast`) in the same pass as the LALR parse.

The parser calls these methods on each reduction, so no parse tree is ever built. Every token is
kept (`keep_all_tokens`) and spans are computed here from the first and last positioned child.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional

from aetherlint.syntax import ast as A
from aetherlint.syntax.lexer import Tok as Token

DEFINER_WORDS = frozenset({"fn", "function", "define", "export", "when"})


class _Suffix:
    """`.name`, `(args)` or `[index]` waiting to be applied to the expression before it."""

    __slots__ = ("kind", "data", "end_line", "end_column")

    def __init__(self, kind: str, data: Any, end: Token) -> None:
        self.kind = kind
        self.data = data
        self.end_line = end.end_line
        self.end_column = end.end_column


def _span(items: list) -> tuple[int, int, int, int]:
    first = last = None
    for item in items:
        if item is None or isinstance(item, list):
            continue
        if first is None and not isinstance(item, _Suffix):
            first = item
        last = item
    if first is None or last is None:
        return 0, 0, 0, 0
    return first.line, first.column, last.end_line, last.end_column


def _nodes(children: list) -> list:
    """Children that are AST nodes (tokens, placeholders and separators dropped), lists flattened."""
    out = []
    for child in children:
        if isinstance(child, A.Node):
            out.append(child)
        elif isinstance(child, list):
            out.extend(c for c in child if isinstance(c, A.Node))
    return out


def _token_node(tok: Token) -> A.Node:
    pos = (tok.line, tok.column, tok.end_line, tok.end_column)
    if tok.type == "STRING":
        return A.Str(*pos, tok.value)
    if tok.type == "NAME" or tok.type == "DOLLAR_NAME":
        return A.Name(*pos, tok.value)
    if tok.type in _LITERAL_TYPES:
        return A.Literal(*pos, tok.type, tok.value)
    return A.Op(*pos, tok.value)


_LITERAL_TYPES = frozenset(
    "NUMBER PERCENTAGE DURATION NUMBER_UNIT RANGE HYPHEN_WORD PLACEHOLDER REGEX BLOCK_SCALAR".split()
)


def _apply(base: A.Node, suffixes: list) -> A.Node:
    for suffix in suffixes:
        if not isinstance(suffix, _Suffix):
            continue
        pos = (base.line, base.column, suffix.end_line, suffix.end_column)
        if suffix.kind == "member":
            base = A.Member(*pos, base, suffix.data)
        elif suffix.kind == "call":
            base = A.Call(*pos, base, suffix.data)
        else:
            base = A.Index(*pos, base, suffix.data)
    return base


def _fold(children: list) -> A.Node:
    """`head suffix*` → one node."""
    head = children[0]
    if isinstance(head, Token):
        head = _token_node(head)
    return _apply(head, children[1:])


def _param_names(args: list[A.Node]) -> list[str]:
    """The names a parameter list binds: `a`, `a = 1`, `...rest`, and destructured `[f, x]` /
    `{f, g: h}` patterns (every name inside)."""
    names = []
    for arg in args:
        if isinstance(arg, A.KeywordArg):
            names.append(arg.name)
        elif isinstance(arg, A.Unary) and isinstance(arg.operand, A.Name):
            names.append(arg.operand.id)
        elif isinstance(arg, A.Name):
            names.append(arg.id)
        elif isinstance(arg, A.Collection):
            names.extend(_param_names(arg.items))
        elif isinstance(arg, A.Pair):  # `{key: name}` binds `name`
            names.extend(_param_names([arg.value]))
    return names


class ASTBuilder:
    """One method per grammar rule (or alias), called with the rule's children on reduction."""

    # Rules whose value is their only child when that child is a rule (no call needed).
    PASS_THROUGH = frozenset(
        "expr stmt simple_stmt head arg if_body chain unary list_item dict_entry lead word free".split()
    )

    # ---- lexical ----
    def name(self, c: list) -> A.Name:
        tok = c[0]
        return A.Name(tok.line, tok.column, tok.end_line, tok.end_column, tok.value)

    def literal(self, c: list) -> A.Node:
        return _token_node(c[0])

    # ---- expressions ----
    def expr(self, c: list) -> A.Node:
        return c[0]

    def ternary(self, c: list) -> A.Node:
        return A.Conditional(*_span(c), c[0], c[2], c[4])

    def pycond(self, c: list) -> A.Node:
        return A.Conditional(*_span(c), c[2], c[0], c[4])

    def chain(self, c: list) -> A.Node:
        return c[0] if len(c) == 1 else A.Chain(*_span(c), c)

    def binop(self, c: list) -> A.Op:
        return A.Op(*_span(c), " ".join(t.value for t in c))

    def free_op(self, c: list) -> A.Op:
        return A.Op(*_span(c), c[0].value)

    def unary(self, c: list) -> A.Node:
        first = c[0]
        if isinstance(first, Token) and first.type != "DOLLAR_NAME":  # a prefix operator
            return A.Unary(*_span(c), first.value, c[1])
        return _fold(c)

    def member(self, c: list) -> _Suffix:
        return _Suffix("member", c[1].id, c[1])

    def call(self, c: list) -> _Suffix:
        return _Suffix("call", c[1] or [], c[-1])

    def index(self, c: list) -> _Suffix:
        return _Suffix("index", _nodes(c[1:-1]), c[-1])

    def subscript(self, c: list) -> list:
        return _nodes(c)

    def paren(self, c: list) -> A.Node:
        return A.Collection(*_span(c), "paren", c[1] or [])

    def args(self, c: list) -> list:
        return _nodes(c)

    def arg(self, c: list) -> A.Node:
        return c[0]

    def kwarg(self, c: list) -> A.KeywordArg:
        return A.KeywordArg(*_span(c), c[0].id, c[2])

    def comprehension(self, c: list) -> A.Comprehension:
        nodes = [x for x in c if x is not None]
        words = [x.value if isinstance(x, Token) else x for x in nodes]
        in_at = words.index("in")
        targets = [n.id for n in nodes[2:in_at] if isinstance(n, A.Name)]
        condition = nodes[in_at + 3] if len(nodes) > in_at + 3 else None
        return A.Comprehension(*_span(c), nodes[0], targets, nodes[in_at + 1], condition)

    def list(self, c: list) -> A.Collection:
        return A.Collection(*_span(c), "list", _nodes(c[1:-1]))

    def list_item(self, c: list) -> A.Node:
        return c[0] if len(c) == 1 else A.Pair(*_span(c), c[0], c[2])

    def dict(self, c: list) -> A.Collection:
        return A.Collection(*_span(c), "dict", _nodes(c[1:-1]))

    def dict_entry(self, c: list) -> A.Node:
        if len(c) == 1:
            return c[0]
        key = _token_node(c[0]) if isinstance(c[0], Token) else c[0]
        return A.Pair(*_span(c), key, c[2])

    def arrow(self, c: list) -> A.Function:
        params = [c[0].id] if isinstance(c[0], A.Name) else _param_names(c[1] or [])
        arrow_at = next(i for i, x in enumerate(c) if isinstance(x, Token) and x.value == "=>")
        rest = c[arrow_at + 1 :]
        if isinstance(rest[0], Token):  # `=> { body }`
            body: A.Node = A.Block(*_span(rest), _nodes(rest[1:-1]))
        else:
            body = rest[0]
        return A.Function(*_span(c), "arrow", params, body)

    def lambda_(self, c: list) -> A.Function:
        params = [x.id for x in c[1:-2] if isinstance(x, A.Name)]
        return A.Function(*_span(c), "lambda", params, c[-1])

    def anon_function(self, c: list) -> A.Function:
        return A.Function(*_span(c), "function", _param_names(c[2] or []), c[-1])

    def if_expr(self, c: list) -> A.IfExpr:
        other = c[4] if len(c) > 4 else None
        return A.IfExpr(*_span(c), c[1], c[2], other)

    def call_expr(self, c: list) -> A.CallPath:
        paren = next(i for i, x in enumerate(c) if isinstance(x, Token) and x.value == "(")
        path = "".join(x.id if isinstance(x, A.Name) else x.value for x in c[1:paren])
        return A.CallPath(*_span(c), path, c[1].line, c[1].column, c[paren + 1] or [])

    def new_expr(self, c: list) -> A.New:
        paren = next(i for i, x in enumerate(c) if isinstance(x, Token) and x.value == "(")
        cls = "".join(x.id if isinstance(x, A.Name) else x.value for x in c[1:paren])
        return A.New(*_span(c), cls, c[paren + 1] or [])

    # ---- statements ----
    def start(self, c: list) -> A.Module:
        body = c[0] if c else []
        return A.Module(*_span(body) if body else (1, 1, 1, 1), body)

    def body(self, c: list) -> list:
        return _nodes(c)

    def block(self, c: list) -> A.Block:
        return A.Block(*_span(c), _nodes(c[1:-1]))

    def suite(self, c: list) -> A.Block:
        body = _nodes(c)
        return A.Block(*(_span(body) if body else _span(c)), body)

    def stmt(self, c: list) -> A.Node:
        return c[0]

    def simple_stmt(self, c: list) -> A.Node:
        return c[0]

    def header(self, c: list) -> A.Node:
        # a new node, not the header's own changed: a node never changes once built, so the
        # editor's re-parse can re-use the header's node where the block after it changed
        stmt, suite = c[0], c[1]
        last = c[2] if c[2] is not None else suite
        return replace(stmt, suite=suite, has_end=c[2] is not None, end_line=last.end_line, end_column=last.end_column)

    def condition(self, c: list) -> A.Node:
        if c[1] is None:
            return c[0]
        return A.Chain(*_span(c), [c[0], _token_node(c[1])])

    def if_body(self, c: list) -> A.Node:
        return _nodes(c)[0]

    def if_stmt(self, c: list) -> A.If:
        branches = [A.Branch(*_span(c[:3]), c[1], c[2])]
        for item in c[3:]:
            if isinstance(item, A.Branch):
                branches.append(item)
            elif isinstance(item, list):
                branches.extend(item)
        has_end = isinstance(c[-1], Token) and c[-1].value == "end"
        return A.If(*_span(c), branches=branches, has_end=has_end)

    def elif_clause(self, c: list) -> A.Branch:
        return A.Branch(*_span(c), c[1], c[2])

    def else_clause(self, c: list) -> list:
        if isinstance(c[1], Token) and c[1].value == "if":
            branches = [A.Branch(*_span(c[:4]), c[2], c[3])]
            if len(c) > 4 and c[4] is not None:
                branches.extend(c[4])
            return branches
        return [A.Branch(*_span(c), None, c[1])]

    def try_stmt(self, c: list) -> A.Try:
        body = next(x for x in c[1:] if isinstance(x, A.Block))
        handlers = [x for x in c if isinstance(x, A.Handler)]
        has_end = isinstance(c[-1], Token) and c[-1].value == "end"
        return A.Try(*_span(c), body=body, handlers=handlers, has_end=has_end)

    def catch_clause(self, c: list) -> A.Handler:
        nodes = _nodes(c)
        binding = nodes[0] if len(nodes) > 1 else None
        return A.Handler(*_span(c), "catch", None, binding, nodes[-1])

    def except_clause(self, c: list) -> A.Handler:
        # "except" [expr ["as" name]] ":" suite: the name after `as` is bound, the expr is matched
        nodes = _nodes(c)
        matched = nodes[0] if len(nodes) > 1 else None
        binding = nodes[1] if len(nodes) > 2 else None
        return A.Handler(*_span(c), "except", matched, binding, nodes[-1])

    def finally_clause(self, c: list) -> A.Handler:
        return A.Handler(*_span(c), "finally", None, None, _nodes(c)[-1])

    def match_stmt(self, c: list) -> A.Match:
        cases = [x for x in c if isinstance(x, A.Case)]
        return A.Match(*_span(c), subject=c[1], cases=cases)

    def case_clause(self, c: list) -> A.Case:
        nodes = _nodes(c)
        return A.Case(*_span(c), nodes[:-1], nodes[-1])

    def let_stmt(self, c: list) -> A.Let:
        return A.Let(*_span(c), name=c[1].id, value=c[3])

    def return_stmt(self, c: list) -> A.Return:
        return A.Return(*_span(c), value=c[1])

    def throw_stmt(self, c: list) -> A.Throw:
        return A.Throw(*_span(c), value=c[1])

    def import_stmt(self, c: list) -> A.Import:
        nodes = [x for x in c[1:] if x is not None]
        as_at = next((i for i, x in enumerate(nodes) if isinstance(x, Token) and x.value == "as"), len(nodes))
        path = "".join(x.id if isinstance(x, A.Name) else x.value for x in nodes[:as_at])
        if path.startswith(('"', "'")):
            path = path[1:-1]
        alias = nodes[as_at + 1].id if as_at < len(nodes) else None
        return A.Import(*_span(c), path=path, alias=alias)

    # ---- generic line shapes (intent.lark) ----
    def lead(self, c: list) -> A.Node:
        return _fold(c)

    def dollar_lead(self, c: list) -> A.Node:
        return _fold(c)

    def word(self, c: list) -> A.Node:
        return _fold(c)

    def head(self, c: list) -> A.Node:
        return _fold(c)

    def free(self, c: list) -> A.Node:
        first = c[0]
        if isinstance(first, A.Node):
            return _apply(first, c[1:]) if len(c) > 1 else first
        if first.value == "(":
            close = next(i for i, x in enumerate(c) if isinstance(x, Token) and x.value == ")")
            group = A.Collection(*_span(c[: close + 1]), "paren", c[1] or [])
            return _apply(group, c[close + 1 :])
        if len(c) > 1:  # `[ … ]`
            return A.Collection(*_span(c), "list", c[1] or [])
        return _token_node(first)

    def value(self, c: list) -> list:
        return c

    def assign_op(self, c: list) -> str:
        return c[0].value

    def bare(self, c: list) -> A.Node:
        return A.Command(*_span(c), words=[c[0]])

    def assign(self, c: list) -> A.Assign:
        rest = [x for x in c[3:] if isinstance(x, A.Node)]
        end = rest[-1] if rest else c[2]
        return A.Assign(c[0].line, c[0].column, end.end_line, end.end_column, target=c[0], op=c[1], value=c[2], rest=rest or A._NO_WORDS)

    def update(self, c: list) -> A.Update:
        return A.Update(*_span(c), target=c[0], op=c[1].value)

    def field(self, c: list) -> A.Field:
        value = c[2] or []
        return A.Field(*_span([c[0], c[1], *value]), key=c[0], value=value)

    def bind(self, c: list) -> A.Bind:
        return A.Bind(*_span(c), source=c[0], name=c[2].id)

    def command(self, c: list) -> A.Node:
        block = c[-1] if isinstance(c[-1], A.Block) else None
        words = [x for x in (c[:-1] if block is not None or c[-1] is None else c) if isinstance(x, A.Node)]
        return _definition(words, block, _span(c)) or A.Command(*_span(c), words=words, block=block)

    def named_block(self, c: list) -> A.NamedBlock:
        return A.NamedBlock(*_span(c), lead=c[0], block=c[1])

    def numbered_step(self, c: list) -> A.NumberedStep:
        return A.NumberedStep(*_span(c), number=c[0].value, step=c[2])

    def dash_item(self, c: list) -> A.DashItem:
        return A.DashItem(*_span(c), items=[x for x in c[1:] if isinstance(x, A.Node)])


# `lambda` is a Python keyword; the parser looks handlers up by rule name.
setattr(ASTBuilder, "lambda", ASTBuilder.lambda_)
# An arrow body `x = 1` / `n++` is the statement of the same shape (without trailing words).
ASTBuilder.arrow_assign = ASTBuilder.assign  # type: ignore[attr-defined]
ASTBuilder.arrow_update = ASTBuilder.update  # type: ignore[attr-defined]
def _definition(words: list, block: Optional[A.Block], span: tuple) -> Optional[A.FunctionDef]:
    """`fn f(x) {…}`, `function f(x):`, `define f()`, `export f(){…}`, `when f(x):`, `when f:`."""
    if len(words) < 2 or not isinstance(words[0], A.Name) or words[0].id not in DEFINER_WORDS:
        return None
    target = words[1]
    if isinstance(target, A.Call) and isinstance(target.func, A.Name):
        name, params = target.func, _param_names(target.args)
    elif isinstance(target, A.Name) and words[0].id == "when" and all(isinstance(w, A.Op) for w in words[2:]):
        name, params = target, []
    else:
        return None
    return A.FunctionDef(
        *span, kind=words[0].id, name=name.id, name_line=name.line, name_column=name.column, params=params, block=block
    )
