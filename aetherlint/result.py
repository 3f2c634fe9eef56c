"""The one result type that flows from reading a file to every report."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Optional

from aetherlint.codes import code_name
from aetherlint.diagnostic import Diagnostic
from aetherlint.rules import RULES

PHASES = ("read", "parse", "validate", "run")  # "run": classify --run-cmd


@dataclass(frozen=True)
class FileResult:
    """What happened to one file. `code` is 0 or the structured code of the first diagnostic."""

    path: str
    code: int
    phase: str  # the phase that failed, or "validate" when every phase passed
    diagnostics: tuple[Diagnostic, ...] = ()
    traceback: Optional[str] = field(default=None, compare=False)

    @property
    def ok(self) -> bool:
        return self.code == 0

    @property
    def code_name(self) -> str:
        return code_name(self.code)

    @property
    def first(self) -> Optional[Diagnostic]:
        return self.diagnostics[0] if self.diagnostics else None

    def to_dict(self) -> dict:
        """Plain data for caches and worker processes (`from_dict` inverts it)."""
        return {
            "path": self.path,
            "code": self.code,
            "phase": self.phase,
            "diagnostics": [
                [d.rule, d.line, d.col, d.message, d.source, d.occurrence, [list(r) for r in d.related]]
                for d in self.diagnostics
            ],
            "traceback": self.traceback,
        }

    @classmethod
    def from_dict(cls, data: dict, path: Optional[str] = None) -> "FileResult":
        diagnostics = tuple(
            Diagnostic(*d[:6], tuple(tuple(r) for r in d[6]) if len(d) > 6 else ()) for d in data["diagnostics"]
        )
        return cls(path or data["path"], data["code"], data["phase"], diagnostics, data.get("traceback"))

    def status(self, timestamp: str) -> dict:
        """The legacy interpreter's `--json-status` object."""
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
        }


def failed(path: str, phase: str, diagnostics: list[Diagnostic], **extra: object) -> FileResult:
    ordered = tuple(sorted(diagnostics, key=lambda d: (d.line, d.col, d.rule)))
    return FileResult(path, RULES[ordered[0].rule].code, phase, ordered, **extra)  # type: ignore[arg-type]


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
