"""What the commands that rewrite the user's files in place (`migrate --apply`, `sign`) share:
which real file to write, or why a file is left alone."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from aetherlint.runner.targets import Target


def link_root(arg: str, entry: "Target") -> Path:
    """Where the symlinks of a file named through `arg` may lead: inside the directory given,
    else the project (without a configuration file, the file's own folder)."""
    settings = entry.settings
    return Path(arg) if Path(arg).is_dir() else settings.root if settings.file else entry.path.parent


def target(path: Path, root: Path, *, writing: bool, force: bool) -> tuple[Optional[Path], str]:
    """The real file to rewrite, or why it is skipped. Checked before anything opens it: a FIFO
    would block the open and a device has no end."""
    from aetherlint.fileio import kind

    try:
        st = os.stat(path)
    except OSError:
        return path, ""  # reading reports it as IO_ERROR
    if not stat.S_ISREG(st.st_mode):
        return None, f"not a regular file ({kind(st.st_mode)})"
    real = Path(os.path.realpath(path))
    if real != Path(os.path.abspath(path)) and not _inside(real, Path(os.path.realpath(root))):
        return None, f"symbolic link leading outside the project ({real})"
    if writing and not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) and not force:
        return None, "read-only (--force rewrites it)"
    return real, ""


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
