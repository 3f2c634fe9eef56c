"""What every output format renders: one run's results, and the helpers the formats share.

Pure: no I/O, no clock, no current directory (the command passes the root and the timestamp).
"""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath
from typing import Iterator, Optional, Sequence

from aetherlint.diagnostic import Diagnostic
from aetherlint.result import FileResult
from aetherlint.rules import RULES

RULE_ORDER = {rule_id: index for index, rule_id in enumerate(RULES)}  # documentation order: parse first
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Report:
    command: str  # "check" or "classify": the SARIF automation id, the step summary's heading
    results: tuple[FileResult, ...]  # sorted by path (`build`)
    exit_code: int
    timestamp: str  # utc_timestamp() of the run (SOURCE_DATE_EPOCH)
    root: str  # absolute POSIX path of the project root: SARIF's %SRCROOT%, relative locations
    summary_line: str = ""  # the command's human summary, the last line of concise and github


def build(command: str, results: Sequence[FileResult], exit_code: int, timestamp: str, root: str,
          summary_line: str = "") -> Report:
    """A report of `results` in path order, whatever order they were checked in."""
    ordered = tuple(sorted(results, key=lambda r: r.path))
    return Report(command, ordered, exit_code, timestamp, PurePath(root).as_posix(), summary_line)


def findings(report: Report, *, suppressed: bool = False) -> Iterator[tuple[FileResult, Diagnostic]]:
    """Every (file, diagnostic) in path and source order; suppressed ones only when asked for."""
    for result in report.results:
        for diag in result.diagnostics:
            if suppressed or not diag.suppressed:
                yield result, diag


def importance(item: tuple[FileResult, Diagnostic]) -> tuple:
    """Most important first: errors, then warnings, then info; within each, by rule (parse rules
    before validation rules ...), then path and position."""
    result, diag = item
    return (SEVERITY_ORDER[diag.severity], RULE_ORDER.get(diag.rule, len(RULE_ORDER)), result.path, diag.line, diag.col)


def relative(path: str, root: str) -> Optional[str]:
    """`path` (as displayed: relative to the root, or absolute) as a normalised POSIX path
    relative to the root, or None when it lies outside it."""
    posix = PurePath(path).as_posix()
    joined = posixpath.normpath(posixpath.join(root, posix))
    if joined != root and not joined.startswith(root.rstrip("/") + "/"):
        return None
    rel = posixpath.relpath(joined, root)
    if path.endswith(("/", "\\")) and rel != ".":  # a folder that could not be listed keeps its slash
        rel += "/"
    return rel


def absolute(path: str, root: str) -> str:
    return posixpath.normpath(posixpath.join(root, PurePath(path).as_posix()))


def location(path: str, root: str) -> str:
    """The path relative to the root when it is inside, else absolute (GitLab, GitHub)."""
    rel = relative(path, root)
    return rel if rel is not None else absolute(path, root)


def rule_label(diag: Diagnostic) -> str:
    """`AE2501 unknown-function`, and `(warning)` or `(info)` when it is not an error (as text)."""
    label = f"{diag.rule} {RULES[diag.rule].name}"
    return label if diag.severity == "error" else f"{label} ({diag.severity})"


def counts(report: Report) -> dict:
    """The numbers every summary gives."""
    counting = [d for _, d in findings(report)]
    severities = Counter(d.severity for d in counting)
    return {
        "files": len(report.results),
        "passed": sum(1 for r in report.results if r.ok),
        "failed": sum(1 for r in report.results if not r.ok),
        "errors": severities["error"],
        "warnings": severities["warning"],
        "infos": severities["info"],
        "suppressed": sum(1 for _, d in findings(report, suppressed=True) if d.suppressed),
        "by_rule": dict(sorted(Counter(d.rule for d in counting).items())),
    }
