"""`aetherlint gate`: fail CI when a change makes more workflows stop parsing or validating."""

from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path
from typing import IO, Optional

from aetherlint.reports import gate
from aetherlint.commands import outputs
from aetherlint.escape import md_code
from aetherlint.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from aetherlint.words import plural
from aetherlint.result import utc_timestamp


def run(
    new: str,
    ref: str,
    abs_threshold: int = 5,
    rel_threshold: float = 0.10,
    codes: Optional[str] = None,
    fail_on_missing_ref: bool = False,
    results_path: Optional[str] = None,
    sign_off_path: Optional[str] = None,
    classification: Optional[str] = None,
    stdout: Optional[IO[str]] = None,
    stderr: Optional[IO[str]] = None,
) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    if abs_threshold < 0 or not (math.isfinite(rel_threshold) and rel_threshold >= 0):
        raise UsageError("--abs-threshold and --rel-threshold must be finite and not negative")
    code_list = gate.parse_codes(codes)
    outputs.check({"--results": results_path, "--sign-off": sign_off_path})
    new_baseline = gate.load(Path(new), "new")
    if Path(ref).exists() or fail_on_missing_ref:
        ref_baseline = gate.load(Path(ref), "reference")
    else:
        print(f"aetherlint: note: reference baseline {ref} not found; comparing against zero counts", file=stderr)
        ref_baseline = gate.EMPTY
    stale = _stale_suppressions(Path(classification)) if classification else None
    timestamp = utc_timestamp()
    report = {"timestamp": timestamp, **gate.compare(new_baseline, ref_baseline, code_list, abs_threshold, rel_threshold)}
    gates = _gates(report, code_list, stale)
    all_passed = all(g["ok"] for g in gates.values())
    report["ok"] = all_passed
    # An artifact on stdout keeps it parseable: the report goes to stderr then.
    report_stream = stderr if outputs.to_stdout(results_path, sign_off_path) else stdout
    print(json.dumps(report, indent=2, sort_keys=True, allow_nan=False), file=report_stream)
    if results_path:
        results = {"_meta": {"ts": timestamp, "all_passed": all_passed}, **gates}
        outputs.write(results_path, json.dumps(results, indent=2) + "\n", stdout)
    if sign_off_path:
        outputs.write(sign_off_path, _sign_off(report, gates, all_passed), stdout)
    return EXIT_OK if all_passed else EXIT_FINDINGS


def _gates(report: dict, codes: tuple[str, ...], stale: Optional[dict]) -> dict[str, dict]:
    gates: dict[str, dict] = {}
    for code in codes:
        started = time.perf_counter()
        found = [r for r in report["regressions"] if r["code"] == code]
        details = found[0] if found else {
            "code": code, "old": report["ref_counts"].get(code, 0), "new": report["new_counts"].get(code, 0)}
        gates[gate.GATE_NAMES.get(code, f"{code.lower()}_regression")] = _entry(not found, details, started)
    started = time.perf_counter()
    internal = report["new_internal_errors"]
    gates["internal_errors"] = _entry(not internal, {"files": internal}, started)
    if stale is not None:
        started = time.perf_counter()
        gates["stale_suppressions"] = _entry(not stale["stale"] and not stale["expired"], stale, started)
    return gates


def _entry(ok: bool, details: dict, started: float) -> dict:
    return {"ok": ok, "manual": False, "duration_sec": round(time.perf_counter() - started, 6), "details": details}


def _stale_suppressions(path: Path) -> dict:
    from aetherlint.jsonread import loads
    from aetherlint.reports.suppressions import is_fingerprint

    try:
        summary = loads(path.read_text(encoding="utf-8"))["summary"]
        found = {"stale": list(summary["stale_suppressions"]), "expired": list(summary["expired_suppressions"])}
    except OSError as exc:
        raise UsageError(f"classification {path}: cannot read ({exc.strerror})") from None
    except (ValueError, KeyError, TypeError):
        raise UsageError(f"classification {path}: not a classify JSON artifact") from None
    if not all(is_fingerprint(fp) for fps in found.values() for fp in fps):
        raise UsageError(f"classification {path}: a stale or expired suppression is not 16 hex digits")
    return found


def _sign_off(report: dict, gates: dict[str, dict], all_passed: bool) -> str:
    lines = [f"## aetherlint go/no-go: {'GO ✅' if all_passed else 'NO-GO ❌'}", "", "| gate | result | details |",
             "|---|---|---|"]
    for name, entry in gates.items():
        mark = "✅ pass" if entry["ok"] else "❌ fail"
        lines.append(f"| {name} | {mark} | {gate.describe(entry['details'])} |")
    newly, fixed = report["newly_failing"], report["fixed"]
    lines += [
        "",
        f"- Newly failing files: {len(newly)}"
        + (": " + ", ".join(f"{md_code(f['path'])} ({md_code(f['code_name'])})" for f in newly[:10]) if newly else ""),
        f"- Fixed files: {len(fixed)}" + (": " + ", ".join(md_code(f["path"]) for f in fixed[:10]) if fixed else ""),
        f"- Thresholds: more than {plural(report['abs_threshold'], 'file')} and more than {report['rel_threshold']:.0%}",
        f"- Checked {report['timestamp']}",
    ]
    return "\n".join(lines) + "\n"
