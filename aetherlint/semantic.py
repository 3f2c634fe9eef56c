"""Validation: every AST rule of the registry over one module.

Pure: takes a Module and the configured extra built-ins, returns diagnostics in source order.
Never imports lark. The scopes are walked once and shared by the rules (rules/context.py).
"""

from __future__ import annotations

from typing import Iterable, Optional

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules import AST_CHECKS
from aetherlint.rules.context import Context
from aetherlint.syntax import ast as A


def validate(module: A.Module, extra_builtins: Iterable[str] = (), text: Optional[str] = None) -> list[Diagnostic]:
    """`text`: the source of `module`, when known (some rules search it before walking the AST)."""
    ctx = Context.of(module, extra_builtins, text)
    diagnostics = [d for check in AST_CHECKS for d in check(ctx)]
    diagnostics.sort(key=lambda d: (d.line, d.col))
    return diagnostics
