"""Human-readable output for `check`: diagnostics with source context, colour, and a summary."""

from __future__ import annotations

import os
from collections import Counter
from typing import IO, Optional, Sequence

from aetherlint.credentials import redact_at
from aetherlint.escape import controls
from aetherlint.words import plural
from aetherlint.result import FileResult
from aetherlint.rules import RULES

_RED, _YELLOW, _BOLD, _DIM, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[2m", "\x1b[0m"


COLOR_CHOICES = ("auto", "always", "never")


def use_colour(stream: IO[str], mode: str = "auto") -> bool:
    """`--color always|never` decides; `auto`: colour only on a terminal that is not TERM=dumb,
    NO_COLOR turns it off and FORCE_COLOR on (no-color.org)."""
    if mode != "auto":
        return mode == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def format_result(result: FileResult, source_lines: Optional[Sequence[str]], colour: bool) -> str:
    out = []
    for diag in result.diagnostics:
        if diag.suppressed:
            continue  # counted in the summary, never shown
        rule = f"{diag.rule} {RULES[diag.rule].name}"
        if not diag.is_error:  # errors are the norm; anything milder says so
            rule += f" ({diag.severity})"
        hue = _RED if diag.is_error else _YELLOW
        if colour:
            rule = f"{hue}{_BOLD}{rule}{_RESET}"
        location = f"{controls(result.path)}:{diag.line}:{diag.col}:"
        out.append(f"{_BOLD if colour else ''}{location}{_RESET if colour else ''} {rule}: {controls(diag.message)}")
        if source_lines and 0 < diag.line <= len(source_lines):
            before, after = _window(source_lines[diag.line - 1].rstrip("\r\n"), diag.col)
            out.append(f"    {controls(before)}{controls(after)}")
            caret = " " * len(controls(before)) + "^"  # under the same character
            out.append(f"    {hue if colour else ''}{caret}{_RESET if colour else ''}")
        for line, col, note in diag.related:
            out.append(f"{controls(result.path)}:{line}:{col}: note: {controls(note)}")
    return "\n".join(out)


CONTEXT_WIDTH = 120  # characters of a long source line shown around the column


def _window(line: str, col: int) -> tuple[str, str]:
    """The context line split at the column, credentials masked (`<redacted:sk-…9Q>`), cut to
    CONTEXT_WIDTH around it with `...` marks (a 1,000,000-character line must not flood the
    terminal)."""
    before, after = redact_at(line, col)
    if len(before) > CONTEXT_WIDTH // 2:
        before = "..." + before[-(CONTEXT_WIDTH // 2) :]
    if len(after) > CONTEXT_WIDTH // 2:
        after = after[: CONTEXT_WIDTH // 2] + "..."
    return before.expandtabs(1), after.expandtabs(1)


def summary(results: Sequence[FileResult]) -> str:
    failed = sum(1 for r in results if not r.ok)
    head = f"Checked {plural(len(results), 'file')}: "
    head += "all passed" if not failed else f"{len(results) - failed} passed, {failed} failed"
    # every finding counts, not only each file's first
    findings = [d for r in results for d in r.diagnostics if not d.suppressed]
    suppressed = sum(1 for r in results for d in r.diagnostics if d.suppressed)
    if suppressed:
        head += f" ({suppressed} suppressed)"
    if not findings:
        return head + "."
    by_rule = Counter(RULES[d.rule].name for d in findings)
    detail = ", ".join(f"{n} {name}" for name, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])))
    milder = Counter(d.severity for d in findings if not d.is_error)
    severities = ", ".join(plural(milder[s], s) for s in ("warning", "info") if milder[s])
    severities = f" ({severities})" if severities else ""
    with_findings = sum(1 for r in results if r.diagnostics)
    return f"{head}; {plural(len(findings), 'finding')}{severities} in {plural(with_findings, 'file')} ({detail})."
