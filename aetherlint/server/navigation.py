"""Outline, definitions and references of one document, from its AST and its scopes. Pure:
an AST and the lines of its text in, places (1-based line and column, code points) out.

The scopes are those of `scopes.ScopeWalk`, the walk the rules use: this subclass only notes
where each name is bound and which scope each node opened, so a name resolves here exactly as
the unknown-function and undefined-name rules resolve it. The rules' walk is not changed (its
throughput is what `check` costs); this one runs only when an editor asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Optional, Sequence

from aetherlint.scopes import Scope, ScopeWalk, _command_bindings
from aetherlint.syntax import ast as A

Place = tuple[int, int, int, int]  # line, col, end_line, end_col (end exclusive)
Key = tuple[int, str]  # (id of the binding scope, name)

_STRUCTURE = (A.Statement, A.Block, A.Branch, A.Handler, A.Case)
_HANDLERS = frozenset({"when", "on"})


@dataclass
class Symbol:
    name: str
    kind: str  # plugin, function, handler, block, goal, section
    place: Place  # the whole construct
    name_place: Place  # its name (within `place`)
    detail: str = ""
    children: list["Symbol"] = field(default_factory=list)


def symbols(module: A.Module, lines: Sequence[str]) -> list[Symbol]:
    """Plugins, functions, handlers, lifecycle and declarative blocks, goals and the sections of
    YAML-like specs, nested as they are in the file."""
    return _symbols_in(module, lines, 0)


def _symbols_in(node: A.Node, lines: Sequence[str], depth: int) -> list[Symbol]:
    out: list[Symbol] = []
    if depth > 400:  # deeper than the parser accepts (AE2005): nothing real is lost
        return out
    for child in A.children(node):
        if not isinstance(child, _STRUCTURE):
            continue
        symbol = _symbol(child, lines)
        if symbol is None:
            out += _symbols_in(child, lines, depth + 1)
        else:
            symbol.children = _symbols_in(child, lines, depth + 1)
            out.append(symbol)
    return out


def _symbol(node: A.Node, lines: Sequence[str]) -> Optional[Symbol]:
    kind = type(node)
    if kind is A.FunctionDef:
        name_place = (node.name_line, node.name_column, node.name_line, node.name_column + len(node.name))
        what = "handler" if node.kind in _HANDLERS else "function"
        return Symbol(node.name, what, _place(node), name_place, f"{node.kind} {node.name}({', '.join(node.params)})")
    if kind is A.Command and node.words and type(node.words[0]) is A.Name and node.words[0].id == "plugin" \
            and (node.block is not None or node.suite is not None) and len(node.words) > 1:
        name = node.words[1]
        return Symbol(_text(name, lines).strip("\"'"), "plugin", _place(node), _place(name), "plugin")
    if kind is A.NamedBlock:
        lead = node.lead
        head = lead.func if type(lead) is A.Call else lead
        if type(head) is A.Name and head.id == "goal":
            return Symbol(_text(lead, lines), "goal", _place(node), _place(lead), "goal")
        what = "function" if type(lead) is A.Call or (type(head) is A.Name and head.id.startswith("on_")) else "block"
        return Symbol(_text(lead, lines), what, _place(node), _place(lead))
    if kind is A.Field and type(node.key) is A.Name:
        key = node.key.id
        if key == "goal" and node.value:
            text = _span_text(lines, node.value[0].line, node.value[0].column, node.value[-1].end_line, node.value[-1].end_column)
            return Symbol(f"goal: {text}", "goal", _place(node), _place(node.key), "goal")
        if node.suite is not None or (len(node.value) == 1 and type(node.value[0]) is A.Collection and node.value[0].kind == "dict"):
            return Symbol(key, "section", _place(node), _place(node.key))
    if kind is A.Command and len(node.words) > 1 and type(node.words[0]) is A.Name and node.words[0].id == "goal":
        return Symbol(_text(node, lines), "goal", _place(node), _place(node.words[0]), "goal")  # `goal "…"`
    return None


def _place(node: A.Node) -> Place:
    return node.line, node.column, node.end_line, node.end_column


def _text(node: A.Node, lines: Sequence[str]) -> str:
    return _span_text(lines, node.line, node.column, node.end_line, node.end_column)


def _span_text(lines: Sequence[str], line: int, col: int, end_line: int, end_col: int) -> str:
    if line == end_line:
        return lines[line - 1][col - 1 : end_col - 1] if line <= len(lines) else ""
    return (lines[line - 1][col - 1 :] + " …") if line <= len(lines) else ""


class PlacedWalk(ScopeWalk):
    """ScopeWalk, noting where names are bound and which scope each node opened."""

    def __init__(self, module: A.Module, lines: Sequence[str]) -> None:
        self.lines = lines
        self.opened: dict[int, Scope] = {}  # id(node) -> the scope it opened
        self.bound: dict[Key, list[Place]] = {}
        self.scopes: dict[int, Scope] = {}  # keeps each binding scope (and so its id) alive
        super().__init__(module)

    def _visit(self, node: A.Node, scope: Scope) -> Scope:
        inner = super()._visit(node, scope)
        if inner is not scope:
            self.opened[id(node)] = inner
        kind = type(node)
        if kind is A.FunctionDef:
            self._bind(scope, node.name, (node.name_line, node.name_column, node.name_line, node.name_column + len(node.name)))
            self._bind_params(inner, node.params, node.name_line, node.name_column + len(node.name), node)
        elif kind is A.Function:
            self._bind_params(inner, node.params, node.line, node.column, node)
        elif kind is A.NamedBlock and inner is not scope:
            lead = node.lead.func if type(node.lead) is A.Call else node.lead
            self._bind(scope, lead.id, _place(lead))  # type: ignore[attr-defined]
        elif kind is A.Let:
            self._bind_found(scope, node.name, node.line, node.column + 3, node)
        elif kind is A.Assign and type(node.target) is A.Name:
            self._bind(scope, node.target.id, _place(node.target))
        elif kind in (A.Bind, A.Import):
            name = node.name if kind is A.Bind else node.alias  # type: ignore[attr-defined]
            if name:
                self._bind_found(scope, name, node.line, node.column, node, last=True)
        elif kind is A.Handler and type(node.binding) is A.Name:
            self._bind(scope, node.binding.id, _place(node.binding))
        elif kind is A.Comprehension:
            self._bind_params(scope, node.targets, node.line, node.column, node)
        elif kind is A.Command and node.words:
            first = node.words[0]
            if type(first) is A.Call and type(first.func) is A.Name and first.func.id == "for":
                words = first.args  # `for (k, c) in cups {`
                names = {w.id for w in words if type(w) is A.Name}
            else:
                words, names = node.words, set(_command_bindings(node.words))
            for word in words:
                if type(word) is A.Name and word.id in names:
                    self._bind(scope, word.id, _place(word))
        return inner

    def _bind(self, scope: Scope, name: str, place: Place) -> None:
        self.scopes[id(scope)] = scope
        self.bound.setdefault((id(scope), name), []).append(place)

    def _bind_params(self, scope: Scope, names: Sequence[str], line: int, col: int, node: A.Node) -> None:
        for name in names:
            found = _find(self.lines, name, line, col, node.end_line, node.end_column)
            if found is not None:
                self._bind(scope, name, found)
                line, col = found[2], found[3]

    def _bind_found(self, scope: Scope, name: str, line: int, col: int, node: A.Node, last: bool = False) -> None:
        found = _find(self.lines, name, line, col, node.end_line, node.end_column, last)
        if found is not None:
            self._bind(scope, name, found)


def _find(lines: Sequence[str], name: str, line: int, col: int, end_line: int, end_col: int,
          last: bool = False) -> Optional[Place]:
    """Where the word `name` is written between two positions (the AST keeps some names as
    strings: parameters, `let` names)."""
    word = re.compile(rf"(?<![\w$]){re.escape(name)}(?![\w$])")
    hits = []
    for number in range(line, min(end_line, len(lines)) + 1):
        text = lines[number - 1]
        start = col - 1 if number == line else 0
        stop = end_col - 1 if number == end_line else len(text)
        for match in word.finditer(text, start, stop):
            hits.append((number, match.start() + 1, number, match.end() + 1))
            if not last:
                return hits[0]
    return hits[-1] if hits else None


class Index:
    """Every binding and every use of a name in one document, each resolved to its binding."""

    def __init__(self, module: A.Module, lines: Sequence[str]) -> None:
        walk = PlacedWalk(module, lines)
        self.bound = walk.bound
        self.uses: list[tuple[Place, Key]] = []
        self.hoisted = walk.hoisted
        for name_node, scope in _names(module, walk.module_scope, walk.opened):
            key = _resolve(name_node.id, scope, walk)
            if key is not None:
                self.uses.append((_place(name_node), key))

    def key_at(self, line: int, col: int) -> Optional[Key]:
        for places, key in self._all():
            if places[0] == line and places[1] <= col <= places[3]:
                return key
        return None

    def definitions(self, key: Key) -> list[Place]:
        return sorted(self.bound.get(key, []))

    def references(self, key: Key, declarations: bool = True) -> list[Place]:
        uses = {place for place, k in self.uses if k == key}
        bound = set(self.bound.get(key, []))  # a binding is a use too when it is a name node
        return sorted(uses | bound if declarations else uses - bound)

    def _all(self) -> Iterator[tuple[Place, Key]]:
        yield from self.uses
        for key, places in self.bound.items():
            for place in places:
                yield place, key


def _resolve(name: str, scope: Optional[Scope], walk: PlacedWalk) -> Optional[Key]:
    """The binding a use of `name` in `scope` refers to: the innermost enclosing scope that binds
    it; else a function hoisted from a plugin to the whole file."""
    while scope is not None:
        if name in scope:  # bound here (where, if the AST does not say, is not known: no definition)
            return id(scope), name
        scope = scope.parent
    if name in walk.hoisted:
        for key in walk.bound:
            if key[1] == name and walk.scopes[key[0]].kind in ("module", "plugin"):
                return key
    return None


# Name children that are not uses of a variable or function: keys of `key: value` lines and of
# dict entries (`{max_spin: 40}`).
_NOT_USES = {(A.Field, "key"), (A.Pair, "key")}


def _names(module: A.Module, top: Scope, opened: dict[int, Scope]) -> Iterator[tuple[A.Name, Scope]]:
    stack: list[tuple[A.Node, Scope]] = [(module, top)]
    while stack:
        node, scope = stack.pop()
        kind = type(node)
        inner = opened.get(id(node), scope)
        for name, is_list in A.child_fields(kind):
            value = getattr(node, name)
            if value is None or (kind, name) in _NOT_USES:
                continue
            for child in value if is_list else (value,):
                if type(child) is A.Name:
                    yield child, inner
                elif type(child) not in (A.Literal, A.Str, A.Op):
                    stack.append((child, inner))
