"""Every construct of the language document and every pitfall parses; malformed files fail at the
right line and column (tests/cases/, see its README)."""

from __future__ import annotations

import json

import pytest

from aetherlint.check import check_path
from conftest import CASES

CONSTRUCTS = sorted((CASES / "constructs").glob("*.aether"))
PITFALLS = sorted((CASES / "pitfalls").glob("*.aether"))
INVALID = json.loads((CASES / "invalid" / "expected.json").read_text(encoding="utf-8"))


def _is_shell(path) -> bool:
    return path.name.startswith("G") or "shell" in path.name


@pytest.mark.parametrize("path", CONSTRUCTS + PITFALLS, ids=lambda p: p.name)
def test_construct_is_accepted(path) -> None:
    result = check_path(path, path.name)
    if _is_shell(path):
        assert result.code_name == "UNSUPPORTED_FEATURE", result.first
        assert "is not Aether" in result.first.message
    else:
        # parse must succeed; validation findings (e.g. an arity slip in a sample) are not the point
        assert result.phase == "validate", result.first


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
