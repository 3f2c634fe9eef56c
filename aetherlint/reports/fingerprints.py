"""Fingerprints identify a failure in suppression lists without naming its file."""

from __future__ import annotations

import hashlib

from aetherlint.result import FileResult


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def fingerprint(code_name: str, line: int, message: str) -> str:
    """The format existing suppression lists use: `code_name|line|first line of the message`."""
    first_line = message.splitlines()[0] if message else ""
    return _digest(f"{code_name}|{line}|{first_line}")


def stable_fingerprint(code_name: str, source: str, occurrence: int) -> str:
    """Survives edits above the failure: no line number, no path, only the offending (normalised)
    source line and which of the identical lines it is."""
    return _digest(f"{code_name}|{source}|{occurrence}")


def of_result(result: FileResult) -> tuple[str, str] | tuple[None, None]:
    first = result.first
    if result.ok or first is None:
        return None, None
    return (
        fingerprint(result.code_name, first.line, first.message),
        stable_fingerprint(result.code_name, first.source, first.occurrence),
    )


def summary_fields(result: FileResult) -> dict:
    """What every per-file record says about a result (classify records, baseline entries)."""
    first = result.first
    fp, stable = of_result(result)
    return {
        "path": result.path,
        "code": result.code,
        "code_name": result.code_name,
        "phase": result.phase,
        "line": first.line if first else None,
        "col": first.col if first else None,
        "message": first.message if first else "ok",
        "fingerprint": fp,
        "stable_fingerprint": stable,
    }
