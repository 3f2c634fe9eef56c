"""The rule registry: every rule aetherlint reports, one module each, in documentation order.

A rule module holds `RULE` (id, name, structured code, phase, documentation) and, for the rules
that run on the AST, `check(ctx)` yielding diagnostics. Parse, read and run rules are found by
the parser, the reader and the runner; their documentation lives here all the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator

from aetherlint.codes import CODE_BY_NAME, CODES, Code
from aetherlint.rules import (
    bad_dedent,
    builtin_arity,
    duplicate_definition,
    dynamic_eval,
    file_too_large,
    file_write,
    generic_failure,
    hardcoded_secret,
    internal_error,
    invalid_utf8,
    nesting_too_deep,
    network_call,
    not_a_regular_file,
    nul_byte,
    parse_error,
    reserved_keyword,
    runtime_error,
    shell_exec,
    shell_script,
    signature_invalid,
    signature_missing,
    timeout,
    unbalanced_bracket,
    undefined_name,
    unexpected_character,
    unknown_function,
    unreadable_directory,
    unreadable_file,
    unterminated_string,
    unused_suppression,
)
from aetherlint.rules.base import Rule
if TYPE_CHECKING:  # imported on every run; the AST only once a file is parsed
    from aetherlint.rules.context import Context

_MODULES = (
    parse_error,
    unexpected_character,
    unterminated_string,
    unbalanced_bracket,
    nesting_too_deep,
    bad_dedent,
    runtime_error,
    signature_missing,
    signature_invalid,
    timeout,
    shell_script,
    unknown_function,
    builtin_arity,
    undefined_name,
    reserved_keyword,
    duplicate_definition,
    hardcoded_secret,
    dynamic_eval,
    network_call,
    shell_exec,
    file_write,
    unreadable_file,
    nul_byte,
    invalid_utf8,
    not_a_regular_file,
    file_too_large,
    unreadable_directory,
    generic_failure,
    internal_error,
    unused_suppression,
)

RULES: dict[str, Rule] = {m.RULE.id: m.RULE for m in _MODULES}
RULE_BY_NAME: dict[str, Rule] = {m.RULE.name: m.RULE for m in _MODULES}
# What reports when no selection is given (the others, such as the risk rules, when asked for).
DEFAULT_SELECTED: frozenset[str] = frozenset(r.id for r in RULES.values() if r.default)


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]


AST_CHECKS: tuple[Callable[[Context], Iterator], ...] = tuple(m.check for m in _MODULES if hasattr(m, "check"))


def lookup(key: str) -> Code | Rule | None:
    """Find a code or rule by number (`20`), name (`PARSE_ERROR`), rule id or rule name."""
    key = key.strip()
    if key.isdigit():
        return CODES.get(int(key))
    upper = key.upper()
    return RULES.get(upper) or CODE_BY_NAME.get(upper) or RULE_BY_NAME.get(key.lower())


def explain_text(entry: Code | Rule) -> str:
    if isinstance(entry, Code):
        rules = [r for r in RULES.values() if r.code == entry.number]
        lines = [f"{entry.number} {entry.name}: {entry.summary}", "", entry.explanation]
        if rules:
            lines += ["", "Rules:"] + [f"  {r.id} {r.name}: {r.summary}" for r in rules]
        return "\n".join(lines)
    code = CODES[entry.code]
    head = f"{entry.id} {entry.name} ({code.number} {code.name}, default severity {entry.severity}): {entry.summary}"
    off = [] if entry.default else ["", f"Off unless selected: `--extend-select {entry.id}` (or `{entry.id[:4]}` for its family)."]
    return "\n".join([head, "", entry.explanation, *off])
