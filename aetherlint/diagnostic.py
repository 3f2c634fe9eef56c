"""A diagnostic: one finding of one rule at one place of a file. Plain data, no lookups.

Positions are 1-based; columns count code points (what editors and SARIF's `unicodeCodePoints`
count); an end is exclusive. `to_plain`/`from_plain` are the one serialisation, shared by the
result cache, worker processes, `--json-status` and classify records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from aetherlint.jsonread import is_int

SEVERITIES = ("error", "warning", "info")  # only errors make a file fail
SUPPRESSION_KINDS = ("", "inSource", "external")
APPLICABILITIES = ("safe", "unsafe")  # safe: keeps what the file means; unsafe: may change it

Related = tuple[tuple[int, int, str], ...]  # (line, col, note): other places that explain a finding


@dataclass(frozen=True)
class Edit:
    """Replace the text from (line, col) up to (end_line, end_col) with `text` (an insertion
    when start and end are equal)."""

    line: int
    col: int
    end_line: int
    end_col: int
    text: str


@dataclass(frozen=True)
class Fix:
    description: str  # what applying it does, e.g. "insert '}' before line 5"
    edits: tuple[Edit, ...]
    applicability: str = "safe"


@dataclass(frozen=True)
class Diagnostic:
    rule: str  # e.g. "AE2501"
    line: int
    col: int
    message: str  # never contains the file path
    source: str = ""  # the offending source line, whitespace-normalised (for stable fingerprints)
    occurrence: int = 0  # how many earlier lines of the file have the same `source`
    # other places that explain this one, e.g. where an unclosed bracket opened
    related: Related = ()
    end_line: int = 0  # the end of the offending token or node; 0: not known yet (see `end`)
    end_col: int = 0
    severity: str = "error"
    fix: Optional[Fix] = None
    # why it does not count, if it is suppressed: "inSource" (an `aetherlint: ignore` comment)
    # or "external" (suppressions.txt); "" when it counts (SARIF's suppression kinds)
    suppressed: str = ""

    @property
    def end(self) -> tuple[int, int]:
        """The exclusive end; one character when the finder did not know the token's extent."""
        if self.end_line:
            return self.end_line, self.end_col
        return self.line, self.col + 1

    @property
    def is_error(self) -> bool:
        """An error that counts: it makes its file fail."""
        return self.severity == "error" and not self.suppressed

    def to_plain(self) -> dict:
        end_line, end_col = self.end
        return {
            "rule": self.rule,
            "severity": self.severity,
            "line": self.line,
            "col": self.col,
            "end_line": end_line,
            "end_col": end_col,
            "message": self.message,
            "source": self.source,
            "occurrence": self.occurrence,
            "related": [{"line": line, "col": col, "message": note} for line, col, note in self.related],
            "fix": None if self.fix is None else _fix_to_plain(self.fix),
            "suppressed": self.suppressed or None,
        }


def _fix_to_plain(fix: Fix) -> dict:
    return {
        "description": fix.description,
        "applicability": fix.applicability,
        "edits": [
            {"line": e.line, "col": e.col, "end_line": e.end_line, "end_col": e.end_col, "text": e.text}
            for e in fix.edits
        ],
    }


_KEYS = frozenset(Diagnostic("", 1, 1, "").to_plain())
_RELATED_KEYS = frozenset({"line", "col", "message"})
_FIX_KEYS = frozenset({"description", "applicability", "edits"})
_EDIT_KEYS = frozenset({"line", "col", "end_line", "end_col", "text"})


def from_plain(data: object) -> Diagnostic:
    """The Diagnostic `to_plain` described; ValueError unless `data` has exactly that shape
    (cache entries and worker messages are checked, never trusted)."""
    if not (isinstance(data, dict) and set(data) == _KEYS):
        raise ValueError("not a diagnostic")
    rule, message, source, severity = data["rule"], data["message"], data["source"], data["severity"]
    if not all(isinstance(v, str) for v in (rule, message, source)) or severity not in SEVERITIES:
        raise ValueError("bad diagnostic text")
    line, col = _position(data["line"], data["col"])
    end = _position(data["end_line"], data["end_col"])
    if end < (line, col) or not _count(data["occurrence"]):
        raise ValueError("bad diagnostic position")
    related = data["related"]
    if not isinstance(related, list):
        raise ValueError("bad related locations")
    places = []
    for item in related:
        if not (isinstance(item, dict) and set(item) == _RELATED_KEYS and isinstance(item["message"], str)):
            raise ValueError("bad related location")
        places.append((*_position(item["line"], item["col"]), item["message"]))
    fix = None if data["fix"] is None else _fix_from_plain(data["fix"])
    suppressed = data["suppressed"] or ""
    if suppressed not in SUPPRESSION_KINDS or data["suppressed"] == "":
        raise ValueError("bad suppression")
    return Diagnostic(rule, line, col, message, source, data["occurrence"], tuple(places), *end, severity, fix, suppressed)


def _fix_from_plain(data: object) -> Fix:
    if not (isinstance(data, dict) and set(data) == _FIX_KEYS and isinstance(data["description"], str)):
        raise ValueError("bad fix")
    if data["applicability"] not in APPLICABILITIES or not isinstance(data["edits"], list):
        raise ValueError("bad fix")
    edits = []
    for item in data["edits"]:
        if not (isinstance(item, dict) and set(item) == _EDIT_KEYS and isinstance(item["text"], str)):
            raise ValueError("bad edit")
        start, end = _position(item["line"], item["col"]), _position(item["end_line"], item["end_col"])
        if end < start:
            raise ValueError("bad edit")
        edits.append(Edit(*start, *end, item["text"]))
    return Fix(data["description"], tuple(edits), data["applicability"])


def _position(line: object, col: object) -> tuple[int, int]:
    if not (_count(line) and _count(col) and line >= 1 and col >= 1):  # type: ignore[operator]
        raise ValueError("bad position")
    return line, col  # type: ignore[return-value]


def _count(value: object) -> bool:
    return is_int(value) and value >= 0  # type: ignore[operator]
