"""Check one file: read → detect dialect → parse → validate, always ending in a FileResult.

This is the library entry point behind `aetherlint check` and the classifier's workers. It never
raises for a file's content: an unexpected exception becomes INTERNAL_ERROR for that file only.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Iterable

from aetherlint.result import Diagnostic, FileResult, failed
from aetherlint.source import SourceError, decode, read_bytes


def check_bytes(data: bytes, path: str, extra_builtins: Iterable[str] = ()) -> FileResult:
    try:
        return _check(data, path, extra_builtins)
    except Exception as exc:  # a bug in aetherlint: report it on this file, keep the run going
        message = f"internal error: {type(exc).__name__}"
        return failed(path, "parse", [Diagnostic("AE2701", 1, 1, message)], traceback=traceback.format_exc())


def check_path(path: Path, display: str, extra_builtins: Iterable[str] = ()) -> FileResult:
    try:
        data = read_bytes(path)
    except SourceError as exc:
        return failed(display, "read", [exc.diagnostic])
    return check_bytes(data, display, extra_builtins)


def _check(data: bytes, path: str, extra_builtins: Iterable[str]) -> FileResult:
    try:
        text = decode(data)
    except SourceError as exc:
        return failed(path, "read", [exc.diagnostic])
    from aetherlint import dialect

    evidence = dialect.shell_evidence(text)
    if evidence is not None:
        message = f"shell script syntax ({evidence.what} at line {evidence.line}) is not Aether"
        return failed(path, "parse", [Diagnostic("AE2401", evidence.line, evidence.col, message)], dialect="shell")
    kind = dialect.detect(text)
    from aetherlint.parser import ParseFailed, parse  # imports lark: only when a file is really parsed

    try:
        module = parse(text)
    except ParseFailed as exc:
        p = exc.problem
        return failed(path, "parse", [Diagnostic(p.rule, p.line, p.col, p.message, p.source)], dialect=kind)
    from aetherlint.semantic import validate

    diagnostics = validate(module, extra_builtins)
    if diagnostics:
        return failed(path, "validate", diagnostics, dialect=kind)
    return FileResult(path, 0, "validate", (), dialect=kind)
