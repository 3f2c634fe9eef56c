"""Content-addressed result cache under `.aetherlint_cache/` (modification times are not trusted:
CI checkouts reset them). The key hashes the file's bytes with everything that can change its
result: tool version, grammar, configuration. Whoever stores a result computes the key from the
very bytes that were checked (`classify` workers hash what they read), so a file edited during a
run can never leave a result under the key of other bytes.

What the cache trusts: that a well-formed entry was written by aetherlint for the key it sits
under, i.e. that nobody but earlier runs writes the folder (a CI cache restored from earlier runs
of the same workflow qualifies; a cache committed to a repository does not, which is why the
folder carries a `.gitignore`). Everything else is checked and, when wrong, is a miss that only
costs speed: entries must be regular files (a symlink anywhere under the folder, a FIFO or a
device is never followed or opened), at most `_MAX_ENTRY_BYTES` long, and JSON of the exact shape
`FileResult.to_dict` writes, with a known code, known rule ids, a known phase and positive ints.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Iterable, Optional

import xxhash

from aetherlint import __version__
from aetherlint.codes import CODES
from aetherlint.rules import RULES
from aetherlint.diagnostic import from_plain
from aetherlint.jsonread import is_int
from aetherlint.directives import directive_from_plain
from aetherlint.result import PHASES, FileResult
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
_MAX_ENTRY_BYTES = 32_000_000  # far above any real entry; bounds what a planted file can cost
_ENTRY_KEYS = frozenset({"path", "code", "phase", "diagnostics", "traceback", "directives"})
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # POSIX only: Windows relies on the lstat checks


def code_stamp() -> str:
    """Identifies the installed aetherlint code (file sizes and times), so a development checkout
    whose version number has not changed still never serves results computed by older code."""
    package = Path(__file__).resolve().parent.parent  # all of aetherlint, not only runner/
    return ",".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sorted(package.rglob("*.py")))


class ResultCache:
    def __init__(self, project_root: Path, extra_builtins: Iterable[str] = (), run_cmd: Optional[str] = None) -> None:
        self.folder = project_root / CACHE_DIR_NAME
        settings = [",".join(sorted(extra_builtins)), run_cmd or ""]
        salt = "\0".join([__version__, grammar_hash(), code_stamp(), *settings])
        self._salt = salt.encode("utf-8")
        # Folders found to be real directories (no symlink up to the cache root) in this run:
        # checked once each, since the cache is not written concurrently by anyone hostile.
        self._verified: set[str] = set()

    def key(self, data: bytes) -> str:
        digest = xxhash.xxh3_128(self._salt)
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / _LAYOUT / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> Optional[FileResult]:
        from aetherlint.safeopen import read_regular

        target = self._path(key)
        if str(target.parent) not in self._verified and not self._real_folders(target.parent):
            return None
        self._verified.add(str(target.parent))
        try:
            data = json.loads(read_regular(target, _MAX_ENTRY_BYTES, follow=False).decode("utf-8"))
        except (OSError, ValueError, RecursionError):  # missing, planted, torn, absurdly nested
            return None
        return entry_result(data, path)

    def put(self, key: str, result: FileResult) -> None:
        if result.code in _UNCACHED_CODES:
            return
        target = self._path(key)
        text = json.dumps(result.to_dict(), separators=(",", ":")).encode("utf-8")
        if len(text) > _MAX_ENTRY_BYTES:
            return  # it could never be read back
        try:
            self._ensure_folder()
            for folder in (target.parent.parent, target.parent):  # each checked before entering it
                _mkdir(folder)
                if not stat.S_ISDIR(os.lstat(folder).st_mode):
                    return
            tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            _write_new(tmp, text)
            os.replace(tmp, target)  # replaces a planted link itself, never what it points to
        except OSError:
            pass  # an unwritable cache only costs speed

    def _real_folders(self, folder: Path) -> bool:
        """True if `folder` and each folder between it and the cache root are real directories
        (lstat: never a symlink, on every OS)."""
        while True:
            try:
                if not stat.S_ISDIR(os.lstat(folder).st_mode):
                    return False
            except OSError:
                return False
            if folder == self.folder:
                return True
            folder = folder.parent

    def _ensure_folder(self) -> None:
        _mkdir(self.folder)
        if not self._real_folders(self.folder):
            raise NotADirectoryError(f"{self.folder} is not a real directory")
        if os.path.lexists(self.folder / "CACHEDIR.TAG"):
            return
        for name, text in (("CACHEDIR.TAG", _CACHEDIR_TAG), (".gitignore", "# created by aetherlint\n*\n")):
            try:
                _write_new(self.folder / name, text.encode("utf-8"))
            except FileExistsError:
                pass


def entry_result(data: object, path: str) -> Optional[FileResult]:
    """The FileResult a cache entry describes, or None unless it has exactly the shape and the
    values `FileResult.to_dict` produces."""
    if not isinstance(data, dict) or set(data) != _ENTRY_KEYS:
        return None
    code, phase, raw, trace = data["code"], data["phase"], data["diagnostics"], data["traceback"]
    if not (is_int(code) and code in CODES and code not in _UNCACHED_CODES and phase in PHASES):
        return None
    if not (isinstance(data["path"], str) and trace is None and isinstance(raw, list)):
        return None
    try:
        diagnostics = tuple(from_plain(item) for item in raw)
        directives = tuple(directive_from_plain(item) for item in data["directives"]) if isinstance(data["directives"], list) else None
    except ValueError:
        return None
    if directives is None:
        return None
    if not all(d.rule in RULES for d in diagnostics):
        return None
    first = next((d for d in diagnostics if d.is_error), None)
    if (code == 0) != (first is None):
        return None
    if first is not None and phase != "run" and code != RULES[first.rule].code:
        return None  # only an interpreter's status may carry a code other than its rule's
    return FileResult(path, code, phase, diagnostics, directives=directives)


def _mkdir(folder: Path) -> None:
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass


def _write_new(path: Path, data: bytes) -> None:
    """Create `path` (never through a symlink, never over an existing file) and write `data`."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | getattr(os, "O_BINARY", 0), 0o666)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def clean(project_root: Path) -> bool:
    """Remove the cache folder; True if there was one."""
    folder = project_root / CACHE_DIR_NAME
    if not folder.exists():
        return False
    import shutil  # only `clean` removes anything (shutil imports bz2 and lzma: start-up time)

    shutil.rmtree(folder)
    return True
