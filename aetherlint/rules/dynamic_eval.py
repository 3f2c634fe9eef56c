"""AE2802 dynamic-eval: a call that evaluates code built at run time (eval, exec, new Function)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules.base import risk_rule

if TYPE_CHECKING:  # the registry is imported on every run; the AST only when files are parsed
    from aetherlint.rules.context import Context

WEIGHT = 5  # what one finding adds to a file's risk score (the legacy scanner's weight)

RULE = risk_rule(
    "AE2802",
    "dynamic-eval",
    WEIGHT,
    summary="A call that evaluates code built at run time (eval, exec, new Function).",
    finds=(
        "`eval(x)`, `exec(x)`, `execfile(x)`, `Function(x)` and `new Function(x)`, "
        "`__import__(x)`, `import_module(x)`, `run_code`/`exec_code`/`eval_code`, methods of "
        "`vm`, and `builtins.eval`/`exec`/`compile`, `importlib.import_module`, `window.eval`. "
        "Code evaluated from a string can do anything the workflow may do, and no static check "
        "sees it."
    ),
    example="result = eval(user_formula)",
    fix="call the function you need directly; parse data with a parser, not `eval`.",
)


def check(ctx: Context) -> Iterator[Diagnostic]:
    yield from ctx.risk_diagnostics(RULE, "dynamic evaluation")
