"""Run history: one snapshot per run and a `trends.json` of the last runs.

Every write is atomic (temporary file + rename) and all of them happen under one inter-process
lock, so concurrent runs lose nothing and leave no torn file. Snapshot names carry a per-run id,
so two runs in the same second never overwrite each other.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Optional

import portalocker

from aetherlint.fileio import atomic_write

TRENDS_FILE = "trends.json"
TRENDS_LENGTH = 20
SNAPSHOT_SUFFIX = "_classification.json"


def record_run(
    folder: Path, stamp: str, run_id: str, document: dict, warn: Callable[[str], None]
) -> Path:
    """Write this run's snapshot and rewrite trends.json; returns the snapshot's path."""
    folder.mkdir(parents=True, exist_ok=True)
    snapshot = folder / f"{stamp}-{run_id}{SNAPSHOT_SUFFIX}"
    with portalocker.Lock(str(folder / ".lock"), timeout=60):
        atomic_write(snapshot, json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        points = [p for p in (_trend_point(path, warn) for path in sorted(folder.glob(f"*{SNAPSHOT_SUFFIX}"))) if p]
        points.sort(key=lambda p: (p["timestamp"], p["snapshot"]))
        atomic_write(folder / TRENDS_FILE, json.dumps(points[-TRENDS_LENGTH:], indent=2, sort_keys=True) + "\n")
    return snapshot


def _trend_point(path: Path, warn: Callable[[str], None]) -> Optional[dict]:
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))["summary"]
        return {
            "snapshot": path.name,
            "timestamp": summary["timestamp"],
            "total": summary["total"],
            "failed": summary["failed"],
            "suppressed": summary["suppressed_failures"],
            "categories": {name: c["count"] for name, c in summary["categories"].items()},
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        warn(f"skipping unreadable history snapshot {path.name}: {type(exc).__name__}")
        return None
