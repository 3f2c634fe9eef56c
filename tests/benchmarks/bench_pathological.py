"""Benchmark aetherlint on pathological inputs: wall time, peak memory and exit status of the real CLI.

Usage: python tests/benchmarks/bench_pathological.py [--sizes 1,5,10,20] [--tiny-files 100000]
           [--cases single,big,tiny] [--runs 1] [--timeout 600] [--mem-limit-mb 8192] [--seed 1] [--json]

Every case runs `aetherlint check --no-cache ...` or `aetherlint classify ... --no-cache
--no-history` (artifacts and logs in the temp dir) in a fresh subprocess, working directory a
scratch folder in the temp dir. The subprocess is a small runner, `python -c`, that calls
`aetherlint.cli.main(argv)` (catching SystemExit and any crash), then reports
`resource.getrusage(RUSAGE_SELF).ru_maxrss` and `RUSAGE_CHILDREN` (classify's workers; that one
is the largest single child, not a sum); the peak RSS shown is the max of both (ru_maxrss is KiB
on Linux, bytes on macOS; `resource` is POSIX-only, so this needs Linux or macOS). Per case:
wall time of the whole subprocess, `cli` time (main() alone: no interpreter start, no import),
peak RSS in MB (1 MB = 10**6 bytes, also for sizes), peak RSS / file size for single-file cases,
the exit status (or `crash: <exception>`, `signal N`, `timeout`) and a note (first finding, or
classify's codes). With --runs N each case runs N times and the fastest run (cli time) is shown,
with the largest peak RSS of the N: the machine may be shared. A run is killed after --timeout s; the runner caps the address space of
each process at --mem-limit-mb (RLIMIT_AS; 0: no cap), so a blow-up ends as a MemoryError crash.
When `--max-file-size` is in a command's --help, that command gets `--max-file-size <bytes>`, a
plain byte count well above the largest file (5 MB default limit; a plain number is bytes).

Cases (sizes are generated deterministically from --seed in a temp dir) and what they expose:
1. realistic-N MB (--sizes): valid brace and indent samples from fixtures/valid concatenated, the
   `function`/`fn`/`define`/`export` names suffixed with the copy number (one definition per
   name, so the file stays valid): throughput at scale and whether time is linear in size
   (time per MB; time ratio largest / smallest vs the size ratio).
   blocks-N MB: the same with several YAML-style block scalars (`key: |` ... a line holding only
   `|`) after every copy: exposes lexing that is quadratic in the number of block scalars.
2. The realistic file nearest 10 MB: peak RSS / size (target <= 25x): AST and token memory.
3. nested-brackets: `x = ` + 100,000 `[` + 100,000 `]`: recursion depth in the bracket checker,
   parser and AST; must end quickly (< 10 s) with a reported error (exit 1), no crash.
4. long-line-list / long-line-string: a single 1,000,000-character line (a list `[1, 2, ...]`,
   a string literal): per-line work (carets, line splitting, column maths) that is quadratic.
5. million-statements: 1,000,000 `x = 1` lines (6 MB): per-statement overhead and memory.
   Cases 3-5 run through check, then through `classify --jobs 1` (its per-file timeout left at
   the default: a TIMEOUT classification is a result too).
6. tiny-files: --tiny-files one-line files, 1,000 per folder, through `check DIR` and
   `classify DIR --jobs 2`: per-file overhead, discovery, result handling (files/s).
A baseline row (`check` on a one-line file) shows the interpreter's own time and memory.
--cases picks groups: single (baseline and cases 3-5), big (cases 1-2), tiny (case 6).

The report goes to stdout as each case finishes; with --json to stderr, and stdout holds one JSON
object. Stdlib only; not collected by pytest (not named test_*.py). The default run takes minutes.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MB = 10**6
NEST_DEPTH, LONG_LINE, STATEMENTS, FILES_PER_DIR = 100_000, 1_000_000, 1_000_000, 1000
RSS_TARGET, NESTED_SECONDS = 25, 10.0
DEF_RE = re.compile(r"^[ \t]*(?:function|fn|define|export)[ \t]+(\w+)", re.MULTILINE)  # also `export NAME(`
WORDS = "pallet hopper spindle ratchet flange gasket lathe bobbin trolley winch anvil".split()
SPEC = importlib.util.find_spec("aetherlint")
PACKAGE = Path(SPEC.origin).parent if SPEC and SPEC.origin else None

RUNNER = r"""
import json, resource, sys, time, traceback
out, limit_mb, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
if limit_mb:
    resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 2**20, limit_mb * 2**20))
from aetherlint.cli import main
start = time.perf_counter()
status = crash = None
try:
    status = main(argv)
except SystemExit as exc:
    status = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
except BaseException as exc:
    crash = traceback.format_exception_only(type(exc), exc)[-1].strip()[:300]
seconds = time.perf_counter() - start
sys.stdout.flush()
rss = lambda who: resource.getrusage(who).ru_maxrss
with open(out, "w") as f:
    json.dump({"status": status, "crash": crash, "cli_s": seconds,
               "self_maxrss": rss(resource.RUSAGE_SELF), "children_maxrss": rss(resource.RUSAGE_CHILDREN)}, f)
"""


# ---------------------------------------------------------------- corpus generation

def load_samples() -> list[tuple[str, re.Pattern | None]]:
    """Valid brace and indent samples, each with a pattern matching the names it defines."""
    samples = []
    for dialect in ("brace", "indent"):
        for path in sorted((ROOT / "fixtures/valid" / dialect).glob("**/*.aether")):
            text = path.read_text(encoding="utf-8-sig")  # no BOM in the middle of a file
            names = sorted(set(DEF_RE.findall(text)), key=len, reverse=True)
            pattern = re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, names))) if names else None
            samples.append((text, pattern))
    if not samples:
        sys.exit("no brace/indent sample under fixtures/valid: nothing to build the big files from")
    return samples


def block_scalars(copy: int, rng: random.Random) -> str:
    """Two to four `note: |` ... `|` blocks of one to four free-text lines."""
    blocks = []
    for k in range(rng.randint(2, 4)):
        lines = [f"  - {rng.choice(WORDS)} {rng.randrange(1000)}: free text, with: colons - and + signs"
                 for _ in range(rng.randint(1, 4))]
        blocks.append(f"note_{copy}_{k}: |\n" + "\n".join(lines) + "\n|\n")
    return "".join(blocks)


def write_big(path: Path, size: int, rng: random.Random, blocks: bool) -> int:
    """Concatenate renamed sample copies (plus block scalars) until `size` bytes; returns the size."""
    samples, written, copy = load_samples(), 0, 0
    with path.open("w", encoding="utf-8", newline="\n") as f:
        while written < size:
            text, pattern = rng.choice(samples)
            if pattern:
                text = pattern.sub(lambda m: f"{m.group()}_{copy}", text)
            chunk = text.rstrip("\n") + "\n\n" + (block_scalars(copy, rng) + "\n" if blocks else "")
            f.write(chunk)
            written += len(chunk.encode("utf-8"))
            copy += 1
    return path.stat().st_size


def long_list_line() -> str:
    items, length, i = [], 6, 0  # "x = [" + "]"
    while length < LONG_LINE:
        items.append(str(i))
        length += len(items[-1]) + 2
        i += 1
    return "x = [" + ", ".join(items) + "]\n"


def long_string_line() -> str:
    body = ("the quick brown sprocket jumps over the lazy gasket " * (LONG_LINE // 50 + 1))[: LONG_LINE - 6]
    return f'x = "{body}"\n'


def write_tiny_tree(root: Path, n: int) -> int:
    """n one-line files, FILES_PER_DIR per folder; returns the total size."""
    total = 0
    for i in range(n):
        folder = root / f"d{i // FILES_PER_DIR:03d}"
        if i % FILES_PER_DIR == 0:
            folder.mkdir(parents=True)
        data = f"x{i % 97} = {i}\n".encode()
        (folder / f"t{i:06d}.aether").write_bytes(data)
        total += len(data)
    return total


# ---------------------------------------------------------------- running one case

def size_option(command: str) -> bool:
    """Whether `aetherlint COMMAND --help` lists --max-file-size."""
    proc = subprocess.run([sys.executable, "-m", "aetherlint", command, "--help"],
                          capture_output=True, text=True, cwd=ROOT)
    return "--max-file-size" in proc.stdout


def maxrss_mb(value: int) -> float:
    return value / MB if sys.platform == "darwin" else value * 1024 / MB  # bytes on macOS, KiB on Linux


def first_line(path: Path, last: bool = False) -> str:
    lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    return (lines[-1] if last else lines[0])[:160] if lines else ""


def run_cli(argv: list[str], work: Path, args: argparse.Namespace) -> dict:
    """Best of --runs runs of `aetherlint ARGV`: the fastest (cli time), with the largest peak RSS."""
    runs = []
    while len(runs) < args.runs and (not runs or runs[-1]["status"] != "timeout"):
        runs.append(run_once(argv, work, args))
    best = min(runs, key=lambda r: r["cli_s"] if r["cli_s"] is not None else float("inf"))
    peaks = [r["peak_mb"] for r in runs if r["peak_mb"] is not None]
    return {**best, "peak_mb": max(peaks, default=None), "cli_times_s": [r["cli_s"] for r in runs]}


def run_once(argv: list[str], work: Path, args: argparse.Namespace) -> dict:
    """Run `aetherlint ARGV` in the runner; wall time, cli time, peak RSS, exit status."""
    out, err, res = (work / f"run.{ext}" for ext in ("out", "err", "json"))
    res.unlink(missing_ok=True)
    cmd = [sys.executable, "-c", RUNNER, str(res), str(args.mem_limit_mb), *argv]
    start = time.perf_counter()
    with out.open("wb") as fo, err.open("wb") as fe:
        proc = subprocess.Popen(cmd, cwd=work, stdout=fo, stderr=fe, start_new_session=True)
        try:
            proc.wait(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the runner and its workers (own session)
            proc.wait()
    row: dict = {"wall_s": time.perf_counter() - start, "cli_s": None, "peak_mb": None, "crash": None}
    if res.exists():
        data = json.loads(res.read_text())
        row.update(status=data["status"], crash=data["crash"], cli_s=data["cli_s"],
                   peak_mb=maxrss_mb(max(data["self_maxrss"], data["children_maxrss"])))
    elif proc.returncode < 0:
        row["status"] = "timeout" if row["wall_s"] >= args.timeout else f"signal {-proc.returncode}"
    else:
        row["status"], row["crash"] = f"runner exit {proc.returncode}", first_line(err, last=True)
    short = lambda line: line.replace(f"{work.parent}{os.sep}", "")  # noqa: E731  (paths relative to the temp dir)
    row["first_out"], row["last_out"] = short(first_line(out)), short(first_line(out, last=True))
    row["first_err"] = short(first_line(err))
    return row


def check(paths: list[Path], work: Path, args: argparse.Namespace) -> dict:
    return run_cli(["check", "--no-cache", *args.size_args["check"], *map(str, paths)], work, args)


def classify(root: Path, jobs: int, work: Path, args: argparse.Namespace) -> dict:
    artifact = work / "classify.json"
    artifact.unlink(missing_ok=True)
    row = run_cli(["classify", str(root), "--jobs", str(jobs), "--no-cache", "--no-history",
                   "--output", str(artifact), "--markdown", str(work / "classify.md"),
                   "--log-file", str(work / "classify.log"), *args.size_args["classify"]], work, args)
    if artifact.exists():
        row["by_code"] = json.loads(artifact.read_text(encoding="utf-8"))["summary"]["by_code"]
    return row


# ---------------------------------------------------------------- report

def status_text(row: dict) -> str:
    return f"crash: {row['crash']}" if row["crash"] else str(row["status"])


def note(row: dict) -> str:
    if "by_code" in row:
        return "codes " + ", ".join(f"{k} {v}" for k, v in sorted(row["by_code"].items()))
    if row["crash"] or row["status"] == 0:
        return row["last_out"]
    return row["first_out"] or row["first_err"]


def print_row(row: dict, out) -> None:  # noqa: ANN001
    size = f"{row['bytes'] / MB:8.2f}" if row.get("bytes") is not None else " " * 8
    cli = f"{row['cli_s']:8.2f}" if row["cli_s"] is not None else "       -"
    peak = f"{row['peak_mb']:8.1f}" if row["peak_mb"] is not None else "       -"
    ratio = f"{row['rss_ratio']:7.1f}x" if row.get("rss_ratio") is not None else " " * 8
    print(f"{row['case']:<22} {row['command']:<9} {size} {row['wall_s']:8.2f} {cli} {peak} {ratio}  "
          f"{status_text(row):<6} {note(row)[:110]}", file=out)
    out.flush()


HEADER = (f"{'case':<22} {'command':<9} {'size MB':>8} {'wall s':>8} {'cli s':>8} {'peak MB':>8} "
          f"{'RSS/size':>8}  {'exit':<6} note")


def record(rows: list[dict], out, case: str, command: str, row: dict, size: int | None, single: bool) -> dict:  # noqa: ANN001
    row.update(case=case, command=command, bytes=size)
    row["rss_ratio"] = row["peak_mb"] * MB / size if single and size and row["peak_mb"] is not None else None
    rows.append(row)
    print_row(row, out)
    return row


def scaling(rows: list[dict], variant: str) -> dict | None:
    """Seconds per MB (cli time) per size and the time ratio largest / smallest file."""
    done = [r for r in rows if r["case"].startswith(variant + "-") and r["cli_s"] is not None]
    if len(done) < 2:
        return None
    small, big = min(done, key=lambda r: r["bytes"]), max(done, key=lambda r: r["bytes"])
    return {"s_per_mb": {r["case"]: r["cli_s"] / (r["bytes"] / MB) for r in done},
            "time_ratio": big["cli_s"] / small["cli_s"], "size_ratio": big["bytes"] / small["bytes"],
            "cases": [small["case"], big["case"]]}


def summary(rows: list[dict], out) -> dict:  # noqa: ANN001
    res: dict = {}
    for variant in ("realistic", "blocks"):
        s = res[variant] = scaling(rows, variant)
        if s:
            per_mb = ", ".join(f"{case.split('-')[1]} {v:.2f}" for case, v in s["s_per_mb"].items())
            print(f"{variant}: s/MB (cli time) {per_mb}; time {s['cases'][1]} / {s['cases'][0]} = "
                  f"{s['time_ratio']:.1f} (linear would be ~{s['size_ratio']:.0f})", file=out)
    real = [r for r in rows if r["case"].startswith("realistic-") and r["rss_ratio"] is not None]
    if real:
        r = min(real, key=lambda r: abs(r["bytes"] - 10 * MB))
        res["rss_target"] = {"case": r["case"], "ratio": r["rss_ratio"], "met": r["rss_ratio"] <= RSS_TARGET}
        print(f"peak RSS / size, {r['case']} through check: {r['rss_ratio']:.1f}x "
              f"(target <= {RSS_TARGET}x: {'met' if r['rss_ratio'] <= RSS_TARGET else 'NOT met'})", file=out)
    for r in (r for r in rows if r["case"] == "nested-brackets"):
        ok = r["status"] == 1 and not r["crash"] and r["wall_s"] < NESTED_SECONDS
        res[f"nested_{r['command']}"] = ok
        print(f"nested brackets through {r['command']}: exit {status_text(r)} in {r['wall_s']:.1f} s "
              f"(target: exit 1, no crash, < {NESTED_SECONDS:.0f} s: {'met' if ok else 'NOT met'})", file=out)
    for r in (r for r in rows if r["case"] == "tiny-files" and r["cli_s"]):
        res[f"tiny_{r['command']}_files_per_s"] = r["files"] / r["cli_s"]
        print(f"tiny files through {r['command']}: {r['files'] / r['cli_s']:.0f} files/s (cli time)", file=out)
    return res


# ---------------------------------------------------------------- cases

def single_file_cases(tmp: Path, work: Path, args: argparse.Namespace, emit) -> None:  # noqa: ANN001
    """Baseline, then cases 3-5: each file through check, then (except the baseline) classify."""
    cases = {"baseline": "x = 1\n", "nested-brackets": "x = " + "[" * NEST_DEPTH + "]" * NEST_DEPTH + "\n",
             "long-line-list": long_list_line(), "long-line-string": long_string_line(),
             "million-statements": "x = 1\n" * STATEMENTS}
    for name, text in cases.items():
        folder = tmp / name
        folder.mkdir()
        path = folder / f"{name}.aether"
        path.write_text(text, encoding="utf-8")
        size = path.stat().st_size
        emit(name, "check", check([path], work, args), size, name != "baseline")  # 6 bytes: no ratio
        if name != "baseline":
            emit(name, "classify", classify(folder, 1, work, args), size, True)


def big_file_cases(tmp: Path, work: Path, args: argparse.Namespace, emit) -> None:  # noqa: ANN001
    """Case 1 (and 2): realistic and block-scalar files of each --sizes, through check."""
    for variant, blocks in (("realistic", False), ("blocks", True)):
        for mb in args.sizes:
            name = f"{variant}-{mb:g}MB"
            path = tmp / f"{name}.aether"
            size = write_big(path, int(mb * MB), random.Random(f"{args.seed}:{name}"), blocks)
            emit(name, "check", check([path], work, args), size, True)
            path.unlink()


def tiny_file_cases(tmp: Path, work: Path, args: argparse.Namespace, emit) -> None:  # noqa: ANN001
    """Case 6: the tree of tiny files through check DIR and classify DIR --jobs 2."""
    root = tmp / "tiny"
    start = time.perf_counter()
    size = write_tiny_tree(root, args.tiny_files)
    print(f"({args.tiny_files:,} tiny files written in {time.perf_counter() - start:.0f} s)", file=args.out)
    for command, row in (("check", lambda: check([root], work, args)),
                         ("classify", lambda: classify(root, 2, work, args))):
        emit("tiny-files", command, {**row(), "files": args.tiny_files}, size, False)


# ---------------------------------------------------------------- main

GROUPS = {"single": single_file_cases, "big": big_file_cases, "tiny": tiny_file_cases}


def code_stamp() -> list:
    """Sizes and mtimes of aetherlint's sources: an edit during the run mixes code versions."""
    files = sorted(PACKAGE.rglob("*.py")) if PACKAGE else []
    return [(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files]


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,5,10,20", help="big-file sizes in MB (default 1,5,10,20)")
    ap.add_argument("--tiny-files", type=int, default=100_000, help="files in the tiny-file tree (default 100000)")
    ap.add_argument("--cases", default="single,big,tiny", help="case groups to run (default single,big,tiny)")
    ap.add_argument("--runs", type=int, default=1, help="runs per case, the fastest shown (default 1)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds before a run is killed (default 600)")
    ap.add_argument("--mem-limit-mb", type=int, default=8192, help="address-space cap per process, 0: none (default 8192)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--json", action="store_true", help="JSON on stdout, report on stderr")
    args = ap.parse_args()
    try:
        args.sizes = sorted({float(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        ap.error("--sizes takes comma-separated numbers of MB, such as 1,5,10,20")
    args.cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    if not args.cases or not set(args.cases) <= set(GROUPS):
        ap.error(f"--cases takes a comma-separated subset of {','.join(GROUPS)}")
    if not args.sizes or min(args.sizes[0], args.tiny_files, args.runs, args.timeout) <= 0 or args.mem_limit_mb < 0:
        ap.error("sizes, --tiny-files, --runs and --timeout must be positive, --mem-limit-mb not negative")
    if PACKAGE is None or sys.platform == "win32":
        ap.error("needs aetherlint importable by this interpreter, and Linux or macOS (the resource module)")
    return args


def main() -> None:
    args = parse_args()
    args.out = out = sys.stderr if args.json else sys.stdout
    limit = str(max(10**9, int(2 * args.sizes[-1] * MB), 2 * STATEMENTS * 6))  # bytes, far above every file
    args.size_args = {cmd: ["--max-file-size", limit] if size_option(cmd) else [] for cmd in ("check", "classify")}
    stamp, load = code_stamp(), os.getloadavg()
    print(f"python {sys.version.split()[0]} ({sys.executable}); {os.cpu_count()} CPUs; load {load[0]:.2f}; "
          f"seed {args.seed}; runs {args.runs}; timeout {args.timeout:g} s; address-space cap "
          f"{f'{args.mem_limit_mb} MiB' if args.mem_limit_mb else 'none'}; --max-file-size passed: "
          f"{', '.join(f'{c} {a[1]}' for c, a in args.size_args.items() if a) or 'no (not supported)'}", file=out)
    print(HEADER, file=out)
    rows: list[dict] = []
    emit = lambda *a: record(rows, out, *a)  # noqa: E731
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="aetherlint-bench-patho-") as name:
        tmp, work = Path(name), Path(name) / "work"
        work.mkdir()
        for group in GROUPS:
            if group in args.cases:
                GROUPS[group](tmp, work, args, emit)
    res = summary(rows, out)
    print(f"total {time.perf_counter() - start:.0f} s; load at start / end {load[0]:.2f} / {os.getloadavg()[0]:.2f}", file=out)
    changed = code_stamp() != stamp
    if changed:
        print("WARNING: aetherlint's sources changed during this run: the figures mix code versions", file=out)
    if args.json:
        json.dump({"python": sys.version.split()[0], "cpus": os.cpu_count(), "seed": args.seed, "runs": args.runs, "sizes_mb": args.sizes,
                   "tiny_files": args.tiny_files, "size_args": args.size_args, "cases": rows, "summary": res,
                   "code_changed_during_run": changed}, sys.stdout, indent=2)
        print()


if __name__ == "__main__":
    main()
