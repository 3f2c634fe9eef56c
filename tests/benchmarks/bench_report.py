"""Benchmark the HTML report of a 10,000-file classification: its size, the time to write it,
and the time Chromium takes to open it from file:// (targets: under 5 MB, opens in under 2 s).

Usage: python tests/benchmarks/bench_report.py [--files 10000] [--runs 20] [--loads 5] [--seed 1]

In a temporary directory:
1. Corpus: --files seeded `.aether` files from bench_check's generators (every dialect, about 30%
   failing), as bench_classify builds them; and a worst case where every file fails.
2. History: --runs classify runs a day apart (the first cold, the others from the warm cache),
   each after replacing 1% of the failing files with valid ones, so the trend moves. trends.json
   keeps the last 20 runs.
3. Report: `aetherlint report` wall time (median of 3 processes) and the page's size.
4. Browser: Debian's chromium driven by selenium (needs chromium, chromium-driver and
   selenium); --loads fresh navigations to the file:// URL, each timed from the navigation's
   start to the end of its load event (the page laid out and its script run), the median and the
   worst reported; then a sort of every row by line and a filter by category, timed in the page.
Stdlib and selenium only; not collected by pytest (not named test_*.py).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import bench_check  # noqa: E402  (corpus generators)
import bench_classify  # noqa: E402

CMD = bench_classify.CMD
EPOCH, DAY = 1_790_000_000, 86_400
TARGET_BYTES, TARGET_LOAD_S = 5_000_000, 2.0
INTERACT_JS = """
let started = performance.now();
document.querySelector('#files-table th[data-key="line"] button').click();
const sorted = performance.now() - started;
started = performance.now();
const select = document.getElementById("filter-category");
select.value = select.options[1].value;
select.dispatchEvent(new Event("change"));
return [sorted, performance.now() - started, document.querySelectorAll("#files-rows tr").length];
"""


def classify(work: Path, root: Path, epoch: int) -> float:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_COLOR": "1"}
    started = time.perf_counter()
    proc = subprocess.run([*CMD, "classify", str(root), "--history-dir", "hist", "--jobs", "2"], cwd=work, env=env,
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"classify failed: {proc.stderr}")
    return time.perf_counter() - started


def history(work: Path, root: Path, runs: int, seed: int) -> None:
    import json

    rng = random.Random(seed)
    valid, _ = bench_check.load_samples()
    for run in range(runs):
        elapsed = classify(work, root, EPOCH + run * DAY)
        print(f"  classify run {run + 1}/{runs}: {elapsed:.1f} s", file=sys.stderr)
        failing = [r["path"] for r in json.loads((work / "workflow_failures.json").read_text())["workflows"] if r["code"]]
        for path in rng.sample(failing, min(len(failing), max(1, len(failing) // 100))):
            (root / path).write_bytes(bench_check.make_valid(rng, valid))


def write_report(work: Path) -> tuple[float, int]:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        proc = subprocess.run([*CMD, "report", "--history-dir", "hist", "-o", "report.html"], cwd=work,
                              capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if proc.returncode != 0:
            sys.exit(f"report failed: {proc.stderr}")
    return statistics.median(times), (work / "report.html").stat().st_size


def browser_loads(page: Path, loads: int) -> dict:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=options)
    try:
        driver.get("about:blank")  # the browser is up before the first timed load
        durations, walls = [], []
        for _ in range(loads):
            driver.get("about:blank")
            started = time.perf_counter()
            driver.get(page.as_uri())  # returns once the load event has fired
            walls.append(time.perf_counter() - started)
            durations.append(driver.execute_script(
                "const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;") / 1000)
        sorted_ms, filtered_ms, shown = driver.execute_script(INTERACT_JS)
    finally:
        driver.quit()
    return {"median": statistics.median(durations), "worst": max(durations), "wall_median": statistics.median(walls),
            "filter_ms": filtered_ms, "sort_ms": sorted_ms, "shown_after_filter": shown}


def bench(name: str, work: Path, args: argparse.Namespace, share: float, runs: int) -> None:
    root = work / "flows"
    bench_classify.build_corpus(root, args.files, args.seed, share)
    history(work, root, runs, args.seed)
    seconds, size = write_report(work)
    loaded = browser_loads(work / "report.html", args.loads)
    ok = size < TARGET_BYTES and loaded["worst"] < TARGET_LOAD_S
    print(f"{name}: {args.files:,} files, {runs} runs of history")
    print(f"  report: {size / 1e6:.2f} MB (target < {TARGET_BYTES / 1e6:g} MB), written in {seconds:.2f} s "
          f"(aetherlint report, whole process)")
    print(f"  chromium, file://, navigation start to load event end: median {loaded['median']:.2f} s, "
          f"worst {loaded['worst']:.2f} s of {args.loads} (target < {TARGET_LOAD_S:g} s); "
          f"driver.get wall time median {loaded['wall_median']:.2f} s")
    print(f"  in the page: sort every row by line {loaded['sort_ms']:.0f} ms, then filter by a category "
          f"{loaded['filter_ms']:.0f} ms ({loaded['shown_after_filter']} rows left)")
    print(f"  {'OK' if ok else 'MISSED'}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        for name, share, runs in (("realistic (30% failing)", bench_check.INVALID_SHARE, args.runs),
                                  ("worst case (every file failing)", 1.0, 1)):
            work = Path(tmp) / name.split()[0]
            work.mkdir()
            bench(name, work, args, share, runs)


if __name__ == "__main__":
    main()
