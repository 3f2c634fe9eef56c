"""Finding `*.aether` files under a root: sorted, pruned, never outside the root, never looping."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

SUFFIX = ".aether"
Skip = Callable[[Path, bool], bool]  # (path, is a folder) -> leave it out (see exclusions.py)


@dataclass
class Discovery:
    """What a walk found: workflows, and what it could not or would not follow (never silent)."""

    files: list[tuple[Path, str]] = field(default_factory=list)  # (path, relative POSIX path)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (relative folder, reason)
    outside: list[str] = field(default_factory=list)  # symlinks leading outside the root
    dangling: list[str] = field(default_factory=list)  # symlinks leading nowhere


def discover(root: Path, skip: Optional[Skip] = None, limit: Optional[int] = None) -> list[tuple[Path, str]]:
    """(path, POSIX path relative to `root`) for every workflow, sorted by the relative path."""
    return walk(root, skip, limit).files


def walk(root: Path, skip: Optional[Skip] = None, limit: Optional[int] = None) -> Discovery:
    """Every workflow under `root`, sorted by relative path, and what was left out and why.

    Symlinks are followed only while they stay inside `root`; a directory reached twice (a link
    loop) is read once. `skip(path, is_dir)` leaves out a file or a whole folder (`root` itself is
    never asked about: it was named). Any entry named `*.aether` that is not a directory is
    listed, whatever its type: reading decides (a FIFO is IO_ERROR, not a skip).
    """
    leave_out = skip or (lambda _path, _is_dir: False)
    root_real = os.path.realpath(root)
    found = Discovery()
    seen: set[str] = set()

    def unreadable(exc: OSError) -> None:
        rel = Path(exc.filename).relative_to(root).as_posix() if exc.filename else "."
        reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc)).lower()
        found.unreadable.append((rel, reason))

    for folder, dirs, files in os.walk(root, onerror=unreadable, followlinks=True):
        real = os.path.realpath(folder)
        rel_folder = Path(folder).relative_to(root).as_posix()
        if real in seen or not _inside(real, root_real):
            if real not in seen:
                found.outside.append(rel_folder)
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not leave_out(Path(folder) / d, True))
        for name in files:
            if name.endswith(SUFFIX) and not leave_out(Path(folder) / name, False):
                _add_file(found, Path(folder) / name, _join(rel_folder, name), root_real)
    found.files.sort(key=lambda item: item[1])
    for names in (found.outside, found.dangling):
        names.sort()
    found.unreadable.sort()
    if limit is not None:
        found.files = found.files[:limit]
    return found


def _add_file(found: Discovery, path: Path, rel: str, root_real: str) -> None:
    if os.path.islink(path):
        if not os.path.exists(path):
            found.dangling.append(rel)
            return
        if not _inside(os.path.realpath(path), root_real):
            found.outside.append(rel)
            return
    found.files.append((path, rel))


def _join(folder: str, name: str) -> str:
    return name if folder == "." else f"{folder}/{name}"


def _inside(real: str, root_real: str) -> bool:
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)

