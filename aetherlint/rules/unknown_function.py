"""AE2501 unknown-function: a bare-name call to a function that is not known."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules.base import Rule

if TYPE_CHECKING:  # the registry is imported on every run; the AST only when files are parsed
    from aetherlint.rules.context import Context

RULE = Rule(
    id="AE2501",
    name="unknown-function",
    code=25,
    phase="validate",
    summary="A bare-name call to a function that is not known.",
    explanation=(
        "What it finds: `f(x)` where `f` is not a built-in, not a function defined at module or "
        "plugin level (`fn`, `function`, `define`, `export`, `when f(...)`, `on_run { }`: "
        "hoisted, visible in the whole file), not bound in the scope of the call or an enclosing "
        "one (parameters, `let`, assignments, `for` targets, `except E as e`, `f() -> name`, "
        "`import ... as name`; a parameter of one function does not count in another), and not "
        "listed in `extend-builtins` under `[tool.aetherlint]` in pyproject.toml. Calls in "
        "arguments, conditions, dict values and `{f(x)}` interpolations of strings that "
        "interpolate (f-strings; plain double-quoted strings outside YAML-like values) are "
        "checked too. Method calls `a.b()` are not judged; language statements that look like "
        "calls (`remember(...)`, `recall(...)`, `print(...)`, `plugin(...)`, `goal(...) { }`), "
        "keywords (`typeof(x)`, `await (x)`, `super(x)`, `for (k, v) in`) and `word (text)` with "
        "a space in free text are not calls.\n"
        "Example:\n"
        "    crates = count_crates(shelf)\n"
        "Fix: define the function, call it through its module (`tools.count_crates(shelf)` after "
        '`import "tools" as tools`), or declare it:\n'
        "    [tool.aetherlint]\n"
        '    extend-builtins = ["count_crates"]'
    ),
)


def check(ctx: Context) -> Iterator[Diagnostic]:
    for name, line, col, _argc, scope in ctx.walk.calls:
        if name not in ctx.known and not ctx.user_defined(name, scope):
            yield RULE.diagnostic(line, col, f"unknown function '{name}'")
