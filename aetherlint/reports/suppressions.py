"""The suppression list: accepted failures, by fingerprint, with optional owner and expiry.

Format, one entry per line:  `<16 hex> [owner=NAME] [expires=YYYY-MM-DD]  # comment`.
`#` lines are comments; a malformed line is reported with its number and skipped (its text is
never echoed: the file is repository content and may hold terminal escapes).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Mapping, Optional

from aetherlint.codes import code_name
from aetherlint.result import failed
from aetherlint.source import split_lines

if TYPE_CHECKING:
    from aetherlint.result import FileResult

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


def apply(
    result: "FileResult", listed: Mapping[str, Entry] = {}, *, strict: bool = False, judged: Optional[frozenset[str]] = None
) -> tuple["FileResult", set[str]]:
    """`result` with its suppressed findings marked (`inSource` by its inline comments, `external`
    by the listed fingerprints) and an AE2901 finding for each inline comment that matched
    nothing (an error when `strict`; only comments about rules in `judged`, default all, can be
    unused: one about a rule that is not selected has nothing to match); and the listed
    fingerprints that matched. Pure."""
    from dataclasses import replace

    from aetherlint.reports.fingerprints import fingerprint, stable_fingerprint
    from aetherlint.rules import RULES
    from aetherlint.rules.selectors import resolve
    from aetherlint.rules.unused_suppression import RULE as UNUSED

    if not result.diagnostics and not result.directives:
        return result, set()
    unused: list = []
    rules_of: dict[int, frozenset[str]] = {}
    for index, directive in enumerate(result.directives):
        ids: set[str] = set()
        for selector in directive.selectors:
            try:
                ids |= resolve(selector)
            except ValueError as exc:
                unused.append(_unused(UNUSED, directive, f"{exc} in a suppression comment", strict))
        rules_of[index] = frozenset(ids) if directive.selectors else frozenset(RULES)
    used: set[int] = set()
    matched: set[str] = set()
    # An entry for the file's failure (its first error: what classify records and `suppress`
    # prints) accepts that failure, every error of the file, as lists always have.
    whole = ""
    first = result.first
    if listed and first is not None and RULES[first.rule].suppressible:
        name = result.code_name
        for fp in (fingerprint(name, first.line, first.message), stable_fingerprint(name, first.source, first.occurrence)):
            if fp in listed:
                whole = fp
                matched.add(fp)
    marked = []
    for diag in result.diagnostics:
        kind = ""
        if not RULES[diag.rule].suppressible:  # a signature check no comment may switch off
            marked.append(diag)
            continue
        for index, directive in enumerate(result.directives):
            if diag.rule in rules_of[index] and (directive.scope == "file" or directive.line == diag.line):
                kind = "inSource"
                used.add(index)
        if not kind and whole and diag.is_error:
            kind = "external"
        if not kind and listed:
            name = result.code_name if result.phase == "run" else code_name(RULES[diag.rule].code)
            for fp in (fingerprint(name, diag.line, diag.message), stable_fingerprint(name, diag.source, diag.occurrence)):
                if fp in listed:
                    kind = "external"
                    matched.add(fp)
        marked.append(replace(diag, suppressed=kind) if kind else diag)
    for index, directive in enumerate(result.directives):
        judge = rules_of[index] if judged is None else rules_of[index] & judged
        if index not in used and (not directive.selectors or judge):
            what = ", ".join(directive.selectors) or "any rule"
            unused.append(_unused(UNUSED, directive, f"unused suppression: no finding of {what} {'in this file' if directive.scope == 'file' else 'on this line'}", strict))
    if not unused and all(d is m for d, m in zip(result.diagnostics, marked)):
        return result, matched
    diagnostics = marked + unused
    if result.phase == "run":  # an interpreter's status keeps its own code while an error counts
        ordered = tuple(sorted(diagnostics, key=lambda d: (d.line, d.col, d.rule)))
        code = result.code if any(d.is_error for d in ordered) else 0
        return replace(result, code=code, diagnostics=ordered), matched
    recounted = failed(result.path, result.phase, diagnostics, traceback=result.traceback, directives=result.directives)
    return recounted, matched


def _unused(rule, directive, message: str, strict: bool):
    severity = "error" if strict else rule.severity
    return rule.diagnostic(directive.line, directive.col, message, end_line=directive.line, end_col=directive.end_col, severity=severity)
