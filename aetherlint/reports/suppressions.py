"""The suppression list: accepted failures, by fingerprint, with optional owner and expiry.

Format, one entry per line:  `<16 hex> [owner=NAME] [expires=YYYY-MM-DD]  # comment`.
`#` lines are comments; a malformed line is reported with its number and skipped (its text is
never echoed: the file is repository content and may hold terminal escapes).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from aetherlint.source import split_lines

_FINGERPRINT_RE = re.compile(r"[0-9a-f]{16}")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


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
    if not is_fingerprint(fingerprint):
        return "not a 16-hex-digit fingerprint", None
    owner: Optional[str] = None
    expires: Optional[dt.date] = None
    for index, token in enumerate(tokens, 1):
        key, sep, value = token.partition("=")
        if sep and key == "owner" and value and value.isprintable():
            owner = value
        elif sep and key == "expires":
            expires = parse_date(value)
            if expires is None:
                return "expires must be YYYY-MM-DD", None
        else:
            return f"unknown token {index} (expected owner=NAME or expires=YYYY-MM-DD)", None
    return None, Entry(fingerprint, number, owner, expires)


def is_fingerprint(text: object) -> bool:
    return isinstance(text, str) and _FINGERPRINT_RE.fullmatch(text) is not None


def parse_date(text: str) -> Optional[dt.date]:
    """A calendar date written YYYY-MM-DD, else None (fromisoformat alone also takes 20270131
    and week dates such as 2027-W05-1)."""
    if not _DATE_RE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def stale(entries: Iterable[Entry], matched: set[str]) -> list[Entry]:
    return [e for e in entries if e.fingerprint not in matched]

