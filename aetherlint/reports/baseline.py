"""The parse baseline: what parses and validates today, per file and per code (no execution)."""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from aetherlint.reports.fingerprints import summary_fields
from aetherlint.result import FileResult


def build(results: Sequence[FileResult], timestamp: str) -> dict:
    keys = ("path", "code", "code_name", "line", "message", "fingerprint", "stable_fingerprint")
    files = []
    for result in sorted(results, key=lambda r: r.path):
        fields = summary_fields(result)
        files.append({key: fields[key] for key in keys})
    failing = sum(1 for f in files if f["code"] != 0)
    return {
        "timestamp": timestamp,
        "total": len(files),
        "by_code": dict(sorted(Counter(f["code_name"] for f in files).items())),
        "failure_rate": round(failing / len(files), 4) if files else 0.0,
        "files": files,
    }
