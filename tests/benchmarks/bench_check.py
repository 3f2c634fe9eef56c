"""Benchmark aetherlint: single-core check throughput and CLI cold start.

Usage: python tests/benchmarks/bench_check.py [--mb 3] [--runs 7] [--seed 1] [--json]

1. Corpus: a deterministic (seeded) set of about --mb MB (1 MB = 10**6 bytes) of `.aether`
   files built from the repository samples (fixtures/valid, fixtures/invalid, tests/cases/
   constructs): one to four samples of the same dialect concatenated, sometimes duplicated, with
   the theme words of identifiers renamed (crate -> pallet42, ...). About 30% are invalid:
   an invalid sample (parse/validation/IO errors, bash-like G* files) or a valid file with an
   injected defect (a deleted `}` or a call to an unknown function). Every file is checked once
   while it is generated, so the reported valid/invalid split is the real one.
2. Throughput, one core, in process, files read into memory and parser tables loaded first;
   best and median of --runs passes over the whole corpus:
     check     check_bytes(data, path): decode, dialect, lex, parse, AST, validate
     parse     parse(text) on the files that decode (lexer + layout + LALR + AST)
     scan      lexer.scan(text), the raw regex tokenizer alone: the practical ceiling
   Target: check >= 1.5 MB/s (median).
3. Cold start: wall time of `aetherlint check small.aether` in a subprocess versus
   `python -c "import lark, click"` with the same interpreter, interleaved, --runs times each,
   after one untimed warm-up run (fills the parser-table cache). Target: median ratio <= 1.5.

The report is printed on stdout; with --json it goes to stderr and stdout holds one JSON object.
Stdlib only. Not collected by pytest (the file name does not match test_*.py).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aetherlint.check import check_bytes
from aetherlint.syntax.lexer import LexError, scan
from aetherlint.syntax.parser import ParseFailed, parse
from aetherlint.source import SourceError, decode

ROOT = Path(__file__).resolve().parents[2]
# Theme words inside the samples' identifiers (crate_ledger, load_bins) and their replacements.
THEME = "sprocket drawer gadget widget squeak porter shelf crate bench gizmo tally loft bin".split()
NOUNS = "pallet hopper spindle ratchet flange gasket lathe bobbin trolley winch anvil".split()
THEME_RE = re.compile("|".join(THEME))
INVALID_SHARE = 0.30  # of the files; half of them an invalid sample, half an injected defect
SHELL_SHARE = 0.10  # of the invalid samples picked: bash-like files are rejected early, keep a few


def load_samples() -> tuple[dict[str, list[bytes]], dict[bool, list[bytes]]]:
    """Valid samples grouped by dialect (fixture directory or construct letter); invalid ones by is-shell."""
    paths = [*ROOT.glob("fixtures/valid/**/*.aether"), *ROOT.glob("fixtures/invalid/**/*.aether")]
    paths = sorted(paths) + sorted(ROOT.glob("tests/cases/constructs/*.aether"))
    valid: dict[str, list[bytes]] = {}
    invalid: dict[bool, list[bytes]] = {False: [], True: []}
    for path in paths:
        data = path.read_bytes()
        group = path.parent.name if path.parent.name != "constructs" else "construct-" + path.name[0]
        result = check_bytes(data, str(path))
        if result.ok:
            valid.setdefault(group, []).append(data)
        else:
            invalid[result.code_name == "UNSUPPORTED_FEATURE"].append(data)
    if not valid:
        sys.exit("no sample file checks as valid: aetherlint itself looks broken, nothing to measure")
    return valid, invalid


def rename(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "surrogateescape")  # keeps the invalid-UTF-8 sample invalid
    mapping = {word: f"{rng.choice(NOUNS)}{rng.randrange(100)}" for word in THEME}
    return THEME_RE.sub(lambda m: mapping[m.group()], text).encode("utf-8", "surrogateescape")


def make_valid(rng: random.Random, valid: dict[str, list[bytes]]) -> bytes:
    group = valid[rng.choice(sorted(valid))]
    for _ in range(5):
        parts = [rename(rng.choice(group), rng) for _ in range(rng.randint(1, 4))]
        data = b"\n".join(parts * rng.randint(1, 2))
        if check_bytes(data, "candidate.aether").ok:
            return data
    return rng.choice(group)


def inject_defect(data: bytes, rng: random.Random) -> bytes:
    closers = [i for i, b in enumerate(data) if b == ord("}")]
    if closers and rng.random() < 0.5:
        i = rng.choice(closers)
        return data[:i] + data[i + 1 :]
    lines = data.split(b"\n")
    k = rng.randrange(len(lines))
    indent = re.match(rb"[ \t]*", lines[k]).group()
    lines.insert(k, indent + b"mystery_step_%d(1)" % rng.randrange(1000))
    return b"\n".join(lines)


def make_invalid(rng: random.Random, valid: dict[str, list[bytes]], invalid: dict[bool, list[bytes]]) -> bytes:
    if rng.random() < 0.5:
        data = make_valid(rng, valid)
        for _ in range(5):
            broken = inject_defect(data, rng)
            if not check_bytes(broken, "candidate.aether").ok:
                return broken
    return rename(rng.choice(invalid[rng.random() < SHELL_SHARE]), rng)


def build_corpus(folder: Path, mb: float, seed: int) -> tuple[list[tuple[str, bytes]], dict[str, int]]:
    rng = random.Random(seed)
    valid, invalid = load_samples()
    files: list[tuple[str, bytes]] = []
    codes: dict[str, int] = {}
    total = 0
    while total < mb * 1e6:
        data = make_invalid(rng, valid, invalid) if rng.random() < INVALID_SHARE else make_valid(rng, valid)
        path = folder / f"f{len(files):05d}.aether"
        path.write_bytes(data)
        code = check_bytes(data, str(path)).code_name
        codes[code] = codes.get(code, 0) + 1
        total += len(data)
        files.append((str(path), path.read_bytes()))
    return files, dict(sorted(codes.items()))


def best_median(func, items, runs: int) -> tuple[float, float]:  # noqa: ANN001
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for item in items:
            func(item)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)  # gc stays enabled: it is part of a real run


def quietly(func, error: type[Exception]):  # noqa: ANN001, ANN201
    """`func(x)`, returning None instead of raising the expected rejection of an invalid file."""
    def run(text):  # noqa: ANN001, ANN202
        try:
            return func(text)
        except error:
            return None

    return run


def throughput(files: list[tuple[str, bytes]], runs: int) -> dict[str, dict[str, float]]:
    texts = [quietly(decode, SourceError)(data) for _, data in files]
    texts = [text for text in texts if text is not None]  # files that decode (not NUL/bad UTF-8)
    text_bytes = sum(len(t.encode("utf-8")) for t in texts)
    quietly(parse, ParseFailed)("let warm = 1\n")  # loads the parser tables: not part of the timing
    cases = {
        "check": (lambda f: check_bytes(f[1], f[0]), files, sum(len(d) for _, d in files)),
        "parse": (quietly(parse, ParseFailed), texts, text_bytes),
        "scan": (quietly(scan, LexError), texts, text_bytes),
    }
    out = {}
    for name, (func, items, size) in cases.items():
        best, median = best_median(func, items, runs)
        out[name] = {"files": len(items), "bytes": size, "best_s": best, "median_s": median,
                     "mb_per_s_best": size / best / 1e6, "mb_per_s_median": size / median / 1e6,
                     "files_per_s_best": len(items) / best, "files_per_s_median": len(items) / median}
    return out


def cold_start(folder: Path, runs: int) -> dict[str, object]:
    small = folder / "small.aether"
    small.write_bytes((ROOT / "tests/cases/constructs/A16_let_declaration.aether").read_bytes())
    exe = shutil.which("aetherlint", path=str(Path(sys.executable).parent)) or shutil.which("aetherlint")
    check_cmd = [exe, "check", str(small)] if exe else [sys.executable, "-m", "aetherlint", "check", str(small)]
    floor_cmd = [sys.executable, "-c", "import lark, click"]

    def wall(cmd: list[str]) -> float:
        start = time.perf_counter()
        if subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed: the cold-start measurement needs a passing run")
        return time.perf_counter() - start

    wall(check_cmd), wall(floor_cmd)  # warm-up: fills the parser-table cache and the OS file cache
    check_times, floor_times = [], []
    for _ in range(runs):
        check_times.append(wall(check_cmd))
        floor_times.append(wall(floor_cmd))
    check_med, floor_med = statistics.median(check_times), statistics.median(floor_times)
    return {"check_cmd": check_cmd, "floor_cmd": floor_cmd, "check_median_s": check_med, "floor_median_s": floor_med,
            "ratio": check_med / floor_med, "check_times_s": check_times, "floor_times_s": floor_times}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=3.0, help="corpus size in MB (default 3)")
    ap.add_argument("--runs", type=int, default=7, help="timed runs per measurement (default 7)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--json", action="store_true", help="JSON on stdout, report on stderr")
    args = ap.parse_args()
    out = sys.stderr if args.json else sys.stdout
    with tempfile.TemporaryDirectory(prefix="aetherlint-bench-") as tmp:
        files, codes = build_corpus(Path(tmp), args.mb, args.seed)
        total = sum(len(d) for _, d in files)
        invalid = len(files) - codes.get("SUCCESS", 0)
        print(f"corpus: {len(files)} files, {total} bytes ({total / 1e6:.2f} MB), "
              f"{invalid} invalid ({invalid / len(files):.0%}): {codes}", file=out)
        speed = throughput(files, args.runs)
        for name, s in speed.items():
            print(f"{name:>6}: {s['mb_per_s_median']:6.2f} MB/s median ({s['mb_per_s_best']:.2f} best), "
                  f"{s['files_per_s_median']:7.0f} files/s median ({s['files_per_s_best']:.0f} best), "
                  f"{s['files']} files, {s['median_s']:.3f} s", file=out)
        met = "met" if speed["check"]["mb_per_s_median"] >= 1.5 else "NOT met"
        print(f"target check >= 1.5 MB/s (median) on one core: {met}", file=out)
        cold = cold_start(Path(tmp), args.runs)
    print(f"cold start: `{' '.join(cold['check_cmd'][:2])} small.aether` {cold['check_median_s'] * 1000:.0f} ms, "
          f"`python -c \"import lark, click\"` {cold['floor_median_s'] * 1000:.0f} ms (medians of {args.runs}), "
          f"ratio {cold['ratio']:.2f} (target <= 1.5: {'met' if cold['ratio'] <= 1.5 else 'NOT met'})", file=out)
    if args.json:
        report = {"python": sys.version.split()[0], "seed": args.seed, "runs": args.runs,
                  "corpus": {"files": len(files), "bytes": total, "codes": codes},
                  "throughput": speed, "cold_start": cold}
        json.dump(report, sys.stdout, indent=2)
        print()


if __name__ == "__main__":
    main()
