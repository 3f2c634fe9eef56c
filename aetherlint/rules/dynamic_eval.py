"""AE2802 dynamic-eval: A call that evaluates code built at run time (eval, exec, new Function)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules.base import Rule

if TYPE_CHECKING:  # the registry is imported on every run; the AST only when files are parsed
    from aetherlint.rules.context import Context

WEIGHT = 5  # what one finding adds to a file's risk score (the legacy scanner's weight)

RULE = Rule(
    id="AE2802",
    name="dynamic-eval",
    code=25,
    phase="validate",
    severity="info",
    default=False,
    summary="A call that evaluates code built at run time (eval, exec, new Function).",
    explanation=(
        "What it finds: `eval(x)`, `exec(x)`, `execfile(x)`, `Function(x)` and `new Function(x)`, "
        "`__import__(x)`, `import_module(x)`, `run_code`/`exec_code`/`eval_code`, methods of "
        "`vm`, and `builtins.eval`/`exec`/`compile`, `importlib.import_module`, "
        "`window.eval`. Code evaluated from a string can do anything the workflow may do, and no "
        "static check sees it. Weight 5.\n"
        "A risk finding (AE28xx, counted under 25 VALIDATION_ERROR: the file parses and this is "
        "about what it does; 22 SIGNATURE_ERROR is for signatures): info, and off unless "
        "selected (`--extend-select AE28`), so it never fails a file by itself; `aetherlint "
        "risk` lists every risk finding with its weight and fails above a score "
        "(`--fail-above N`). Only calls count: text in strings, comments and descriptive "
        "fields (`description:`, `goal:`, `summary:`...) never does, and a function the file "
        "defines itself (`fn fetch(x) { }`) is not judged by its name.\n"
        "Example:\n    result = eval(user_formula)\n"
        "Fix: call the function you need directly; parse data with a parser, not `eval`."
    ),
)


def check(ctx: Context) -> Iterator[Diagnostic]:
    yield from ctx.risk_diagnostics(RULE, "dynamic evaluation")
