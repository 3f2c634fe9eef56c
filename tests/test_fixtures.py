"""fixtures/manifest.json states each bundled file's expected result; check it."""

from __future__ import annotations

import json

import pytest

from aetherlint.check import check_path
from conftest import FIXTURES

MANIFEST = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))["fixtures"]


def test_manifest_lists_every_fixture() -> None:
    on_disk = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*.aether")}
    assert on_disk == {entry["path"] for entry in MANIFEST}


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda e: e["path"])
def test_fixture_result(entry: dict) -> None:
    result = check_path(FIXTURES / entry["path"], entry["path"])
    expect = entry["expect"]
    assert result.code_name == expect["code_name"], result.first
    if "line" in expect:
        assert (result.first.line, result.first.col) == (expect["line"], expect["col"])


@pytest.mark.parametrize(
    "entry", [e for e in MANIFEST if e["path"].startswith("valid/") and e["dialect"] != "mixed"], ids=lambda e: e["path"]
)
def test_dialect_detection_follows_the_language_document(entry: dict) -> None:
    from aetherlint.syntax.dialect import detect
    from aetherlint.source import decode

    text = decode((FIXTURES / entry["path"]).read_bytes())
    assert detect(text) == entry["dialect"]
