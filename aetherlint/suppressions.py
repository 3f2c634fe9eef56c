"""The suppression list: accepted failures, by fingerprint, with optional owner and expiry.

Format, one entry per line:  `<16 hex> [owner=NAME] [expires=YYYY-MM-DD]  # comment`.
`#` lines are comments; a malformed line is reported with its number and skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from aetherlint.source import split_lines

_FINGERPRINT_RE = re.compile(r"^[0-9a-f]{16}$")


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    line: int
    owner: Optional[str] = None
    expires: Optional[dt.date] = None


@dataclass
class SuppressionList:
    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "suppressions.txt:4: ..." one-liners

    def active(self, today: dt.date) -> dict[str, Entry]:
        return {e.fingerprint: e for e in self.entries if e.expires is None or e.expires >= today}

    def expired(self, today: dt.date) -> list[Entry]:
        return [e for e in self.entries if e.expires is not None and e.expires < today]


def parse(text: str, name: str = "suppressions.txt") -> SuppressionList:
    result = SuppressionList()
    for number, raw in enumerate(split_lines(text), 1):
        line = _strip_comment(raw).strip()
        if not line:
            continue
        problem, entry = _parse_line(line, number)
        if problem:
            result.problems.append(f"{name}:{number}: {problem}")
        elif entry:
            result.entries.append(entry)
    return result


def _strip_comment(raw: str) -> str:
    if raw.lstrip().startswith("#"):
        return ""
    match = re.search(r"\s#", raw)  # inline comments need whitespace before the '#'
    return raw[: match.start()] if match else raw


def _parse_line(line: str, number: int) -> tuple[Optional[str], Optional[Entry]]:
    fingerprint, *tokens = line.split()
    if not _FINGERPRINT_RE.match(fingerprint):
        return f"not a 16-hex-digit fingerprint: {fingerprint[:40]!r}", None
    owner: Optional[str] = None
    expires: Optional[dt.date] = None
    for token in tokens:
        key, sep, value = token.partition("=")
        if sep and key == "owner" and value:
            owner = value
        elif sep and key == "expires":
            try:
                expires = dt.date.fromisoformat(value)
            except ValueError:
                return f"expires must be YYYY-MM-DD, got {value!r}", None
        else:
            return f"unknown token {token[:40]!r} (expected owner=NAME or expires=YYYY-MM-DD)", None
    return None, Entry(fingerprint, number, owner, expires)


def stale(entries: Iterable[Entry], matched: set[str]) -> list[Entry]:
    return [e for e in entries if e.fingerprint not in matched]
