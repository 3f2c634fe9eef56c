"""AE2502 builtin-arity: a built-in function is called with the wrong number of arguments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules.base import Rule
from aetherlint.rules.builtins import BUILTIN_ARITY

if TYPE_CHECKING:  # the registry is imported on every run; the AST only when files are parsed
    from aetherlint.rules.context import Context

RULE = Rule(
    id="AE2502",
    name="builtin-arity",
    code=25,
    phase="validate",
    summary="A built-in function is called with the wrong number of arguments.",
    explanation=(
        "What it finds: calls to the interpreter's built-ins with too few or too many arguments. "
        "Arities: reflect(), summarize(target?), load_logs(), store(data, tag?), "
        "detect_anomalies(), escalate_to(agent), run_plugin(name), evaluate_confidence(target), "
        "self_heal(), narrate(), load_feature_index(), available_plugins(), "
        "check_confidence(plugin).\n"
        "Example:\n"
        "    escalate_to()\n"
        "Fix:\n"
        '    escalate_to("night_shift")'
    ),
)


def check(ctx: Context) -> Iterator[Diagnostic]:
    for name, line, col, argc, scope in ctx.walk.calls:
        if name in BUILTIN_ARITY and argc is not None and not ctx.user_defined(name, scope):
            low, high = BUILTIN_ARITY[name]
            if not low <= argc <= high:
                yield RULE.diagnostic(line, col, _message(name, low, high, argc))


def _message(name: str, low: int, high: int, got: int) -> str:
    if low == high:
        wanted = f"{low} argument{'s' if low != 1 else ''}"
    else:
        wanted = f"{low} to {high} arguments"
    return f"'{name}' takes {wanted}, got {got}"
