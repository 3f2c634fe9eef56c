"""Reading workflow files: bytes in, text or a positioned IO diagnostic out. No parsing here."""

from __future__ import annotations

import codecs
from pathlib import Path

from aetherlint.result import Diagnostic


class SourceError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


DEFAULT_MAX_FILE_SIZE = 5_000_000  # bytes (`max-file-size`): larger files are never read whole


def read_bytes(path: Path, limit: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The file's bytes, if it is a regular file of at most `limit` bytes (see safeopen)."""
    from aetherlint.safeopen import NotRegular, TooLarge, read_regular

    try:
        return read_regular(path, limit)
    except (NotRegular, TooLarge) as exc:
        rule = "AE2604" if isinstance(exc, NotRegular) else "AE2605"
        raise SourceError(Diagnostic(rule, 1, 1, str(exc))) from None
    except FileNotFoundError:
        raise SourceError(Diagnostic("AE2601", 1, 1, "file not found")) from None
    except IsADirectoryError:
        raise SourceError(Diagnostic("AE2601", 1, 1, "is a directory, not a file")) from None
    except PermissionError:
        raise SourceError(Diagnostic("AE2601", 1, 1, "permission denied")) from None
    except OSError as exc:
        raise SourceError(Diagnostic("AE2601", 1, 1, f"cannot read file: {exc.strerror or exc}")) from None


def decode(data: bytes) -> str:
    """UTF-8 text without its BOM. CRLF is kept: the lexer treats CR as blank, so columns hold."""
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _locate(data, nul)
        raise SourceError(Diagnostic("AE2602", line, col, f"NUL byte at byte offset {nul}: binary data, not text"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _locate(data, exc.start)
        byte = data[exc.start]
        raise SourceError(
            Diagnostic("AE2603", line, col, f"invalid UTF-8 byte 0x{byte:02X} at byte offset {exc.start}")
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def _locate(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset (the bytes before it on its line are valid)."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[line_start:offset]
    if prefix.startswith(codecs.BOM_UTF8):
        prefix = prefix[3:]
    return data.count(b"\n", 0, offset) + 1, len(prefix.decode("utf-8", errors="replace")) + 1
