"""`aetherlint clean`: remove the result cache."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Optional

from aetherlint.cache import CACHE_DIR_NAME, clean
from aetherlint.errors import EXIT_OK


def run(root: str, stdout: Optional[IO[str]] = None) -> int:
    stdout = stdout or sys.stdout
    removed = clean(Path(root))
    where = Path(root) / CACHE_DIR_NAME
    print(f"Removed {where}" if removed else f"No cache at {where}", file=stdout)
    return EXIT_OK
