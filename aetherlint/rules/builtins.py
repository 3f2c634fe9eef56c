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
# What an editor shows on hover: each built-in's parameters (`?`: optional) and what it does.
BUILTIN_DOCS: dict[str, tuple[str, str]] = {
    "reflect": ("", "The agent reflects on what it did recently."),
    "summarize": ("target?", "A summary of the target, or of recent memory without one."),
    "load_logs": ("", "Loads the interpreter's logs."),
    "store": ("data, tag?", "Stores data in memory, under a tag if one is given."),
    "detect_anomalies": ("", "Looks for anomalies in recent data."),
    "escalate_to": ("agent", "Hands the matter to another agent or a person."),
    "run_plugin": ("name", "Runs the plugin of that name."),
    "evaluate_confidence": ("target", "How confident the agent is in the target."),
    "self_heal": ("", "Tries to repair what is failing."),
    "narrate": ("", "Describes what the agent is doing."),
    "load_feature_index": ("", "Loads the index of the platform's features."),
    "available_plugins": ("", "The plugins that can be run."),
    "check_confidence": ("plugin", "The confidence level of a plugin."),
}
# Core helpers the language document shows in use: Python-isms in the indent dialect (`len()`,
# `str()`, generator arguments to `sum()`, `sorted`, `min`/`max`), conversions, and `now()`
# timestamps. Any arity.
CORE_FUNCTIONS = frozenset(
    "len str int float bool list dict sum min max abs round range sorted enumerate zip any all now".split()
)
# Statements that look like calls (pitfalls 12, 13, 19): never unknown functions.
LANGUAGE_CALLS = frozenset({"remember", "recall", "print", "plugin", "goal"})
