"""Which rules a selector names: a rule id (`AE2501`), a rule name (`unknown-function`), a code
family prefix (`AE25`, `AE2`) or a structured code's name or number (`VALIDATION_ERROR`, `25`).
The one vocabulary of --select/--ignore/--extend-select, per-file overrides and inline
suppressions."""

from __future__ import annotations

from typing import Iterable

from aetherlint.codes import CODE_BY_NAME
from aetherlint.rules import DEFAULT_SELECTED, RULE_BY_NAME, RULES

# Rules that selection never hides: without them a file that cannot be read or parsed, or that
# crashed aetherlint, would pass unseen (as ruff always reports syntax errors).
ALWAYS_REPORTED_PHASES = frozenset({"read", "parse", "any"})


def resolve(selector: str) -> frozenset[str]:
    """The rule ids `selector` names; ValueError (with the closest valid names) if none."""
    key = selector.strip()
    upper = key.upper()
    if upper in RULES:
        return frozenset({upper})
    if key.lower() in RULE_BY_NAME:
        return frozenset({RULE_BY_NAME[key.lower()].id})
    if upper in CODE_BY_NAME or key.isdigit():
        number = CODE_BY_NAME[upper].number if upper in CODE_BY_NAME else int(key)
        ids = frozenset(r.id for r in RULES.values() if r.code == number)
    else:
        ids = frozenset(r for r in RULES if len(upper) >= 3 and upper.startswith("AE") and r.startswith(upper))
    if not ids:
        import difflib

        close = difflib.get_close_matches(key, [*RULES, *RULE_BY_NAME], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"unknown rule or code {selector!r}{hint}")
    return ids


def resolve_all(selectors: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for selector in selectors:
        out |= resolve(selector)
    return frozenset(out)


def selected(select: Iterable[str] | None, extend: Iterable[str], ignore: Iterable[str]) -> frozenset[str]:
    """The rules that report: `select` (default: every rule that is on by default) plus `extend`,
    minus `ignore`; the rules of ALWAYS_REPORTED_PHASES whatever is asked."""
    chosen = resolve_all(select) if select is not None else DEFAULT_SELECTED
    chosen = (chosen | resolve_all(extend)) - resolve_all(ignore)
    return chosen | {r.id for r in RULES.values() if r.phase in ALWAYS_REPORTED_PHASES}
