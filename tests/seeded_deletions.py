"""Seeded defects in valid files, and how close to the defect aetherlint reports it.

Shared by `tests/test_seeded_deletions.py` (which asserts the targets) and
`tests/benchmarks/bench_seeded_deletions.py` (which prints the figures per dialect). Every
valid fixture and every construct case of a dialect is mutated one defect at a time:

* dropped closer: one `}`, `)` or `]` token deleted; target: reported within 2 lines of its line;
* unterminated string: the closing quote of a one-line string deleted; target: within 1 line;
* stray closer: one closer doubled; target: within 1 line.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from aetherlint.check import check_bytes
from aetherlint.syntax.lexer import LexError, scan
from aetherlint.source import decode

ROOT = Path(__file__).resolve().parent.parent
CONSTRUCT_DIALECTS = {"A": "brace", "B": "indent", "C": "intent", "D": "yaml", "E": "decl", "F": "dollar"}
KINDS = {"dropped closer": 2, "unterminated string": 1, "stray closer": 1}  # kind: allowed distance


@dataclass(frozen=True)
class Outcome:
    dialect: str
    file: str
    kind: str
    defect_line: int
    reported_line: int | None  # None: the mutated file was accepted

    @property
    def near(self) -> bool:
        return self.reported_line is not None and abs(self.reported_line - self.defect_line) <= KINDS[self.kind]


def corpus() -> Iterator[tuple[str, str, str]]:
    """(dialect, name, text) of every valid sample with a known dialect."""
    for path in sorted((ROOT / "fixtures" / "valid").glob("*/*.aether")):
        yield path.parent.name, f"fixtures/valid/{path.parent.name}/{path.name}", decode(path.read_bytes())
    for path in sorted((ROOT / "tests" / "cases" / "constructs").glob("*.aether")):
        dialect = CONSTRUCT_DIALECTS.get(path.name[0])
        if dialect:
            yield dialect, f"tests/cases/constructs/{path.name}", decode(path.read_bytes())


def mutants(text: str) -> Iterator[tuple[str, int, str]]:
    """(kind, line of the defect, mutated text)."""
    try:
        tokens = scan(text)
    except LexError:
        return
    for tok in tokens:
        if tok.kind == "OP" and tok.value in ")]}":
            yield "dropped closer", tok.line, text[: tok.pos] + text[tok.end_pos :]
            yield "stray closer", tok.line, text[: tok.end_pos] + tok.value + text[tok.end_pos :]
        elif tok.kind == "STRING" and tok.line == tok.end_line and len(tok.value) >= 2 and tok.value[-1] in "\"'":
            if tok.value.endswith('"""'):
                continue
            yield "unterminated string", tok.line, text[: tok.end_pos - 1] + text[tok.end_pos :]


def outcomes() -> list[Outcome]:
    found = []
    for dialect, name, text in corpus():
        if not check_bytes(text.encode("utf-8"), name).ok:
            continue  # only valid samples: a defect must be the only problem
        for kind, line, mutated in mutants(text):
            result = check_bytes(mutated.encode("utf-8"), name)
            reported = None if result.ok else result.first.line
            found.append(Outcome(dialect, name, kind, line, reported))
    return found


def rates(found: list[Outcome]) -> dict[tuple[str, str], tuple[int, int]]:
    """(dialect or "all", kind) -> (near, total)."""
    table: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for outcome in found:
        for key in ((outcome.dialect, outcome.kind), ("all", outcome.kind)):
            table[key][0] += outcome.near
            table[key][1] += 1
    return {key: (near, total) for key, (near, total) in table.items()}
