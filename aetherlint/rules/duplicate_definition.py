"""AE2506 duplicate-definition: a function is defined twice in one scope."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules.base import Rule

if TYPE_CHECKING:  # the registry is imported on every run; the AST only when files are parsed
    from aetherlint.rules.context import Context

RULE = Rule(
    id="AE2506",
    name="duplicate-definition",
    code=25,
    phase="validate",
    summary="A function is defined twice in one scope.",
    explanation=(
        "What it finds: a second `fn`, `function`, `define` or `export` definition of a name "
        "already defined in the same scope (the module, a plugin or a function). The second one "
        "is reported, with the first as a related location: only one of them can run. Event "
        "handlers (`when x:`, `on_run { }`) may be given more than once and are not reported.\n"
        "Example:\n"
        "    fn pour() { log 1 }\n"
        "    fn pour() { log 2 }\n"
        "Fix: remove one definition or rename it."
    ),
)


def check(ctx: Context) -> Iterator[Diagnostic]:
    for name, (line, col), (first_line, first_col) in ctx.walk.duplicates:
        related = ((first_line, first_col, f"first definition of '{name}'"),)
        yield RULE.diagnostic(line, col, f"'{name}' is already defined at line {first_line}", related=related)
