"""Classify time must not grow with the history: a one-file `classify` with an empty history and
with 200 large snapshots (run on demand, not part of the test suite).

    python tests/benchmarks/bench_history.py [--snapshots 200] [--mb 2] [--runs 3]

Each run is a fresh `python -m aetherlint classify` process (median wall time of --runs). The
history is kept whole (`history-keep` above the snapshot count) so every run sees all of it;
one more line measures the run that prunes 200 snapshots to the default 50.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def snapshot(size_mb: float, index: int) -> str:
    record = {"path": "flows/x.aether", "category": "ParseError", "code": 20, "code_name": "PARSE_ERROR",
              "phase": "parse", "line": 1, "col": 1, "message": "unexpected token", "fingerprint": "0" * 16,
              "stable_fingerprint": "1" * 16, "suppressed": False}
    count = max(1, int(size_mb * 1_000_000 / len(json.dumps(record))))
    summary = {"timestamp": f"2026-01-01T00:{index // 60 % 60:02d}:{index % 60:02d}Z", "total": count,
               "failed": count, "suppressed_failures": 0, "categories": {"ParseError": {"count": count}}}
    return json.dumps({"workflows": [record] * count, "summary": summary}, indent=2)


def time_classify(root: Path, history: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "aetherlint", "classify", str(root), "--history-dir", str(history),
                               "--no-cache", "--jobs", "1", "--output", str(root.parent / "out.json"),
                               "--markdown", str(root.parent / "out.md")], capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if proc.returncode != 0:
            sys.exit(f"classify failed ({proc.returncode}): {proc.stderr.strip()}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--snapshots", type=int, default=200)
    parser.add_argument("--mb", type=float, default=2.0, help="size of each snapshot")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from aetherlint.settings.options import BY_KEY

    prunes = "history-keep" in BY_KEY
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "flows"
        root.mkdir()
        (root / "one.aether").write_text('log "fine"\n')
        if prunes:
            (root / "pyproject.toml").write_text(f"[tool.aetherlint]\nhistory-keep = {args.snapshots + 100}\n")
        empty = Path(tmp) / "empty-history"
        print(f"one-file classify, median of {args.runs} runs")
        print(f"  history with 0 snapshots: {time_classify(root, empty, args.runs):.2f} s")
        full = Path(tmp) / "full-history"
        full.mkdir()
        text = snapshot(args.mb, 0)
        for i in range(args.snapshots):
            (full / f"20260101T00{i // 60 % 60:02d}{i % 60:02d}Z-{i:08x}_classification.json").write_text(text)
        label = f"history with {args.snapshots} snapshots of {len(text) / 1e6:.1f} MB"
        print(f"  {label}: {time_classify(root, full, args.runs):.2f} s")
        if prunes:
            (root / "pyproject.toml").unlink()
            started = time.perf_counter()
            time_classify(root, full, 1)
            left = len(list(full.glob("*_classification.json")))
            print(f"  one run pruning to the default keep ({left} left): {time.perf_counter() - started:.2f} s")
        shutil.rmtree(full)


if __name__ == "__main__":
    main()
