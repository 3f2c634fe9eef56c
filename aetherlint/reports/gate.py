"""The regression gate: compare a new parse baseline with a reference one. Pure, except `load`.

A code regresses when its count grows by more than BOTH thresholds (the relative increase counts
as 100% when the old count is 0; equal to a threshold is not more). Any file that newly hits
INTERNAL_ERROR fails the gate whatever the thresholds. Per-file lists of newly failing and fixed
files mean a fix elsewhere never hides a new break.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from aetherlint.codes import CODE_BY_NAME
from aetherlint.errors import UsageError
from aetherlint.jsonread import BadJson, is_int, loads
from aetherlint.words import plural

DEFAULT_CODES = ("PARSE_ERROR", "VALIDATION_ERROR")
GATE_NAMES = {"PARSE_ERROR": "parse_regression", "VALIDATION_ERROR": "validation_regression"}


@dataclass(frozen=True)
class Baseline:
    counts: dict[str, int]
    files: dict[str, str]  # path -> code_name


EMPTY = Baseline({}, {})


def load(path: Path, role: str) -> Baseline:
    """Read and validate a baseline; every problem is a one-line UsageError (exit status 2)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{role} baseline {path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{role} baseline {path}: cannot read ({exc})") from None
    try:
        data = loads(text)
    except BadJson as exc:
        raise UsageError(f"{role} baseline {path}: {exc}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{role} baseline {path}: expected a JSON object, got {type(data).__name__}")
    by_code = data.get("by_code")
    if not isinstance(by_code, dict):
        raise UsageError(f"{role} baseline {path}: 'by_code' must be an object of counts")
    counts = {}
    for name, value in by_code.items():
        count = value.get("count") if isinstance(value, dict) else value
        if not is_int(count) or count < 0:
            raise UsageError(f"{role} baseline {path}: count for {name!r} is not a non-negative integer: {count!r}")
        counts[name] = count
    return Baseline(counts, _files(data.get("files"), f"{role} baseline {path}"))


def _files(entries: object, where: str) -> dict[str, str]:
    if entries is None:
        return {}
    if not isinstance(entries, list):
        raise UsageError(f"{where}: 'files' must be a list")
    files = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            continue
        code_name = entry.get("code_name", "")
        for key, value in (("path", entry["path"]), ("code_name", code_name)):
            if isinstance(value, str) and not _encodable(value):  # it would crash the sign-off write
                raise UsageError(f"{where}: files[{index}]: {key!r} is not valid Unicode (a lone surrogate)")
        files[entry["path"]] = str(code_name)
    return files


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_codes(text: Optional[str]) -> tuple[str, ...]:
    if text is None:
        return DEFAULT_CODES
    codes = tuple(c.strip().upper() for c in text.split(",") if c.strip())
    unknown = [c for c in codes if c not in CODE_BY_NAME]
    if unknown or not codes:
        raise UsageError(f"--codes: unknown code name {unknown[0] if unknown else text!r}")
    return codes


def regression(code: str, old: int, new: int, abs_threshold: float, rel_threshold: float) -> Optional[dict]:
    delta = new - old
    relative = 1.0 if old == 0 else delta / old
    if delta > abs_threshold and relative > rel_threshold:
        return {"code": code, "old": old, "new": new, "delta": delta, "relative_increase": round(relative, 4)}
    return None


def compare(
    new: Baseline, ref: Baseline, codes: Sequence[str], abs_threshold: float, rel_threshold: float
) -> dict:
    regressions = [
        r
        for code in codes
        if (r := regression(code, ref.counts.get(code, 0), new.counts.get(code, 0), abs_threshold, rel_threshold))
    ]
    newly_failing = [
        {"path": path, "code_name": code, "was": ref.files.get(path)}
        for path, code in sorted(new.files.items())
        if code != "SUCCESS" and ref.files.get(path, "SUCCESS") == "SUCCESS"
    ]
    fixed = [
        {"path": path, "code_name": code, "now": new.files.get(path)}
        for path, code in sorted(ref.files.items())
        if code != "SUCCESS" and new.files.get(path, "SUCCESS") == "SUCCESS"
    ]
    internal = [
        path
        for path, code in sorted(new.files.items())
        if code == "INTERNAL_ERROR" and ref.files.get(path) != "INTERNAL_ERROR"
    ]
    return {
        "ok": not regressions and not internal,
        "new_counts": dict(sorted(new.counts.items())),
        "ref_counts": dict(sorted(ref.counts.items())),
        "abs_threshold": abs_threshold,
        "rel_threshold": rel_threshold,
        "regressions": regressions,
        "new_internal_errors": internal,
        "newly_failing": newly_failing,
        "fixed": fixed,
    }


def describe(details: dict) -> str:
    """A gate's details in a few words (gate_results.json entries, for the sign-off and the HTML report)."""
    if "code" in details:
        return f"{details['code']}: {details['old']} → {details['new']}"
    if "files" in details:
        return plural(len(details["files"]), "new internal error") if details["files"] else "none new"
    return f"{len(details['stale'])} stale, {len(details['expired'])} expired"
