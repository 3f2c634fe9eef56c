"""Reading workflow files: bytes in, text or a positioned IO diagnostic out. No parsing here.

Also the one definition of a line, used by every component that counts or splits lines (lexer,
context lines, fingerprints, migrate, suppressions): `\n`, `\r\n` and a lone `\r` end a line,
nothing else does. `str.splitlines()` also breaks on form feeds, vertical tabs, `\x1c`-`\x1e`,
`\x85`, U+2028 and U+2029, which the lexer keeps inside a line; using it anywhere would make
line numbers disagree.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from aetherlint.diagnostic import Diagnostic


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
    except ValueError:  # a NUL in the name: no file can have it
        raise SourceError(Diagnostic("AE2601", 1, 1, "file not found (the name holds a NUL character)")) from None


def decode(data: bytes) -> str:
    """UTF-8 text without its BOM. Line endings are kept as they are (see `lexable`)."""
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
    head = _LONE_CR_BYTES.sub(b"\n", data[:offset])
    line_start = head.rfind(b"\n") + 1
    prefix = head[line_start:]
    if prefix.startswith(codecs.BOM_UTF8):
        prefix = prefix[3:]
    return head.count(b"\n") + 1, len(prefix.decode("utf-8", errors="replace")) + 1


_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_LONE_CR_RE = re.compile(r"\r(?!\n)")
_LONE_CR_BYTES = re.compile(rb"\r(?!\n)")


def split_lines(text: str) -> list[str]:
    """The lines of `text` without their endings (like `str.splitlines()`, with our line breaks)."""
    lines = _LINE_BREAK_RE.split(text)
    if lines[-1] == "":
        lines.pop()  # a final line break ends the last line; it does not start an empty one
    return lines


def lines_with_ends(text: str) -> list[str]:
    """The lines of `text` with their endings: `"".join(lines_with_ends(t)) == t`."""
    return _LINE_RE.findall(text)


def line_starts(text: str) -> list[int]:
    """Offset of the first character of every line (line n starts at `line_starts(text)[n - 1]`)."""
    return [0] + [m.end() for m in _LINE_BREAK_RE.finditer(text)]


def lexable(text: str) -> str:
    """`text` with every lone `\r` turned into `\n`: the same length, so every offset still points
    at the same character, and code that only knows `\n` sees our line breaks."""
    if "\r" not in text:
        return text
    return _LONE_CR_RE.sub("\n", text)
