"""Seeded defects in every valid sample are reported near the defect (tests/seeded_deletions.py):
a dropped closer within 2 lines in at least 90% of cases, an unterminated string or a stray
closer within 1 line in at least 95%, per dialect. The figures: tests/benchmarks/
bench_seeded_deletions.py."""

from __future__ import annotations

import pytest

from seeded_deletions import KINDS, outcomes, rates

TARGET = {"dropped closer": 0.90, "unterminated string": 0.95, "stray closer": 0.95}


@pytest.fixture(scope="module")
def table() -> dict:
    found = outcomes()
    assert all(o.reported_line is not None for o in found), "a seeded defect was accepted"
    return rates(found)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_defects_are_reported_near_where_they_are(table: dict, kind: str) -> None:
    dialects = sorted({d for d, k in table if k == kind})
    assert len(dialects) >= 6, dialects  # every dialect with such tokens took part
    for dialect in dialects:
        near, total = table[dialect, kind]
        assert near / total >= TARGET[kind], f"{dialect}: {near}/{total} {kind} reported nearby"
