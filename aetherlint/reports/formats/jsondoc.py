"""`json`: one document, `{"version", "results": [per file], "summary"}`."""

from __future__ import annotations

import json

from aetherlint import __version__
from aetherlint.reports.formats.report import Report, counts

VERSION = 1  # of this document's shape; fields are added, never renamed


def render(report: Report) -> str:
    document = {
        "version": VERSION,
        "results": [
            {
                "path": r.path,
                "code": r.code,
                "code_name": r.code_name,
                "phase": r.phase,
                "diagnostics": [d.to_plain() for d in r.diagnostics],
            }
            for r in report.results
        ],
        "summary": {
            **counts(report),
            "exit_code": report.exit_code,
            "command": report.command,
            "timestamp": report.timestamp,
            "tool_version": __version__,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
