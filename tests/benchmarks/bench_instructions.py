"""Instruction counts of `check_bytes` over a corpus, for before/after comparisons on noisy machines.

Usage: python tests/benchmarks/bench_instructions.py [CORPUS] [--baseline CHECKOUT]

Runs, under `valgrind --tool=callgrind`, one process that loads the parser tables and reads every
`*.aether` file of CORPUS (default: fixtures/ and tests/cases/ of this checkout), and one that
also checks each file once; the difference is the instructions spent checking. With --baseline
(another checkout of aetherlint, e.g. `git worktree add /tmp/old <commit>`), the same is measured
with that code and the ratio printed. Wall time on shared two-core VMs varies by 30% from run to
run; instruction counts by well under 1%. Needs valgrind (Linux); prints why and exits 2 if it is
missing. Stdlib only. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
_DRIVER = '''
import pathlib, sys
from aetherlint.check import check_bytes
from aetherlint.syntax.parser import _get_parser
_get_parser()
files = sorted(p for root in sys.argv[2:] for p in pathlib.Path(root).rglob("*.aether"))
data = [(p.read_bytes(), str(p)) for p in files]
if sys.argv[1] == "check":
    for d, p in data:
        check_bytes(d, p)
'''


def instructions(checkout: Path, mode: str, corpus: list[str]) -> int:
    proc = _drive(checkout, mode, corpus, ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"])
    return int(re.search(r"Collected : (\d+)", proc.stderr).group(1))


def cost(checkout: Path, corpus: list[str]) -> int:
    # one untimed run first: bytecode compiled on first import (and written to __pycache__) must
    # be counted in neither measurement
    _drive(checkout, "check", corpus, [])
    return instructions(checkout, "check", corpus) - instructions(checkout, "none", corpus)


def _drive(checkout: Path, mode: str, corpus: list[str], prefix: list[str]) -> subprocess.CompletedProcess[str]:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as driver:
        driver.write(_DRIVER)
    # a fixed hash seed: set and dict order, and so the counts, repeat from run to run
    env = {"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"}
    try:
        return subprocess.run([*prefix, sys.executable, driver.name, mode, *corpus],
                              capture_output=True, text=True, env=env, check=True)
    finally:
        Path(driver.name).unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", default=[str(REPO / "fixtures"), str(REPO / "tests" / "cases")])
    parser.add_argument("--baseline", type=Path, help="another checkout of aetherlint to compare with")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("bench_instructions: valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    files = sum(1 for root in args.corpus for _ in Path(root).rglob("*.aether"))
    now = cost(REPO, args.corpus)
    print(f"check: {now / 1e6:,.1f} M instructions for {files} files ({REPO})")
    if args.baseline:
        before = cost(args.baseline.resolve(), args.corpus)
        print(f"check: {before / 1e6:,.1f} M instructions for {files} files ({args.baseline})")
        print(f"ratio this / baseline: {now / before:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
