"""`concise`: one line per finding, `path:line:col: RULE name: message`, then the summary line."""

from __future__ import annotations

from aetherlint.escape import controls
from aetherlint.reports.formats.report import Report, findings, rule_label


def lines(report: Report) -> list[str]:
    """The finding lines (suppressed findings left out); control characters shown as `\\x1b`."""
    return [
        f"{controls(result.path)}:{diag.line}:{diag.col}: {rule_label(diag)}: {controls(diag.message)}"
        for result, diag in findings(report)
    ]


def render(report: Report) -> str:
    out = lines(report)
    if report.summary_line:
        out.append(report.summary_line)
    return "".join(line + "\n" for line in out)
