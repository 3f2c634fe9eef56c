"""Run history: one snapshot per run, the last `keep` of them kept, and a `trends.json` of the
last runs.

A run's cost does not grow with the history: its snapshot is written once (atomically, under a
name no other run uses, so without the lock), and trends.json is updated from the new snapshot's
summary alone. The inter-process lock covers only the small writes: reading and rewriting
trends.json and deleting the oldest snapshots. A run that cannot get the lock still has its
snapshot on disk.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

import portalocker

from aetherlint.fileio import atomic_write

TRENDS_FILE = "trends.json"
TRENDS_LENGTH = 20
SNAPSHOT_SUFFIX = "_classification.json"
DEFAULT_KEEP = 50
LOCK_TIMEOUT = 60.0  # seconds; the lock is held for milliseconds, so this is a stuck process


class HistoryBusy(Exception):
    """The lock stayed taken for LOCK_TIMEOUT: the snapshot is written, trends.json is not updated."""


def record_run(
    folder: Path, stamp: str, run_id: str, document: dict, warn: Callable[[str], None], keep: int = DEFAULT_KEEP
) -> Path:
    """Write this run's snapshot, add it to trends.json and prune; returns the snapshot's path."""
    folder.mkdir(parents=True, exist_ok=True)
    snapshot = folder / f"{stamp}-{run_id}{SNAPSHOT_SUFFIX}"
    atomic_write(snapshot, json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    point = trend_point(snapshot.name, document["summary"])
    try:
        with portalocker.Lock(str(folder / ".lock"), timeout=LOCK_TIMEOUT):
            pruned = _prune(folder, keep, snapshot.name)
            points = [p for p in _read_trends(folder, warn) if p["snapshot"] not in pruned]
            points.append(point)
            points.sort(key=lambda p: p["timestamp"])  # stable: runs in one second stay in run order
            atomic_write(folder / TRENDS_FILE, json.dumps(points[-TRENDS_LENGTH:], indent=2, sort_keys=True) + "\n")
    except portalocker.LockException:
        raise HistoryBusy(
            f"{folder / '.lock'} stayed locked for {LOCK_TIMEOUT:g} s; {snapshot.name} is written, "
            f"{TRENDS_FILE} is not updated"
        ) from None
    return snapshot


def trend_point(name: str, summary: dict) -> dict:
    return {
        "snapshot": name,
        "timestamp": summary["timestamp"],
        "total": summary["total"],
        "failed": summary["failed"],
        "suppressed": summary["suppressed_failures"],
        "categories": {category: c["count"] for category, c in summary["categories"].items()},
    }


def _read_trends(folder: Path, warn: Callable[[str], None]) -> list[dict]:
    """The points of trends.json; a missing file is an empty history, an unreadable one restarts."""
    try:
        points = json.loads((folder / TRENDS_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        why = "not JSON" if isinstance(exc, (ValueError, RecursionError)) else type(exc).__name__
        warn(f"{TRENDS_FILE} is not readable ({why}); it restarts from this run")
        return []
    if not isinstance(points, list) or not all(_is_point(p) for p in points):
        warn(f"{TRENDS_FILE} is not a list of trend points; it restarts from this run")
        return []
    return points


def _is_point(point: object) -> bool:
    return isinstance(point, dict) and all(isinstance(point.get(key), str) for key in ("snapshot", "timestamp"))


def _prune(folder: Path, keep: int, current: str) -> set[str]:
    """Delete all but the newest `keep` snapshots (never this run's); returns the deleted names.
    Newest by the UTC stamp in the name, then by modification time (runs in the same second)."""
    found: list[tuple[str, int, str]] = []
    for entry in os.scandir(folder):
        if entry.name.endswith(SNAPSHOT_SUFFIX) and entry.name != current:
            try:
                found.append((entry.name.split("-", 1)[0], entry.stat(follow_symlinks=False).st_mtime_ns, entry.name))
            except OSError:
                continue
    found.sort()
    deleted: set[str] = set()
    for _, _, name in found[: max(0, len(found) - (keep - 1))]:
        try:
            os.unlink(folder / name)
            deleted.add(name)
        except FileNotFoundError:
            deleted.add(name)  # another run pruned it first
        except OSError:
            pass
    return deleted
