"""`gitlab`: a GitLab code quality report (a JSON list, `artifacts:reports:codequality`).

Suppressed findings are left out. Each finding's `fingerprint` is unique in the report and
stable across edits elsewhere: a hash of the path, the rule, the finding's stable fingerprint
(its normalised source line and which of the identical lines it is) and, for findings that
share all of those (two on one line), their order.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from aetherlint.codes import code_name
from aetherlint.reports.fingerprints import stable_fingerprint
from aetherlint.reports.formats.report import Report, findings, location
from aetherlint.rules import RULES

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(report: Report) -> str:
    issues = []
    seen: Counter[tuple[str, str, str]] = Counter()
    for result, diag in findings(report):
        path = location(result.path, report.root)
        stable = stable_fingerprint(code_name(RULES[diag.rule].code), diag.source, diag.occurrence)
        key = (path, diag.rule, stable)
        nth = seen[key]
        seen[key] += 1
        digest = hashlib.sha256("\0".join((*key, str(nth))).encode("utf-8", "surrogateescape")).hexdigest()
        issues.append({
            "description": f"{diag.rule} {RULES[diag.rule].name}: {diag.message}",
            "check_name": diag.rule,
            "fingerprint": digest,
            "severity": SEVERITIES[diag.severity],
            "location": {"path": path, "lines": {"begin": diag.line}},
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
