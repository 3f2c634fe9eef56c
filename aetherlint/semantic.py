"""Validation rules AE25xx over the AST: unknown functions and built-in arity.

Pure: takes a Module and the set of configured extra built-ins, returns diagnostics in source
order. Never imports lark.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Iterator

from aetherlint.syntax import ast as A
from aetherlint.result import Diagnostic

# The interpreter's built-ins and their arities as (minimum, maximum) argument counts.
BUILTIN_ARITY: dict[str, tuple[int, int]] = {
    "reflect": (0, 0),
    "summarize": (0, 1),
    "load_logs": (0, 0),
    "store": (1, 2),
    "detect_anomalies": (0, 0),
    "escalate_to": (1, 1),
    "run_plugin": (1, 1),
    "evaluate_confidence": (1, 1),
    "self_heal": (0, 0),
    "narrate": (0, 0),
    "load_feature_index": (0, 0),
    "available_plugins": (0, 0),
    "check_confidence": (1, 1),
}
# Core helpers the language document shows in use: Python-isms in the indent dialect (`len()`,
# `str()`, generator arguments to `sum()`, `sorted`, `min`/`max`), conversions, and `now()`
# timestamps. Any arity.
CORE_FUNCTIONS = frozenset(
    "len str int float bool list dict sum min max abs round range sorted enumerate zip any all now".split()
)
# Statements that look like calls (pitfalls 12, 13, 19): never unknown functions.
LANGUAGE_CALLS = frozenset({"remember", "recall", "print", "plugin", "goal"})

_INTERP_RE = re.compile(r"\{\{.*?\}\}|\{([^{}]*)\}")
_BARE_CALL_RE = re.compile(r"(?<![\w.$])([A-Za-z_]\w*)\s*\(")
_QUOTED_RE = re.compile(r"'[^']*'|\"[^\"]*\"")


def validate(module: A.Module, extra_builtins: Iterable[str] = ()) -> list[Diagnostic]:
    by_type: dict[type, list] = defaultdict(list)
    for node in A.walk(module):
        by_type[type(node)].append(node)
    known = CORE_FUNCTIONS | LANGUAGE_CALLS | set(BUILTIN_ARITY) | set(extra_builtins) | _bound_names(by_type)
    exempt = {id(n.lead) for n in by_type[A.NamedBlock]}  # `init() { }`, `goal("x") { }`
    diagnostics = []
    for name, line, col, argc in _calls(by_type, exempt):
        if name not in known:
            diagnostics.append(Diagnostic("AE2501", line, col, f"unknown function '{name}'"))
        elif name in BUILTIN_ARITY and argc is not None:
            low, high = BUILTIN_ARITY[name]
            if not low <= argc <= high:
                diagnostics.append(Diagnostic("AE2502", line, col, _arity_message(name, low, high, argc)))
    diagnostics.sort(key=lambda d: (d.line, d.col))
    return diagnostics


def _arity_message(name: str, low: int, high: int, got: int) -> str:
    if low == high:
        wanted = f"{low} argument{'s' if low != 1 else ''}"
    else:
        wanted = f"{low} to {high} arguments"
    return f"'{name}' takes {wanted}, got {got}"


def _calls(by_type: dict[type, list], exempt: set[int]) -> Iterator[tuple[str, int, int, int | None]]:
    """(name, line, col, argument count or None) for every bare-name call, in any position."""
    for node in by_type[A.Call]:
        func = node.func
        if type(func) is A.Name and id(node) not in exempt and not func.id.startswith("$"):
            yield func.id, func.line, func.column, _argc(node.args)
    for node in by_type[A.CallPath]:
        if "/" not in node.path and "." not in node.path:
            yield node.path, node.func_line, node.func_column, _argc(node.args)
    for node in by_type[A.Str]:
        if "{" in node.text:
            yield from _interpolated_calls(node)


def _argc(args: list[A.Node]) -> int | None:
    if any(isinstance(a, A.Unary) and a.op == "..." for a in args):
        return None  # a spread: the count is unknown
    return len(args)


def _interpolated_calls(node: A.Str) -> Iterator[tuple[str, int, int, None]]:
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
            yield call.group(1), line, col, None


def _bound_names(by_type: dict[type, list]) -> set[str]:
    """Names defined as functions, or bound as variables/parameters (a callable value is fine)."""
    names: set[str] = set()
    for node in by_type[A.FunctionDef]:
        names.add(node.name)
        names.update(node.params)
    for node in by_type[A.Function]:
        names.update(node.params)
    names.update(node.name for node in by_type[A.Let])
    names.update(node.target.id for node in by_type[A.Assign] if type(node.target) is A.Name)
    for node in by_type[A.Comprehension]:
        names.update(node.targets)
    names.update(n.binding.id for n in by_type[A.Handler] if type(n.binding) is A.Name)
    for node in by_type[A.Command]:
        names.update(_command_bindings(node.words))
    return names


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
