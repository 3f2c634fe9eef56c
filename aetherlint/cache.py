"""Content-addressed result cache under `.aetherlint_cache/` (modification times are not trusted:
CI checkouts reset them). The key hashes the file's bytes with everything that can change its
result: tool version, grammar, configuration."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Iterable, Optional

import xxhash

from aetherlint import __version__
from aetherlint.result import FileResult
from aetherlint.syntax.tables import grammar_hash

CACHE_DIR_NAME = ".aetherlint_cache"
_LAYOUT = "v1"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by aetherlint.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)
# Results that depend on the machine or the moment are never cached.
_UNCACHED_CODES = frozenset({23, 27})


def code_stamp() -> str:
    """Identifies the installed aetherlint code (file sizes and times), so a development checkout
    whose version number has not changed still never serves results computed by older code."""
    package = Path(__file__).parent
    return ",".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sorted(package.rglob("*.py")))


class ResultCache:
    def __init__(self, project_root: Path, extra_builtins: Iterable[str] = (), run_cmd: Optional[str] = None) -> None:
        self.folder = project_root / CACHE_DIR_NAME
        settings = [",".join(sorted(extra_builtins)), run_cmd or ""]
        salt = "\0".join([__version__, grammar_hash(), code_stamp(), *settings])
        self._salt = salt.encode("utf-8")

    def key(self, data: bytes) -> str:
        digest = xxhash.xxh3_128(self._salt)
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / _LAYOUT / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> Optional[FileResult]:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return FileResult.from_dict(data, path)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        if result.code in _UNCACHED_CODES:
            return
        target = self._path(key)
        try:
            self._ensure_folder()
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(result.to_dict(), separators=(",", ":")), encoding="utf-8")
            os.replace(tmp, target)
        except OSError:
            pass  # an unwritable cache only costs speed

    def _ensure_folder(self) -> None:
        if (self.folder / "CACHEDIR.TAG").exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "CACHEDIR.TAG").write_text(_CACHEDIR_TAG, encoding="utf-8")
        (self.folder / ".gitignore").write_text("# created by aetherlint\n*\n", encoding="utf-8")


def clean(project_root: Path) -> bool:
    """Remove the cache folder; True if there was one."""
    folder = project_root / CACHE_DIR_NAME
    if not folder.exists():
        return False
    shutil.rmtree(folder)
    return True
