"""One rule, one module: every module of aetherlint/rules/ is registered under its own name, and
the AST rules are exactly the ones with a check."""

from __future__ import annotations

import importlib
from pathlib import Path

import aetherlint.rules as registry

SUPPORT = {"__init__", "base", "context", "builtins", "selectors"}
RULE_MODULES = sorted(p.stem for p in Path(registry.__file__).parent.glob("*.py") if p.stem not in SUPPORT)


def test_every_rule_module_is_registered_under_its_name() -> None:
    assert len(RULE_MODULES) == len(registry.RULES)
    for name in RULE_MODULES:
        rule = importlib.import_module(f"aetherlint.rules.{name}").RULE
        assert rule.name == name.replace("_", "-") and registry.RULES[rule.id] is rule


def test_validate_rules_have_a_check_and_no_other_does() -> None:
    for name in RULE_MODULES:
        module = importlib.import_module(f"aetherlint.rules.{name}")
        assert hasattr(module, "check") == (module.RULE.phase == "validate"), name
    assert len(registry.AST_CHECKS) == sum(r.phase == "validate" for r in registry.RULES.values())
