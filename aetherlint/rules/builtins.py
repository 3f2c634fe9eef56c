"""The names every file may call without defining them: the interpreter's built-ins (with their
arities), core helpers, and statements that look like calls."""

from __future__ import annotations

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
