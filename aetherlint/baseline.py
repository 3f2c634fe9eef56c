"""The parse baseline: what parses and validates today, per file and per code (no execution)."""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from aetherlint.fingerprints import of_result
from aetherlint.result import FileResult


def build(results: Sequence[FileResult], timestamp: str) -> dict:
    files = []
    for result in sorted(results, key=lambda r: r.path):
        fingerprint, stable = of_result(result)
        first = result.first
        files.append(
            {
                "path": result.path,
                "code": result.code,
                "code_name": result.code_name,
                "line": first.line if first else None,
                "message": first.message if first else "ok",
                "fingerprint": fingerprint,
                "stable_fingerprint": stable,
            }
        )
    failing = sum(1 for f in files if f["code"] != 0)
    return {
        "timestamp": timestamp,
        "total": len(files),
        "by_code": dict(sorted(Counter(f["code_name"] for f in files).items())),
        "failure_rate": round(failing / len(files), 4) if files else 0.0,
        "files": files,
    }
