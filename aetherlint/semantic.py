"""Validation rules AE25xx over the AST: unknown functions and built-in arity.

Pure: takes a Module and the set of configured extra built-ins, returns diagnostics in source
order. Never imports lark. Names resolve through scopes (scopes.py): a call is known when the
name is a built-in, configured, hoisted (a function defined at module or plugin level), or bound
in the scope of the call or an enclosing one.
"""

from __future__ import annotations

from typing import Iterable

from aetherlint.syntax import ast as A
from aetherlint.result import Diagnostic
from aetherlint.scopes import ScopeWalk as _ScopeWalk

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


def validate(module: A.Module, extra_builtins: Iterable[str] = ()) -> list[Diagnostic]:
    known = CORE_FUNCTIONS | LANGUAGE_CALLS | set(BUILTIN_ARITY) | set(extra_builtins)
    walk = _ScopeWalk(module)
    diagnostics = []
    for name, line, col, argc, scope in walk.calls:
        user_defined = name in walk.hoisted or scope.binds(name)  # shadows a built-in
        if user_defined or name in known:
            if name in BUILTIN_ARITY and argc is not None and not user_defined:
                low, high = BUILTIN_ARITY[name]
                if not low <= argc <= high:
                    diagnostics.append(Diagnostic("AE2502", line, col, _arity_message(name, low, high, argc)))
            continue
        diagnostics.append(Diagnostic("AE2501", line, col, f"unknown function '{name}'"))
    for what, word, (line, col) in walk.reserved:
        diagnostics.append(Diagnostic("AE2504", line, col, f"'{word}' is a reserved word and cannot name a {what}"))
    for name, (line, col), (first_line, first_col) in walk.duplicates:
        message = f"'{name}' is already defined at line {first_line}"
        related = ((first_line, first_col, f"first definition of '{name}'"),)
        diagnostics.append(Diagnostic("AE2506", line, col, message, related=related))
    diagnostics.sort(key=lambda d: (d.line, d.col))
    return diagnostics


def _arity_message(name: str, low: int, high: int, got: int) -> str:
    if low == high:
        wanted = f"{low} argument{'s' if low != 1 else ''}"
    else:
        wanted = f"{low} to {high} arguments"
    return f"'{name}' takes {wanted}, got {got}"
