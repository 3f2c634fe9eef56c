"""Writing files without damaging what is already there.

Two kinds of write. Artifacts (JSON, Markdown, history) are aetherlint's own: `atomic_write`
puts the new bytes in a temporary file in the same folder, fsyncs it and renames it over the
target, so readers see the old file or the new one, never a torn one. Files that belong to the
user (`migrate --apply`) are rewritten in place by `rewrite_in_place`, which keeps the file
itself (see why there).

Neither ever replaces something that is not a regular file (a device, a FIFO, a directory), and
a symlink is kept: the file it leads to is written. Temporary files are named
`.<name>.aetherlint-<pid>-<random>.tmp`, so a later run recognises the debris of a run that was
killed and removes it.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Optional

TMP_MARK = ".aetherlint-"
_TMP_RE = re.compile(r"^\..+\.aetherlint-(\d+)-[A-Za-z0-9_]+\.tmp$")
STALE_AFTER = 3600.0  # seconds; no write of ours takes an hour, so an older temp file is debris
_KINDS = {stat.S_IFDIR: "a directory", stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket", stat.S_IFLNK: "a symbolic link"}
_cleaned: set[str] = set()


class NotRegularFile(OSError):
    """The path exists and is not a regular file, so it is neither read nor replaced."""

    def __init__(self, path: Path, mode: int) -> None:
        super().__init__(f"{path}: exists and is not a regular file ({kind(mode)})")
        self.strerror = f"not a regular file ({kind(mode)})"


def kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def write_target(path: Path) -> Path:
    """The file a write to `path` replaces: `path`, or what its symlinks lead to (the links are
    kept). Raises NotRegularFile when that exists and is not a regular file."""
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path, mode)
    return target


def atomic_write_bytes(path: Path, data: bytes, mode: Optional[int] = None) -> None:
    """An existing file keeps its permissions unless `mode` is given; new files get 0666 & ~umask."""
    target = write_target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target.parent)
    if mode is None and target.exists():
        mode = stat.S_IMODE(target.stat().st_mode)
    tmp = _write_temp(target, data)
    try:
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())  # mkstemp creates 0600
        write_target(path)  # checked again: it may have become a FIFO while we were writing
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def rewrite_in_place(path: Path, data: bytes, read: os.stat_result, old: bytes, force: bool = False) -> None:
    """Replace the contents of the user's regular file `path` (read as `old`, with stat `read`)
    with `data`, keeping the file itself.

    Writing into the existing file was chosen over "temporary file, copy the metadata, rename":
    only it keeps hard links (a rename gives the name a new inode), and it keeps owner, group,
    mode, ACLs, extended attributes and file flags on every platform, with no per-OS copying code
    and without the privileges `chown` needs. What it gives up is atomicity, so the new bytes
    first go to a temporary file in the same folder, fsynced and read back: the space is there
    and the bytes are right before the target is touched. Then the target is written from offset
    0, truncated and fsynced; if that fails, the old bytes are put back. A file that changed
    since it was read (size, time, identity) is left alone. A read-only file is written only
    with `force`, and keeps its mode.
    """
    remove_stale_temps(path.parent)
    tmp = _write_temp(path, data)
    try:
        if Path(tmp).read_bytes() != data:
            raise OSError(0, "the temporary copy did not read back identical")
        restore = None
        if force and not read.st_mode & stat.S_IWUSR:
            os.chmod(path, read.st_mode | stat.S_IWUSR)  # for the owner; put back below
            restore = stat.S_IMODE(read.st_mode)
        try:
            _overwrite(path, data, read, old)
        finally:
            if restore is not None:
                os.chmod(path, restore)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _overwrite(path: Path, data: bytes, read: os.stat_result, old: bytes) -> None:
    # O_NONBLOCK: opening a FIFO swapped in since the check must not hang; O_NOFOLLOW: `path` is
    # already the real file, a symlink there now is someone else's. Both are POSIX-only flags;
    # on Windows neither a FIFO nor a symlink can appear under that name this way.
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        now = os.fstat(fd)
        if not stat.S_ISREG(now.st_mode):
            raise NotRegularFile(path, now.st_mode)
        if (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) != (
                read.st_dev, read.st_ino, read.st_size, read.st_mtime_ns):
            raise OSError(0, "the file changed while it was being migrated")
        try:
            _write_at_start(fd, data)
        except OSError:
            _write_at_start(fd, old)
            raise
    finally:
        os.close(fd)


def _write_at_start(fd: int, data: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def _write_temp(target: Path, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}{TMP_MARK}{os.getpid()}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def remove_stale_temps(folder: Path) -> None:
    """Remove our temporary files left in `folder` by a process that is gone, or older than
    STALE_AFTER (a pid can be reused). Once per folder per process: a migrate of many files in one
    folder scans it once."""
    key = os.path.abspath(folder)
    if key in _cleaned:
        return
    _cleaned.add(key)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _TMP_RE.match(entry.name)
        if not match:
            continue
        try:
            old = time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
            if old or not _alive(int(match.group(1))):
                os.unlink(entry.path)
        except OSError:
            pass  # someone else's, or already gone: never a reason to fail a write


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return True  # os.kill(pid, 0) would terminate the process on Windows: rely on age there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # exists but is not ours, or cannot tell: keep the file until it is old
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
