"""Finding `*.aether` files under a root: sorted, pruned, never outside the root, never looping."""

from __future__ import annotations

import os
from fnmatch import fnmatch
from pathlib import Path
from typing import Optional, Sequence

SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", ".venv", "venv", "build", "dist", "node_modules"})
SUFFIX = ".aether"


def discover(root: Path, exclude: Sequence[str] = (), limit: Optional[int] = None) -> list[tuple[Path, str]]:
    """(path, POSIX path relative to `root`) for every workflow, sorted by the relative path.

    Symlinks are followed only while they stay inside `root`; a directory reached twice (a link
    loop) is read once. `exclude` holds glob patterns matched against relative paths and their
    parent folders (`legacy/*`, `*.draft.aether`, `generated`).
    """
    root_real = os.path.realpath(root)
    found: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen or not _inside(real, root_real):
            dirs[:] = []
            continue
        seen.add(real)
        rel_folder = Path(folder).relative_to(root).as_posix()
        dirs[:] = sorted(
            d for d in dirs if d not in SKIPPED_DIRS and not _excluded(_join(rel_folder, d), exclude)
        )
        for name in files:
            if not name.endswith(SUFFIX):
                continue
            rel = _join(rel_folder, name)
            path = Path(folder) / name
            if _excluded(rel, exclude) or not _inside(os.path.realpath(path), root_real) or not path.is_file():
                continue
            found.append((path, rel))
    found.sort(key=lambda item: item[1])
    return found[:limit] if limit is not None else found


def _join(folder: str, name: str) -> str:
    return name if folder == "." else f"{folder}/{name}"


def _inside(real: str, root_real: str) -> bool:
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def _excluded(rel: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch(rel, p) or fnmatch(rel, p.rstrip("/") + "/*") for p in patterns)
