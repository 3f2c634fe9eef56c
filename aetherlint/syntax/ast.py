"""Typed AST for `.aether` files. Every node carries its source span (1-based, end exclusive).

Position fields use lark's token names (`line`, `column`, `end_line`, `end_column`) so nodes and
tokens can be measured the same way. Nodes are plain dataclasses: importing this module does not
import lark, and the semantic passes work on these types only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from typing import Iterator, Optional


_NO_WORDS: list = []


@dataclass(slots=True, eq=True)
class Node:
    line: int
    column: int
    end_line: int
    end_column: int


# ---- expressions -------------------------------------------------------------------------------


@dataclass(slots=True)
class Name(Node):
    id: str


@dataclass(slots=True)
class Literal(Node):
    kind: str  # NUMBER, PERCENTAGE, DURATION, NUMBER_UNIT, RANGE, HYPHEN_WORD, PLACEHOLDER, ...
    text: str


@dataclass(slots=True)
class Str(Node):
    text: str  # the literal as written, with prefix and quotes

    @property
    def is_fstring(self) -> bool:
        return self.text[:1] in "fF"

    @property
    def is_triple(self) -> bool:
        return '"""' in self.text[:4]


@dataclass(slots=True)
class Op(Node):
    """An operator or punctuation mark inside free text (`goal: x > 5% priority: high`)."""

    text: str


@dataclass(slots=True)
class Call(Node):
    func: Node
    args: list[Node]

    @property
    def name(self) -> Optional[str]:
        """The callee when it is a bare name (`f(x)`), None for `a.b(x)` or `f(x)(y)`."""
        return self.func.id if isinstance(self.func, Name) else None


@dataclass(slots=True)
class CallPath(Node):
    """`call system/goals.get_open(x)`: the `call` keyword with a slash/dotted target."""

    path: str
    func_line: int
    func_column: int
    args: list[Node]


@dataclass(slots=True)
class New(Node):
    cls: str
    args: list[Node]


@dataclass(slots=True)
class Member(Node):
    obj: Node
    attr: str


@dataclass(slots=True)
class Index(Node):
    obj: Node
    index: list[Node]


@dataclass(slots=True)
class Chain(Node):
    """Operands and `Op`s of a binary-operator chain, flat and in source order."""

    parts: list[Node]


@dataclass(slots=True)
class Unary(Node):
    op: str
    operand: Node


@dataclass(slots=True)
class Conditional(Node):
    """`c ? a : b` and `a if c else b`."""

    cond: Node
    then: Node
    other: Node


@dataclass(slots=True)
class KeywordArg(Node):
    name: str
    value: Node


@dataclass(slots=True)
class Comprehension(Node):
    element: Node
    targets: list[str]
    iterable: Node
    condition: Optional[Node]


@dataclass(slots=True)
class Pair(Node):
    key: Node
    value: Node


@dataclass(slots=True)
class Collection(Node):
    kind: str  # "paren", "list" or "dict"
    items: list[Node]


@dataclass(slots=True)
class Function(Node):
    """Anonymous functions: `x => e`, `(a, b) => { … }`, `lambda a: e`, `function(…) { … }`."""

    kind: str
    params: list[str]
    body: Node


@dataclass(slots=True)
class IfExpr(Node):
    cond: Node
    then: Node
    other: Optional[Node]


# ---- statements --------------------------------------------------------------------------------


@dataclass(slots=True)
class Block(Node):
    """`{ … }` or an indented suite."""

    body: list[Node]


@dataclass(slots=True, kw_only=True)
class Statement(Node):
    # The indented body a line owns (`when x:` ⏎ ..., `define f()` ⏎ ... `end`), if any.
    suite: Optional[Block] = None
    has_end: bool = False


@dataclass(slots=True, kw_only=True)
class Command(Statement):
    """A line of words: `optimize for "x"`, `bins_ready`, `plugin x { … }`, `log "…" + y`."""

    words: list[Node]
    block: Optional[Block] = None


@dataclass(slots=True, kw_only=True)
class Field(Statement):
    """`key: value…` (a header field, YAML key, intent command or `goal: free text`)."""

    key: Node
    value: list[Node]


@dataclass(slots=True, kw_only=True)
class Assign(Statement):
    target: Node
    op: str
    value: Node
    # `x = remember y as "t"`: words after the value (most assignments have none: then the one
    # shared empty list, never mutated, saves a list per assignment)
    rest: list[Node] = field(default_factory=lambda: _NO_WORDS)


@dataclass(slots=True, kw_only=True)
class Update(Statement):
    target: Node
    op: str


@dataclass(slots=True, kw_only=True)
class Bind(Statement):
    """`ask_helper("…") -> hue`."""

    source: Node
    name: str


@dataclass(slots=True, kw_only=True)
class NamedBlock(Statement):
    """`motor_config { … }`, `on_run { … }`, `goal("…") { … }`, `init() { … }`."""

    lead: Node
    block: Block


@dataclass(slots=True, kw_only=True)
class DashItem(Statement):
    items: list[Node]


@dataclass(slots=True, kw_only=True)
class NumberedStep(Statement):
    number: str
    step: Node


@dataclass(slots=True, kw_only=True)
class Let(Statement):
    name: str
    value: Node


@dataclass(slots=True, kw_only=True)
class Return(Statement):
    value: Optional[Node]


@dataclass(slots=True, kw_only=True)
class Throw(Statement):
    value: Node


@dataclass(slots=True, kw_only=True)
class Import(Statement):
    path: str
    alias: Optional[str]


@dataclass(slots=True, kw_only=True)
class FunctionDef(Statement):
    """`fn f(x) { }`, `function f(x):`, `define f()` … `end`, `export f() { }`, `when f(x):`."""

    kind: str
    name: str
    name_line: int
    name_column: int
    params: list[str]
    block: Optional[Block] = None


@dataclass(slots=True)
class Branch(Node):
    cond: Optional[Node]  # None for `else`
    body: Optional[Node]


@dataclass(slots=True, kw_only=True)
class If(Statement):
    branches: list[Branch]


@dataclass(slots=True)
class Handler(Node):
    kind: str  # catch, except, finally
    matched: Optional[Node]  # what `except E` matches
    binding: Optional[Node]  # the name bound to the error: `catch (e)`, `except E as e`
    body: Node


@dataclass(slots=True, kw_only=True)
class Try(Statement):
    body: Node
    handlers: list[Handler]


@dataclass(slots=True)
class Case(Node):
    values: list[Node]  # empty for `default`
    body: Node


@dataclass(slots=True, kw_only=True)
class Match(Statement):
    subject: Node
    cases: list[Case]


@dataclass(slots=True)
class Module(Node):
    body: list[Node]


_CHILD_TYPES = ("Node", "Block", "Branch", "Handler", "Case")


@cache
def child_fields(cls: type) -> tuple[tuple[str, bool], ...]:
    """(field, is_list) for the fields of `cls` that hold nodes, in source order."""
    out = []
    for f in fields(cls):
        kind = str(f.type)
        if f.name in ("line", "column", "end_line", "end_column") or not any(t in kind for t in _CHILD_TYPES):
            continue
        out.append((f.name, kind.startswith("list")))
    return tuple(out)


@cache
def line_fields(cls: type) -> tuple[str, ...]:
    """The fields of `cls` that hold a line number (`line`, `end_line`, `name_line`, …)."""
    return tuple(f.name for f in fields(cls) if f.name.endswith("line") and f.type == "int")


def children(node: Node) -> Iterator[Node]:
    """Direct child nodes, in source order."""
    for name, is_list in child_fields(type(node)):
        value = getattr(node, name)
        if is_list:
            yield from value
        elif value is not None:
            yield value


def walk(node: Node) -> Iterator[Node]:
    """Every node under `node` (included), depth-first in source order, without recursion."""
    stack = [node]
    pop, append, extend = stack.pop, stack.append, stack.extend
    while stack:
        current = pop()
        yield current
        for name, is_list in reversed(child_fields(type(current))):
            value = getattr(current, name)
            if is_list:
                extend(reversed(value))
            elif value is not None:
                append(value)
