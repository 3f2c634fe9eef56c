"""Benchmark `aetherlint classify`: parallel throughput and scaling, peak memory, warm cache,
speed-up over the legacy one-process-per-file check, determinism of the artifacts.

Usage: python tests/benchmarks/bench_classify.py [--sizes 2000,10000] [--runs 1] [--quick] [--seed 1] [--json]

For each corpus size N (--quick: N = 300), in a temporary directory:
1. Corpus: N deterministic (seeded) `.aether` files from bench_check's generators: every dialect,
   about 30% failing, bench_check's file sizes (a few kB), 250 files per folder.
2. Cold: `aetherlint classify ROOT --no-cache --no-history --output X --markdown Y` at --jobs 1
   and 2, wall clock of the subprocess (median of --runs) -> files/s, MB/s.
   Scaling = files/s at jobs 2 / jobs 1: target >= 1.8 (the machine has 2 cores).
3. Peak memory: one more (untimed) cold run at --jobs 2; the VmRSS of classify and its workers
   (/proc/<pid>/status) is summed every 50 ms and the maximum reported: an upper bound, since
   shared pages count once per process. Without /proc: ru_maxrss (largest single child).
   Target <= 250 MB at 10,000 files.
4. Warm: one classify run at --jobs 2 fills `.aetherlint_cache/`, then the timed run(s) -> files/s.
5. Legacy: `aetherlint check --json-status FILE`, one process per file, in sequence, on a seeded
   sample of 150 corpus files, in an empty working directory (check's own result cache never
   hits) -> files/s. Targets: classify cold (jobs 2) >= 30x legacy, classify warm >= 200x legacy.
6. Determinism: with SOURCE_DATE_EPOCH set, the JSON artifacts of the jobs-1 and jobs-2 cold runs
   must be byte-identical (also checked: their Markdown, and the warm JSON against the cold one).
Each block also shows the load average and warns when aetherlint's sources changed meanwhile
(the figures then mix code versions, and the result cache, keyed on the sources, misses).

Command: the `aetherlint` console script next to sys.executable, else `sys.executable -m aetherlint`.
The report (one block per size, printed as each finishes) goes to stdout; with --json to stderr,
and stdout holds one JSON object. Stdlib only; not collected by pytest (not named test_*.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import bench_check  # noqa: E402  (corpus generators; imports aetherlint in process)

EXE = shutil.which("aetherlint", path=str(Path(sys.executable).parent))
CMD = [EXE] if EXE else [sys.executable, "-m", "aetherlint"]
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_COLOR": "1"}
LEGACY_SAMPLE = 150
TARGET_SCALING, TARGET_RSS_MB, TARGET_COLD_X, TARGET_WARM_X = 1.8, 250, 30, 200
HAVE_PROC_CHILDREN = any(Path("/proc/self/task").glob("*/children"))
PACKAGE = Path(bench_check.check_bytes.__code__.co_filename).parent  # the aetherlint package measured


def code_stamp() -> list:
    """Sizes and mtimes of aetherlint's sources: an edit during a run invalidates its figures (and the cache)."""
    return [(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(PACKAGE.rglob("*.py"))]


def build_corpus(root: Path, n: int, seed: int, failing_share: float = bench_check.INVALID_SHARE) -> list[Path]:
    """n files, drawn exactly as bench_check.build_corpus draws them (same rng sequence)."""
    rng = random.Random(seed)
    valid, invalid = bench_check.load_samples()
    paths = []
    for i in range(n):
        failing = rng.random() < failing_share
        data = bench_check.make_invalid(rng, valid, invalid) if failing else bench_check.make_valid(rng, valid)
        path = root / f"d{i // 250:03d}" / f"f{i:05d}.aether"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    return paths


def _tree(pid: int) -> list[int]:
    """pid and all its descendants, from /proc/<pid>/task/<tid>/children."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        for children in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                todo += [int(c) for c in children.read_text().split()]
            except (OSError, ValueError):
                pass
    return pids


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0  # gone, or a zombie (no VmRSS line)


class PeakRss(threading.Thread):
    """Samples the summed VmRSS of a process tree every 50 ms until stop(); returns the max in MB."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.done = pid, 0, threading.Event()
        self.start()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in _tree(self.pid)))
            self.done.wait(0.05)

    def stop(self) -> float:
        self.done.set()
        self.join()
        return self.peak_kb / 1024


def run(cmd: list[str], cwd: Path, sample_rss: bool = False) -> tuple[float, float | None, str]:
    """Wall time of cmd (exit status 0 or 1 expected), its peak RSS in MB if asked, its stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = PeakRss(proc.pid) if sample_rss and HAVE_PROC_CHILDREN else None
    out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    peak = sampler.stop() if sampler else None
    if proc.returncode not in (0, 1):
        sys.exit(f"`{' '.join(cmd)}` exited {proc.returncode}:\n{err.strip()}")
    if sample_rss and sampler is None:
        import resource  # POSIX without /proc children lists: largest single child (KB on Linux, bytes on macOS)

        maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        peak = maxrss / (2**20 if sys.platform == "darwin" else 1024)
    return elapsed, peak, out


def classify(root: Path, out: Path, jobs: int, cache: bool, sample_rss: bool = False):  # noqa: ANN201
    cmd = [*CMD, "classify", str(root), "--jobs", str(jobs), "--no-history",
           "--output", f"{out}.json", "--markdown", f"{out}.md", *([] if cache else ["--no-cache"])]
    return run(cmd, out.parent, sample_rss)


def bench_size(n: int, args: argparse.Namespace, tmp: Path) -> dict:
    root, arts, scratch = tmp / f"corpus-{n}", tmp / f"artifacts-{n}", tmp / f"legacy-cwd-{n}"
    arts.mkdir(), scratch.mkdir()
    stamp, load = code_stamp(), os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    start = time.perf_counter()
    paths = build_corpus(root, n, args.seed)
    size = sum(p.stat().st_size for p in paths)
    res: dict = {"files": n, "bytes": size, "build_s": time.perf_counter() - start}
    run([*CMD, "check", "--no-cache", str(paths[0])], scratch)  # warm-up: parser-table cache, OS cache

    def timed(jobs: int, name: str, cache: bool) -> dict:
        times = [classify(root, arts / name, jobs, cache)[0] for _ in range(args.runs)]
        median = statistics.median(times)
        return {"jobs": jobs, "median_s": median, "times_s": times, "files_per_s": n / median, "mb_per_s": size / median / 1e6}

    res["cold_j1"] = timed(1, "cold-j1", cache=False)
    res["cold_j2"] = timed(2, "cold-j2", cache=False)
    res["scaling"] = res["cold_j2"]["files_per_s"] / res["cold_j1"]["files_per_s"]
    res["peak_rss_mb"] = classify(root, arts / "rss-j2", 2, cache=False, sample_rss=True)[1]
    res["rss_method"] = "sum of VmRSS over the process tree" if HAVE_PROC_CHILDREN else "ru_maxrss (largest process)"
    classify(root, arts / "fill-j2", 2, cache=True)  # fills the result cache
    res["warm_j2"] = timed(2, "warm-j2", cache=True)

    sample = sorted(random.Random(args.seed).sample(paths, min(LEGACY_SAMPLE, n)))
    start = time.perf_counter()
    for path in sample:
        run([*CMD, "check", "--json-status", str(path)], scratch)
    legacy_s = time.perf_counter() - start
    res["legacy"] = {"files": len(sample), "seconds": legacy_s, "files_per_s": len(sample) / legacy_s}
    res["cold_vs_legacy"] = res["cold_j2"]["files_per_s"] / res["legacy"]["files_per_s"]
    res["warm_vs_legacy"] = res["warm_j2"]["files_per_s"] / res["legacy"]["files_per_s"]

    same = lambda a, b: (arts / a).read_bytes() == (arts / b).read_bytes()  # noqa: E731
    res["identical"] = {"json_j1_j2": same("cold-j1.json", "cold-j2.json"), "md_j1_j2": same("cold-j1.md", "cold-j2.md"),
                        "json_warm_cold": same("warm-j2.json", "cold-j2.json")}
    summary = json.loads((arts / "cold-j2.json").read_text(encoding="utf-8"))["summary"]
    res["failed"], res["by_code"] = summary["failed"], summary["by_code"]
    res["code_changed_during_run"] = code_stamp() != stamp
    res["loadavg_1min"] = [load, os.getloadavg()[0] if load is not None else None]  # at start and end
    return res


def verdict(ok: bool) -> str:  # noqa: D103
    return "met" if ok else "NOT met"


def report(r: dict, out) -> None:  # noqa: ANN001
    n = r["files"]
    print(f"== {n:,} files, {r['bytes'] / 1e6:.2f} MB, {r['failed']:,} failing ({r['failed'] / n:.1%}); "
          f"corpus built in {r['build_s']:.0f} s", file=out)
    for key in ("cold_j1", "cold_j2", "warm_j2"):
        t = r[key]
        print(f"  {key[:4]} jobs {t['jobs']}: {t['median_s']:7.2f} s {t['files_per_s']:8.0f} files/s "
              f"{t['mb_per_s']:7.2f} MB/s", file=out)
    print(f"  scaling jobs 2 / jobs 1: {r['scaling']:.2f}x (target >= {TARGET_SCALING}: "
          f"{verdict(r['scaling'] >= TARGET_SCALING)})", file=out)
    rss = r["peak_rss_mb"]
    target = verdict(rss <= TARGET_RSS_MB) if n >= 10_000 else "applies at 10,000 files"
    print(f"  peak RSS, cold jobs 2: {rss:.0f} MB, {r['rss_method']} (target <= {TARGET_RSS_MB} MB: {target})", file=out)
    lg = r["legacy"]
    print(f"  legacy `check --json-status FILE`, one process per file: {lg['files']} files in {lg['seconds']:.1f} s, "
          f"{lg['files_per_s']:.1f} files/s (~{n / lg['files_per_s']:.0f} s for the corpus)", file=out)
    print(f"  classify / legacy: cold jobs 2 {r['cold_vs_legacy']:.0f}x (target >= {TARGET_COLD_X}x: "
          f"{verdict(r['cold_vs_legacy'] >= TARGET_COLD_X)}), warm jobs 2 {r['warm_vs_legacy']:.0f}x "
          f"(target >= {TARGET_WARM_X}x: {verdict(r['warm_vs_legacy'] >= TARGET_WARM_X)})", file=out)
    word = {key: "identical" if ok else "DIFFERENT" for key, ok in r["identical"].items()}
    print(f"  artifacts jobs 1 vs jobs 2: JSON {word['json_j1_j2']}, Markdown {word['md_j1_j2']}; "
          f"warm JSON vs cold: {word['json_warm_cold']}", file=out)
    if r["loadavg_1min"][0] is not None:
        print(f"  load average (1 min) at start / end: {r['loadavg_1min'][0]:.2f} / {r['loadavg_1min'][1]:.2f}", file=out)
    if r["code_changed_during_run"]:
        print("  WARNING: aetherlint's sources changed during this measurement: the figures are unreliable", file=out)
    out.flush()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="2000,10000", help="comma-separated corpus sizes in files (default 2000,10000)")
    ap.add_argument("--quick", action="store_true", help="one small corpus: --sizes 300")
    ap.add_argument("--runs", type=int, default=1, help="timed runs per measurement, median reported (default 1)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--json", action="store_true", help="JSON on stdout, report on stderr")
    args = ap.parse_args()
    sizes = [300] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    if not sizes or min(sizes) < 1 or args.runs < 1:
        ap.error("sizes and --runs must be positive")
    out = sys.stderr if args.json else sys.stdout
    print(f"command: {' '.join(CMD)}; python {sys.version.split()[0]}; {os.cpu_count()} CPUs; "
          f"runs {args.runs}; seed {args.seed}", file=out)
    results = []
    with tempfile.TemporaryDirectory(prefix="aetherlint-bench-classify-") as tmp:
        for n in sizes:
            results.append(bench_size(n, args, Path(tmp)))
            report(results[-1], out)
    if args.json:
        json.dump({"command": CMD, "python": sys.version.split()[0], "cpus": os.cpu_count(), "seed": args.seed,
                   "runs": args.runs, "sizes": results}, sys.stdout, indent=2)
        print()


if __name__ == "__main__":
    main()
