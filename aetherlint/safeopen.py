"""Reading a file only when it is a regular file, and never more than a bound.

A FIFO, socket or device named like a workflow (or planted in the cache) is never opened: the
type is checked with a stat before the open and again on the open descriptor. O_NONBLOCK is a
belt for a FIFO swapped in between the two (it makes `open` return at once instead of waiting
for a writer). The read stops at `limit + 1` bytes, so a file that grows, or a link to
`/dev/zero`, never costs more memory than the limit.

Portability: O_NONBLOCK and O_NOFOLLOW do not exist on Windows; there `follow=False` is
enforced by an lstat before the open and an identity check (device and inode) after it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from aetherlint.words import plural

_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX only
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # POSIX only
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows only


class NotRegular(OSError):
    """The path exists but is not a regular file (`kind` says what it is)."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"not a regular file ({kind})")
        self.kind = kind


class TooLarge(OSError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"file too large ({human_size(size, 1)} > {human_size(limit)} limit)")
        self.size, self.limit = size, limit


def read_regular(path: Path, limit: int, *, follow: bool = True) -> bytes:
    """The bytes of `path`, at most `limit`. Raises NotRegular, TooLarge or another OSError;
    with `follow=False` a symlink is NotRegular."""
    st = os.stat(path) if follow else os.lstat(path)
    _require_regular(st.st_mode)
    if st.st_size > limit:
        raise TooLarge(st.st_size, limit)
    flags = os.O_RDONLY | _O_NONBLOCK | _O_BINARY | (0 if follow else _O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if not follow and exc.errno == getattr(os, "ELOOP", None):  # O_NOFOLLOW met a symlink
            raise NotRegular("symbolic link") from None
        raise
    try:
        opened = os.fstat(fd)
        _require_regular(opened.st_mode)
        if not follow and not _O_NOFOLLOW and (opened.st_dev, opened.st_ino) != (st.st_dev, st.st_ino):
            raise NotRegular("replaced while opened")  # Windows: a link swapped in after the lstat
        data = os.read(fd, min(opened.st_size, limit) + 1)  # the size is a hint: read on to EOF
        while len(data) <= limit:
            more = os.read(fd, limit + 1 - len(data))
            if not more:
                break
            data += more
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TooLarge(max(len(data), opened.st_size), limit)
    return data


def _require_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError("is a directory")
    raise NotRegular(file_kind(mode))


def file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISLNK, "symbolic link"),
    ):
        if test(mode):
            return name
    return "special file"


def human_size(size: float, decimals: int | None = None) -> str:
    """`12.0 MB`, `5 MB`, `800 bytes` (1 kB = 1,000 bytes). With `decimals` the figure has that many."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= factor:
            value = size / factor
            return f"{value:.{decimals}f} {unit}" if decimals is not None else f"{value:g} {unit}"
    return plural(int(size), "byte")
