"""`aetherlint explain` documents every code (codes.py) and rule (the registry in aetherlint/rules/)."""

from __future__ import annotations

import pytest

from aetherlint.codes import CODES
from aetherlint.rules import RULES

STABLE = {0: "SUCCESS", 1: "GENERIC_FAILURE", 20: "PARSE_ERROR", 21: "RUNTIME_ERROR", 22: "SIGNATURE_ERROR",
          23: "TIMEOUT_ERROR", 24: "UNSUPPORTED_FEATURE", 25: "VALIDATION_ERROR", 26: "IO_ERROR", 27: "INTERNAL_ERROR"}


def test_structured_codes_are_stable() -> None:
    assert {n: c.name for n, c in CODES.items()} == STABLE


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_is_documented_and_explained(run, rule: str) -> None:
    entry = RULES[rule]
    # AE28xx (security) and AE29xx (about suppressions) are counted under VALIDATION_ERROR; every
    # other id holds its code
    assert rule[2:4] == f"{entry.code:02d}" or (rule[:4] in ("AE28", "AE29") and entry.code == 25)
    assert entry.code in CODES
    assert "Fix" in entry.explanation
    code, out, _ = run("explain", rule)
    assert code == 0
    assert out.startswith(f"{rule} {entry.name} ({entry.code} {CODES[entry.code].name}, default severity {entry.severity}):")


@pytest.mark.parametrize("key", ["20", "PARSE_ERROR", "parse_error"])
def test_codes_by_number_or_name(run, key: str) -> None:
    code, out, _ = run("explain", key)
    assert code == 0
    assert out.startswith("20 PARSE_ERROR:") and "AE2001 parse-error" in out


def test_rule_by_name(run) -> None:
    assert run("explain", "unknown-function")[1].startswith("AE2501 unknown-function")


def test_unknown_key_is_usage_error(run) -> None:
    code, _, err = run("explain", "AE9999")
    assert code == 2
    assert "unknown code, rule or transform 'AE9999'" in err


def test_all(run) -> None:
    code, out, _ = run("explain", "--all")
    assert code == 0
    assert all(rule in out for rule in RULES)
