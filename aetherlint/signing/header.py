"""The signature header: the first line `# @signature: <value>`; the body it signs is every byte
after the first newline, exactly as on disk (CRLF kept).

Signing an unsigned file prepends the header line and keeps every byte of the file as the body;
re-signing replaces the value of the existing header and changes no other byte. A UTF-8 BOM
stays first, before the header (the parser only skips a BOM at the very start), and is not part
of the body. The header line ends as the file's first line does (`\\r\\n` in a CRLF file).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

PREFIX = b"# @signature:"
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Signed:
    """A file's bytes taken apart."""

    bom: bytes  # b"" or the UTF-8 BOM before the header
    value: Optional[str]  # the header's value (stripped), None when the first line is no header
    body: bytes  # what the signature covers
    newline: bytes  # how the header line ends (b"\n" or b"\r\n"; b"" when the file is only a header)


def split(data: bytes) -> Signed:
    bom = BOM if data.startswith(BOM) else b""
    rest = data[len(bom):]
    if not rest.startswith(PREFIX):
        return Signed(bom, None, data[len(bom):], _first_newline(rest))
    end = rest.find(b"\n")
    line = rest if end < 0 else rest[:end]
    newline = b"" if end < 0 else (b"\r\n" if line.endswith(b"\r") else b"\n")
    value = line[len(PREFIX):].rstrip(b"\r").strip()
    body = b"" if end < 0 else rest[end + 1:]
    return Signed(bom, value.decode("ascii", "replace"), body, newline)


def with_signature(parts: Signed, value: str) -> bytes:
    """The file with `value` in its header: the header replaced, or prepended to an unsigned
    file (whose bytes all stay, as the body)."""
    newline = parts.newline or b"\n"
    return parts.bom + PREFIX + b" " + value.encode("ascii") + newline + parts.body


def _first_newline(data: bytes) -> bytes:
    end = data.find(b"\n")
    return b"\r\n" if end > 0 and data[end - 1:end] == b"\r" else b"\n"
