"""Scopes and bindings, pyflakes-style: which names each part of a file binds, and its calls.

A scope is a plain dict (name -> what binds it) with a parent. The module has one; so does every
function-like definition (`fn`, `function`, `define`, `when`/`on` handlers, arrows, lambdas,
anonymous functions) and every plugin or lifecycle block (`plugin x { … }`, `on_run { … }`).
Blocks of `if`/`for`/`try` are not scopes. Bindings: function names, parameters (destructured
ones too), `let`, assignments to a bare name, `for` targets, comprehension targets,
`except E as e` / `catch (e)`, the result arrow `f() -> name`, and `import … as name`.
Functions defined at module or plugin level are hoisted: visible everywhere in the file, as the
interpreter resolves them. One walk, no recursion; resolution happens after it, so a use before
the binding in the same scope is fine (as in the interpreter).
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from aetherlint.syntax import ast as A

# Words that look like calls but are operators or statement keywords: `typeof(x)`, `await (x)`,
# `super(x)`, `for (k, v) in …`, `while (x) { }`, `switch (x) { }`.
KEYWORD_CALLS = frozenset({"typeof", "await", "super", "for", "while", "if", "switch", "catch", "return", "not"})

# Words that can never name a function, parameter or variable (AE2504). Keywords that real files
# also use as identifiers (`fn` as a parameter, `match`, `call`, `new`, `import`, `default`,
# `case`) are not here.
RESERVED_WORDS = frozenset(
    """if else elif for while return end function define let try catch finally except throw
    lambda and or not in is""".split()
)
# Definitions that may be given twice on purpose (several handlers of one event) are not here.
SINGLE_DEFINITIONS = frozenset({"fn", "function", "define", "export"})

_INTERP_RE = re.compile(r"\{\{.*?\}\}|\{([^{}]*)\}")
_BARE_CALL_RE = re.compile(r"(?<![\w.$])([A-Za-z_]\w*)\s*\(")
_QUOTED_RE = re.compile(r"'[^']*'|\"[^\"]*\"")


class Scope(dict):
    """name -> kind of binding ("function", "parameter", "variable", "import", …). `reads`: how
    strictly the variables read in this scope are judged (AE2503): "error" in a function with a
    brace body, "warning" in other functions with parameter lists, None elsewhere."""

    def __init__(self, kind: str, parent: Optional["Scope"] = None, reads: Optional[str] = None) -> None:
        super().__init__()
        self.kind = kind
        self.parent = parent
        self.reads = reads

    def binds(self, name: str) -> bool:
        scope: Optional[Scope] = self
        while scope is not None:
            if name in scope:
                return True
            scope = scope.parent
        return False


_LEAVES = frozenset({A.Name, A.Literal, A.Str, A.Op})
Call = tuple[str, int, int, Optional[int], Scope]  # name, line, col, argument count, scope
Read = tuple[str, int, int, Scope]  # a variable read: name, line, col, scope
Place = tuple[int, int]  # line, col

_TEXT_LINES = frozenset({A.Command, A.Field, A.DashItem})
# The node types `ScopeWalk._visit` does something for (the walk skips the call for the others).
_VISITED = frozenset(
    {A.Call, A.CallPath, A.New, A.FunctionDef, A.Function, A.NamedBlock, A.Command, A.Let, A.Assign, A.Bind,
     A.Import, A.Handler, A.Comprehension, A.Field}
)
# The fields of each node type that hold expressions whose bare names are variable reads: not
# callees, dict keys, member names, keyword names, assignment targets or free-text words, and
# not the object of `a.b` / `a.f()`, which is often one the platform provides (`shelf.get(k)`).
_READ_FIELDS: dict[type, tuple[str, ...]] = {
    A.Let: ("value",),
    A.Assign: ("value",),
    A.Return: ("value",),
    A.Throw: ("value",),
    A.Branch: ("cond",),
    A.Call: ("args",),
    A.CallPath: ("args",),
    A.New: ("args",),
    A.Index: ("obj", "index"),
    A.Chain: ("parts",),
    A.Unary: ("operand",),
    A.Conditional: ("cond", "then", "other"),
    A.IfExpr: ("cond", "then", "other"),
    A.KeywordArg: ("value",),
    A.Comprehension: ("element", "iterable", "condition"),
    A.Pair: ("value",),
    A.Collection: ("items",),
    A.Function: ("body",),
    A.Match: ("subject",),
}


class ScopeWalk:
    """Walks a module once: `calls` (every bare-name call with its scope) and `hoisted` (the
    functions defined at module or plugin level)."""

    def __init__(self, module: A.Module) -> None:
        self.module_scope = Scope("module")
        self.calls: list[Call] = []
        self.reads: list[Read] = []  # only in scopes whose `reads` is set
        # names any part of the file may read without binding them in scope: bare assignments
        # anywhere (implicit globals), header and config keys, every function's name
        self.file_names: set[str] = set()
        self.hoisted: set[str] = set()
        self.duplicates: list[tuple[str, Place, Place]] = []  # name, where, first definition
        self.reserved: list[tuple[str, str, Place]] = []  # what it names, the word, where
        # every Call, CallPath, New and Command, and every Field, in walk order: what the rules that
        # judge what a file calls (the risk rules) read instead of walking the module again
        self.call_nodes: list[A.Node] = []
        self.fields: list[A.Field] = []
        # (id(scope), name) -> (the scope, kept alive so its id is never reused; definitions)
        self._defined: dict[tuple[int, str], tuple[Scope, list[Place]]] = {}
        self._not_calls: set[int] = set()  # ids of Call nodes that are headers, not calls
        self._free_text: set[int] = set()  # ids of Call nodes that are words of free text
        self._walk(module, _yaml_like(module))
        for (_, name), (_, places) in self._defined.items():
            first, *later = sorted(places)  # the walk does not visit in source order
            self.duplicates.extend((name, place, first) for place in later)

    def _walk(self, module: A.Module, yaml_like: bool) -> None:
        # `plain`: inside a value of a YAML-like spec, where plain strings do not interpolate;
        # `text`: inside the words of a free-text line, whose names are never variable reads
        stack: list[tuple[A.Node, Scope, bool, bool]] = [(module, self.module_scope, False, False)]
        pop, push = stack.pop, stack.append
        fields_of = A.child_fields
        while stack:
            node, scope, plain, text = pop()
            kind = type(node)
            inner = self._visit(node, scope) if kind in _VISITED else scope
            if inner.reads is not None and not text and kind in _READ_FIELDS:
                self._reads(node, _READ_FIELDS[kind], inner)
            if yaml_like and kind in (A.Field, A.DashItem):
                plain = True
            # a line of several words, a `key: value` or a `- item` is free text; a block under
            # it is code again
            words = text or kind in _TEXT_LINES and (kind is not A.Command or len(node.words) > 1)
            for name, is_list in fields_of(kind):
                value = getattr(node, name)
                if value is None:
                    continue
                for child in value if is_list else (value,):
                    child_kind = type(child)
                    if child_kind in _LEAVES:  # most nodes: nothing to bind, call or visit below
                        if child_kind is A.Str and "{" in child.text:
                            self._string(child, inner, plain)
                        continue
                    push((child, inner, plain, words and child_kind is not A.Block))

    def _visit(self, node: A.Node, scope: Scope) -> Scope:
        """Record what `node` binds or calls; the scope its children belong to."""
        kind = type(node)
        if kind is A.Call:
            self.call_nodes.append(node)
            self._call(node, scope)
        elif kind is A.New:
            self.call_nodes.append(node)
        elif kind is A.CallPath:
            self.call_nodes.append(node)
            if "/" not in node.path and "." not in node.path:
                self.calls.append((node.path, node.func_line, node.func_column, _argc(node.args), scope))
        elif kind is A.FunctionDef:
            self._definition(node, scope)
            inner = self._function(node.name, node.params, scope)
            if node.kind in SINGLE_DEFINITIONS:
                inner.reads = "error" if node.block is not None else "warning"
            return inner
        elif kind is A.Function:  # arrows and lambdas judge reads as the code around them does
            inner = Scope("function", scope, scope.reads or ("warning" if node.kind == "lambda" else None))
            return _bind_all(inner, node.params, "parameter")
        elif kind is A.NamedBlock:
            return self._named_block(node, scope)
        elif kind is A.Command:
            self.call_nodes.append(node)
            return self._command(node, scope)
        elif kind is A.Let:
            scope[node.name] = "variable"
            if node.name in RESERVED_WORDS:
                self.reserved.append(("variable", node.name, (node.line, node.column)))
        elif kind is A.Assign:
            target = node.target
            if type(target) is A.Name:
                scope[target.id] = "variable"
                self.file_names.add(target.id)
                if target.id in RESERVED_WORDS:
                    self.reserved.append(("variable", target.id, (target.line, target.column)))
        elif kind is A.Bind:
            scope[node.name] = "variable"
        elif kind is A.Import:
            if node.alias:
                scope[node.alias] = "import"
        elif kind is A.Handler:
            if type(node.binding) is A.Name:
                scope[node.binding.id] = "variable"
        elif kind is A.Comprehension:
            _bind_all(scope, node.targets, "variable")
        elif kind is A.Field:
            self.fields.append(node)
            self._field(node)
        return scope

    def _definition(self, node: A.FunctionDef, scope: Scope) -> None:
        place = (node.name_line, node.name_column)
        if node.name in RESERVED_WORDS:
            self.reserved.append(("function", node.name, place))
        for param in node.params:
            if param in RESERVED_WORDS:
                self.reserved.append(("parameter", param, place))
        if node.kind in SINGLE_DEFINITIONS:
            self._defined.setdefault((id(scope), node.name), (scope, []))[1].append(place)

    def _reads(self, node: A.Node, names: tuple[str, ...], scope: Scope) -> None:
        if type(node) is A.Assign and node.rest:
            return  # `x = analyze shelf "deep"`: a command phrase, not an expression
        for name in names:
            value = getattr(node, name)
            for item in value if type(value) is list else (value,):
                if type(item) is A.Name:
                    self.reads.append((item.id, item.line, item.column, scope))

    def _function(self, name: str, params: list[str], scope: Scope) -> Scope:
        scope[name] = "function"
        self.file_names.add(name)
        if scope.kind in ("module", "plugin"):
            self.hoisted.add(name)
        return _bind_all(Scope("function", scope), params, "parameter")

    def _call(self, node: A.Call, scope: Scope) -> None:
        func = node.func
        if type(func) is not A.Name or id(node) in self._not_calls or id(node) in self._free_text:
            return
        name = func.id
        if name.startswith("$") or name in KEYWORD_CALLS:
            return
        self.calls.append((name, func.line, func.column, _argc(node.args), scope))

    def _named_block(self, node: A.NamedBlock, scope: Scope) -> Scope:
        """`on_run { … }` (callable later as `on_run()`), `init() { … }`, `goal("x") { … }`."""
        lead = node.lead
        if type(lead) is A.Call:
            self._not_calls.add(id(lead))  # a header, not a call
            lead = lead.func
        if type(lead) is not A.Name or lead.id in KEYWORD_CALLS:
            return scope
        return self._function(lead.id, [], scope)

    def _command(self, node: A.Command, scope: Scope) -> Scope:
        words = node.words
        first = words[0] if words else None
        if type(first) is A.Call and type(first.func) is A.Name and first.func.id == "for":
            _bind_all(scope, _names(first.args), "variable")  # `for (k, c) in cups {`
        else:
            _bind_all(scope, _command_bindings(words), "variable")
        if type(first) is A.Name and first.id == "plugin" and node.block is not None:
            return Scope("plugin", scope)
        return scope

    def _field(self, node: A.Field) -> None:
        # `config: { max_spin: 40 }`, `state: {…}`, `description: "…"`: the plugin's globals
        if type(node.key) is A.Name:
            self.file_names.add(node.key.id)
        for value in node.value:
            if type(value) is A.Collection and value.kind == "dict":
                self.file_names.update(p.key.id for p in value.items if type(p) is A.Pair and type(p.key) is A.Name)
        # `goal: tidy the bench (quickly) priority: high`: in free text, a word followed by a
        # space and a parenthesis is not a call
        if len(node.value) > 1:
            for word in node.value:
                if type(word) is A.Call and _spaced(word):
                    self._free_text.add(id(word))

    def _string(self, node: A.Str, scope: Scope, plain: bool) -> None:
        """Which strings interpolate `{…}`: f-strings always; plain double-quoted strings except
        in the values of YAML-like specs; single-quoted and raw strings never."""
        text = node.text
        if text.startswith("'") or text[:1] in "rR" or (plain and not node.is_fstring):
            return
        for name, line, col in _interpolated_calls(node):
            self.calls.append((name, line, col, None, scope))


def _yaml_like(module: A.Module) -> bool:
    """A YAML-like spec: a top-level `key:` owning an indented body, or a top-level `- item`."""
    return any(type(n) is A.DashItem or (type(n) is A.Field and n.suite is not None) for n in module.body)


def _spaced(call: A.Call) -> bool:
    """`bench (quickly)`: a space between the name and its parenthesis."""
    func = call.func
    if call.args:
        return call.args[0].line == func.end_line and call.args[0].column > func.end_column + 1
    return call.end_line == func.end_line and call.end_column > func.end_column + 2


def _bind_all(scope: Scope, names, kind: str) -> Scope:
    for name in names:
        scope[name] = kind
    return scope


def _names(nodes: list[A.Node]) -> Iterator[str]:
    for node in nodes:
        if type(node) is A.Name:
            yield node.id


def _argc(args: list[A.Node]) -> Optional[int]:
    if any(isinstance(a, A.Unary) and a.op == "..." for a in args):
        return None  # a spread: the count is unknown
    return len(args)


def _interpolated_calls(node: A.Str) -> Iterator[tuple[str, int, int]]:
    """Bare calls inside `{…}` interpolations of a string (`"{fmt(x)}"`, f-strings, plain strings)."""
    text = node.text
    for interp in _INTERP_RE.finditer(text):
        body = interp.group(1)
        if body is None:
            continue  # `{{placeholder}}` / `{{` escape
        blanked = _QUOTED_RE.sub(lambda m: " " * len(m.group()), body)
        for call in _BARE_CALL_RE.finditer(blanked):
            offset = interp.start(1) + call.start(1)
            line = node.line + text.count("\n", 0, offset)
            line_start = text.rfind("\n", 0, offset)
            col = node.column + offset if line_start < 0 else offset - line_start
            yield call.group(1), line, col


def _command_bindings(words: list[A.Node]) -> Iterator[str]:
    """`for fn, n in pairs` / `for each x in xs` / `define x as …` bind the names before in/as."""
    if len(words) < 2 or not isinstance(words[0], A.Name) or words[0].id not in ("for", "define"):
        return
    for word in words[1:]:
        if isinstance(word, A.Name):
            if word.id in ("in", "as"):
                return
            if word.id != "each":
                yield word.id
        elif not (isinstance(word, A.Op) and word.text == ","):
            return
