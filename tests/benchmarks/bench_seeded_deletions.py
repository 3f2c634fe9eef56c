"""How close to a seeded defect aetherlint reports it, per dialect (tests/seeded_deletions.py).

Usage: python tests/benchmarks/bench_seeded_deletions.py [--misses]

Prints, per dialect and kind of defect, how many mutants were reported within the allowed
distance (2 lines for a dropped closer, 1 for an unterminated string or a stray closer).
--misses lists the mutants reported further away. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from seeded_deletions import KINDS, outcomes, rates  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the mutants reported too far away")
    args = parser.parse_args()
    found = outcomes()
    table = rates(found)
    dialects = sorted({d for d, _ in table} - {"all"}) + ["all"]
    print(f"{'dialect':<12}" + "".join(f"{k:>26}" for k in KINDS))
    for dialect in dialects:
        cells = []
        for kind in KINDS:
            near, total = table.get((dialect, kind), (0, 0))
            cells.append(f"{near}/{total} ({100 * near / total:.1f}%)" if total else "-")
        print(f"{dialect:<12}" + "".join(f"{c:>26}" for c in cells))
    if args.misses:
        for o in found:
            if not o.near:
                print(f"{o.file}: {o.kind} at line {o.defect_line}, reported at line {o.reported_line}")


if __name__ == "__main__":
    main()
