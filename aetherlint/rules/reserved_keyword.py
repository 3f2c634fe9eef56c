"""AE2504 reserved-keyword: a reserved word names a function, parameter or variable."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules.base import Rule

if TYPE_CHECKING:  # the registry is imported on every run; the AST only when files are parsed
    from aetherlint.rules.context import Context

RULE = Rule(
    id="AE2504",
    name="reserved-keyword",
    code=25,
    phase="validate",
    summary="A reserved word names a function, parameter or variable.",
    explanation=(
        "What it finds: `fn end()`, `fn f(if)`, `let if = 3`, `while = 2`: a word the language "
        "uses for its own statements (if else elif for while return end function define let try "
        "catch finally except throw lambda and or not in is) used as a name. The interpreter "
        "cannot call or read such a name. Keywords that real workflows also use as identifiers "
        "(`fn` as a parameter, `match`, `call`, `new`, `import`, `default`, `case`) are not "
        "reported.\n"
        "Example:\n"
        "    let if = 3\n"
        "Fix: rename it:\n"
        "    let threshold = 3"
    ),
)


def check(ctx: Context) -> Iterator[Diagnostic]:
    for what, word, (line, col) in ctx.walk.reserved:
        yield RULE.diagnostic(line, col, f"'{word}' is a reserved word and cannot name a {what}")
