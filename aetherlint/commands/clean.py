"""`aetherlint clean`: remove the result cache."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Optional

from aetherlint.runner.cache import CACHE_DIR_NAME, clean
from aetherlint.errors import EXIT_OK, UsageError


def run(root: str, stdout: Optional[IO[str]] = None) -> int:
    stdout = stdout or sys.stdout
    where = Path(root) / CACHE_DIR_NAME
    # Only a real directory is ours to delete: a file or a link there is someone else's.
    if where.is_symlink() or (where.exists() and not where.is_dir()):
        what = "a symbolic link" if where.is_symlink() else "a regular file" if where.is_file() else "not a directory"
        raise UsageError(f"{where}: not a cache directory ({what}); left alone")
    try:
        removed = clean(Path(root))
    except OSError as exc:
        raise UsageError(f"{where}: cannot remove ({exc.strerror or exc})") from None
    print(f"Removed {where}" if removed else f"No cache at {where}", file=stdout)
    return EXIT_OK
