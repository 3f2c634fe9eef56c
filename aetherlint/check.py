"""Check one file: read → detect dialect → parse → validate, always ending in a FileResult.

This is the library entry point behind `aetherlint check` and the classifier's workers. It never
raises for a file's content: an unexpected exception becomes INTERNAL_ERROR for that file only.
"""

from __future__ import annotations

import gc
import re
import traceback
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional

from aetherlint.credentials import redact
from aetherlint.diagnostic import Diagnostic
from aetherlint.directives import find as find_directives
from aetherlint.result import FileResult, failed
from aetherlint.source import SourceError, decode, read_bytes, split_lines

if TYPE_CHECKING:  # the parser is imported only when a file is parsed (not on a cache hit)
    from aetherlint.syntax.incremental import Memo


def check_bytes(data: bytes, path: str, extra_builtins: Iterable[str] = (), memo: Optional[Memo] = None) -> FileResult:
    """`memo`: what the check of an earlier version of the same document left (the editor's
    case, see syntax/incremental.py); the result is the same with or without it."""
    try:
        return _check(data, path, extra_builtins, memo)
    except Exception as exc:  # a bug in aetherlint: report it on this file, keep the run going
        message = f"internal error: {type(exc).__name__}"
        trace = redact(traceback.format_exc())  # an exception's text may quote the file
        return failed(path, "parse", [Diagnostic("AE2701", 1, 1, message)], traceback=trace)


def check_path(path: Path, display: str, extra_builtins: Iterable[str] = ()) -> FileResult:
    try:
        data = read_bytes(path)
    except SourceError as exc:
        return failed(display, "read", [exc.diagnostic])
    return check_bytes(data, display, extra_builtins)


def _check(data: bytes, path: str, extra_builtins: Iterable[str], memo: Optional[Memo]) -> FileResult:
    try:
        text = decode(data)
    except SourceError as exc:
        return failed(path, "read", [exc.diagnostic])
    result = _check_text(text, path, extra_builtins, memo)
    if result.diagnostics:
        result = replace(result, diagnostics=with_sources(result.diagnostics, text))
    directives = find_directives(text)
    return replace(result, directives=directives) if directives else result


def with_sources(diagnostics: tuple[Diagnostic, ...], text: str) -> tuple[Diagnostic, ...]:
    """Attach each diagnostic's normalised source line and its occurrence index among identical
    lines above it (what stable fingerprints hash, so they survive edits elsewhere in the file),
    and, where its finder did not give one, the end of the token it points at. Credentials in
    the source line, the message and the notes are masked here, once for every report, the
    cache and the logs (aetherlint/credentials.py)."""
    raw = split_lines(text)
    lines = [" ".join(line.split()) for line in raw]
    seen: dict[str, int] = {}
    occurrence = []  # per line: how many identical lines come before it
    for line in lines:
        occurrence.append(seen.get(line, 0))
        seen[line] = occurrence[-1] + 1
    out = []
    for diag in diagnostics:
        index = diag.line - 1
        inside = 0 <= index < len(lines)
        if diag.end_line:
            end = diag.end_line, diag.end_col
        else:
            end = diag.line, token_end(raw[index], diag.col) if inside else diag.col + 1
        out.append(
            replace(
                diag,
                message=redact(diag.message),
                source=redact(lines[index]) if inside else "",
                occurrence=occurrence[index] if inside else 0,
                related=tuple((line, col, redact(note)) for line, col, note in diag.related),
                end_line=end[0],
                end_col=end[1],
            )
        )
    return tuple(out)


_WORD_RE = re.compile(r"[$\w]+")


def token_end(line: str, col: int) -> int:
    """The column just after the token starting at `col` of `line`: a word, a quoted string (to
    its closing quote or the end of the line), else one character."""
    start = col - 1
    if start >= len(line):
        return col + 1  # the end of the line or of the file: one (virtual) character
    char = line[start]
    if char in "\"'":
        close = line.find(char, start + 1)
        return (close + 2) if close >= 0 else len(line) + 1
    word = _WORD_RE.match(line, start)
    return (word.end() + 1) if word else col + 1


def _check_text(text: str, path: str, extra_builtins: Iterable[str], memo: Optional[Memo]) -> FileResult:
    from aetherlint.syntax.dialect import shell_evidence

    evidence = shell_evidence(text)
    if evidence is not None:
        message = f"shell script syntax ({evidence.what} at line {evidence.line}) is not Aether"
        return failed(path, "parse", [Diagnostic("AE2401", evidence.line, evidence.col, message)])
    from aetherlint.syntax.parser import ParseFailed, parse
    from aetherlint.semantic import validate

    # The AST is a tree of fresh objects with no cycles: pausing the cycle collector while it is
    # built and walked saves a fifth of the time, and nothing is left for it to collect.
    paused = gc.isenabled()
    gc.disable()
    try:
        module = parse(text, memo)
        diagnostics = validate(module, extra_builtins, text)
    except ParseFailed as exc:
        p = exc.problem
        end_line, end_col = p.end or (0, 0)
        return failed(path, "parse", [Diagnostic(p.rule, p.line, p.col, p.message, related=p.related, end_line=end_line, end_col=end_col, fix=p.fix)])
    finally:
        if paused:
            gc.enable()
    return failed(path, "validate", diagnostics) if diagnostics else FileResult(path, 0, "validate", ())
