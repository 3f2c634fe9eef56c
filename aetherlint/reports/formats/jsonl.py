"""`jsonl`: one object per file, the `--json-status` shape (`FileResult.status`), in path order."""

from __future__ import annotations

import json

from aetherlint.reports.formats.report import Report


def render(report: Report) -> str:
    return "".join(json.dumps(r.status(report.timestamp), ensure_ascii=False) + "\n" for r in report.results)
