"""Every construct of the language document and every pitfall parses; malformed files fail at the
right line and column; the tree of each shape case is the one its `# ast:` line gives
(tests/cases/, see its README)."""

from __future__ import annotations

import json
import re

import pytest

from aetherlint.check import check_path
from aetherlint.syntax.parser import parse
from aetherlint.source import decode
from ast_outline import outline
from conftest import CASES

CONSTRUCTS = sorted((CASES / "constructs").glob("*.aether"))
PITFALLS = sorted((CASES / "pitfalls").glob("*.aether"))
SHAPES = sorted((CASES / "ast").glob("*.aether"))
INVALID = json.loads((CASES / "invalid" / "expected.json").read_text(encoding="utf-8"))
_EXPECT_RE = re.compile(r"^(?:#|//) expect: (.+)$", re.MULTILINE)


def _is_shell(path) -> bool:
    return path.name.startswith("G") or "shell" in path.name


def _listed_rules(path) -> list[str]:
    """Rules a valid case documents with `# expect: AE2502, …` (none, so far)."""
    found = _EXPECT_RE.search(path.read_text(encoding="utf-8"))
    return sorted(r.strip() for r in found.group(1).split(",")) if found else []


@pytest.mark.parametrize("path", CONSTRUCTS + PITFALLS + SHAPES, ids=lambda p: p.name)
def test_construct_is_accepted(path) -> None:
    result = check_path(path, path.name)
    if _is_shell(path):
        assert result.code_name == "UNSUPPORTED_FEATURE", result.first
        assert "is not Aether" in result.first.message
    else:
        # a valid case gets exactly the diagnostics it lists: no parse error, no stray finding
        assert sorted(d.rule for d in result.diagnostics) == _listed_rules(path), result.diagnostics


@pytest.mark.parametrize("path", SHAPES, ids=lambda p: p.name)
def test_case_has_its_tree(path) -> None:
    text = decode(path.read_bytes())
    expected = re.search(r"^# ast: (.+)$", text, re.MULTILINE).group(1)
    assert outline(parse(text)) == expected


def test_every_construct_id_has_a_case() -> None:
    ids = {p.name.split("_")[0] for p in CONSTRUCTS}
    expected = (
        {f"A{n:02d}" for n in range(1, 31)}
        | {f"B{n:02d}" for n in range(1, 31)}
        | {f"C{n:02d}" for n in range(1, 33)}
        | {f"D{n:02d}" for n in range(1, 16)}
        | {f"E{n:02d}" for n in range(1, 10)}
    )
    assert expected <= ids


def test_every_pitfall_has_a_case() -> None:
    numbers = {int(p.name[1:3]) for p in PITFALLS}
    assert numbers >= set(range(1, 25))  # pitfall 25 (the malformed file) is in invalid/


@pytest.mark.parametrize("name", sorted(INVALID), ids=str)
def test_malformed_file_fails_at_position(name: str) -> None:
    expected = INVALID[name]
    result = check_path(CASES / "invalid" / name, name)
    assert result.code_name == "PARSE_ERROR", result
    assert (result.first.line, result.first.col) == (expected["line"], expected["col"]), result.first.message
