"""AE2503 undefined-name: a variable read inside a function that nothing binds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules.base import Rule

if TYPE_CHECKING:  # the registry is imported on every run; the AST only when files are parsed
    from aetherlint.rules.context import Context

# What the interpreter and the JavaScript and Python habits of the dialects provide without a
# binding in the file: platform objects, literal-like words, the running plugin itself.
PLATFORM_NAMES = frozenset(
    """memory context system agent plugin config state this self input event env args kwargs
    options params logger console window document process arguments super undefined null none
    nil true false nan infinity""".split()
)

RULE = Rule(
    id="AE2503",
    name="undefined-name",
    code=25,
    phase="validate",
    severity="error",
    summary="A function reads a variable that no scope binds.",
    explanation=(
        "What it finds: inside a function with a parameter list (`fn`, `function`, `define`, "
        "`export`, arrows, lambdas, anonymous functions), a bare name read as a value (in an "
        "assignment's value, `let`, `return`, `throw`, a condition, a call argument, an "
        "operand, an index or indexed value, a list or a dict value) that is bound neither "
        "in the function nor in an enclosing scope (parameters, `let`, assignments, `for` "
        "targets, `except E as e`, `catch (e)`, `f() -> name`, `import … as name`, module and "
        "plugin level bindings), nor anywhere in the file as a possible global.\n"
        "Severity: an error in functions with a brace body (`fn f(x) { … }`), where the brace "
        "dialect declares what it uses; a warning in colon and `end` functions (`function "
        "f(x):`, `define f()` … `end`), whose dialects allow implicit globals. Warnings are "
        "shown and counted but do not fail the file.\n"
        "What it deliberately ignores, so that it reports only real mistakes: code outside "
        "functions and in `when`/`on` handlers and lifecycle blocks (free text and implicit "
        "state are the norm there); words of free-text lines (commands such as `log x`, "
        "`for x in xs {`, `while n < 5 {`); callees (AE2501 judges them), dict keys, member "
        "names after `.` and the objects before it (`shelf.get(k)`, `bins.push(w)`: often objects "
        "the platform provides), keyword-argument names; `{…}` interpolations inside strings; names "
        "assigned anywhere in the file (`x = …` may create a global), header fields and keys "
        "of `config:`/`state:` dicts, every function's name, built-ins and `extend-builtins`; "
        "capitalised names (`Date`, `Math`, `Exception`), `$names`, names starting with `_`, "
        "and the platform's objects (" + ", ".join(sorted(PLATFORM_NAMES)) + ").\n"
        "Example:\n    fn spin(w) {\n        return wheel.speed * w\n    }\n"
        "Fix: bind the name (a parameter, `let wheel = …`), correct its spelling, or, for a "
        'global the interpreter provides, declare it:\n    [tool.aetherlint]\n    extend-builtins = ["wheel"]'
    ),
)


def check(ctx: Context) -> Iterator[Diagnostic]:
    walk = ctx.walk
    for name, line, col, scope in walk.reads:
        if scope.binds(name) or _provided(name, ctx):
            continue
        yield RULE.diagnostic(line, col, f"undefined name '{name}'", end_col=col + len(name), end_line=line, severity=scope.reads)


def _provided(name: str, ctx: Context) -> bool:
    first = name[0]
    return (
        first.isupper()
        or first in "$_"
        or name.lower() in PLATFORM_NAMES
        or name in ctx.known
        or name in ctx.walk.file_names
        or name in ctx.walk.hoisted
    )
