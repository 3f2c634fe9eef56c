"""The one result type that flows from reading a file to every report."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from typing import Optional, Sequence

from aetherlint.codes import code_name
from aetherlint.diagnostic import Diagnostic, from_plain
from aetherlint.directives import Directive, directive_from_plain
from aetherlint.rules import RULES

PHASES = ("read", "parse", "validate", "run")  # "run": classify --run-cmd


@dataclass(frozen=True)
class FileResult:
    """What happened to one file. `code` is 0 or the structured code of its first error; a file
    with warnings only passes (`ok`), and still carries them."""

    path: str
    code: int
    phase: str  # the phase that failed, or "validate" when every phase passed
    diagnostics: tuple[Diagnostic, ...] = ()  # every finding, in source order
    traceback: Optional[str] = field(default=None, compare=False)
    directives: tuple[Directive, ...] = ()  # its inline suppression comments (applied later)

    @property
    def ok(self) -> bool:
        return self.code == 0

    @property
    def code_name(self) -> str:
        return code_name(self.code)

    @property
    def first(self) -> Optional[Diagnostic]:
        """The first error: what made the file fail (its code, fingerprints, summary line)."""
        return next((d for d in self.diagnostics if d.is_error), None)

    def to_dict(self) -> dict:
        """Plain data for caches and worker processes (`from_dict` inverts it)."""
        return {
            "path": self.path,
            "code": self.code,
            "phase": self.phase,
            "diagnostics": [d.to_plain() for d in self.diagnostics],
            "traceback": self.traceback,
            "directives": [[d.line, d.col, d.end_col, d.scope, list(d.selectors), d.reason] for d in self.directives],
        }

    @classmethod
    def from_dict(cls, data: dict, path: Optional[str] = None) -> "FileResult":
        """Inverts `to_dict`; ValueError (or TypeError) when `data` has another shape."""
        diagnostics = tuple(from_plain(d) for d in data["diagnostics"])
        directives = tuple(directive_from_plain(d) for d in data["directives"])
        return cls(path or data["path"], data["code"], data["phase"], diagnostics, data.get("traceback"), directives)

    def status(self, timestamp: str) -> dict:
        """The legacy interpreter's `--json-status` object, and (added fields, never renamed) the
        first error's rule, severity and end, and every finding."""
        first = self.first
        return {
            "ok": self.ok,
            "code": self.code,
            "code_name": self.code_name,
            "file": self.path,
            "phase": self.phase,
            "message": first.message if first else "ok",
            "line": first.line if first else None,
            "col": first.col if first else None,
            "timestamp": timestamp,
            "rule": first.rule if first else None,
            "rule_name": RULES[first.rule].name if first else None,
            "end_line": first.end[0] if first else None,
            "end_col": first.end[1] if first else None,
            "errors": sum(1 for d in self.diagnostics if d.is_error),
            "warnings": sum(1 for d in self.diagnostics if d.severity == "warning" and not d.suppressed),
            "suppressed": sum(1 for d in self.diagnostics if d.suppressed),
            "diagnostics": [d.to_plain() for d in self.diagnostics],
        }


def failed(path: str, phase: str, diagnostics: list[Diagnostic], **extra: object) -> FileResult:
    """The result of a phase's findings: failed when one of them is an error (its code is the
    first error's), else passed with its warnings."""
    ordered = tuple(sorted(diagnostics, key=lambda d: (d.line, d.col, d.rule)))
    first = next((d for d in ordered if d.is_error), None)
    if first is None:
        return FileResult(path, 0, "validate" if phase in ("parse", "validate") else phase, ordered, **extra)  # type: ignore[arg-type]
    return FileResult(path, RULES[first.rule].code, phase, ordered, **extra)  # type: ignore[arg-type]


def recounted(result: FileResult, diagnostics: Sequence[Diagnostic]) -> FileResult:
    """`result` with other findings (some dropped, marked or added): its code and phase follow
    them, except that an interpreter's status keeps its own code while an error still counts."""
    if result.phase == "run":
        ordered = tuple(sorted(diagnostics, key=lambda d: (d.line, d.col, d.rule)))
        return replace(result, code=result.code if any(d.is_error for d in ordered) else 0, diagnostics=ordered)
    return failed(result.path, result.phase, list(diagnostics), traceback=result.traceback, directives=result.directives)


MAX_EPOCH = 253_402_300_799  # 9999-12-31T23:59:59Z: ISO dates have four-digit years


def source_date_epoch() -> tuple[Optional[int], Optional[str]]:
    """SOURCE_DATE_EPOCH as seconds, and the problem with it when it is set but unusable (not
    ASCII digits, or beyond MAX_EPOCH); the caller warns once. Unset or empty: (None, None)."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if not value:
        return None, None
    if value.isascii() and value.isdigit() and int(value) <= MAX_EPOCH:
        return int(value), None
    return None, f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds from 0 to {MAX_EPOCH}; using the clock"


def utc_timestamp() -> str:
    """ISO 8601 UTC, fixed by SOURCE_DATE_EPOCH when it is set (reproducible output)."""
    epoch, _ = source_date_epoch()
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() if epoch is None else epoch))
