"""From per-file results to the classification document (records, summary) and its renderings.

Pure: no I/O, no clock. The document is sorted and keyed deterministically, so the same inputs
give byte-identical JSON and Markdown whatever the number of jobs.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Sequence

from aetherlint import __version__
from aetherlint.escape import md_cell
from aetherlint.words import plural
from aetherlint.reports import risk
from aetherlint.reports.fingerprints import summary_fields
from aetherlint.result import FileResult
from aetherlint.reports.policy import Policy
from aetherlint.reports.suppressions import Entry

CATEGORY_BY_CODE = {
    0: "OK",
    20: "ParseError",
    21: "RuntimeError",
    23: "Timeout",
    24: "UnsupportedFeature",
    25: "ValidationError",
    26: "IOError",
    27: "InternalError",
}
SIGNATURE_CATEGORIES = {"AE2201": "SignatureMissing", "AE2202": "SignatureInvalid"}  # code 22, by rule
MAX_EXAMPLES = 5
_UNKNOWN_FUNCTION_RE = re.compile(r"unknown function '([^']+)'")


def category(code: int, rule: Optional[str] = None) -> str:
    if code == 22:
        return SIGNATURE_CATEGORIES.get(rule or "", "SignatureInvalid")
    return CATEGORY_BY_CODE.get(code, "Other")


def record(raw: FileResult, applied: FileResult, verified: Optional[bool] = None, risky: Optional[FileResult] = None) -> dict:
    """A file's record: what happened (`raw`, as checked) and whether it counts (`applied`, under
    the run's policy: suppressed when every error of a failing file is); `verified`: whether its
    signature verified (None: no key to tell)."""
    suppressed = not raw.ok and applied.ok
    shown = raw if not raw.ok else applied  # a passing file may fail on its unused suppressions
    fields = summary_fields(shown)
    first = shown.first or raw.first
    name = category(shown.code, first.rule if first else None)
    return {
        **fields,
        "category": f"Suppressed-{name}" if suppressed else name,
        "suppressed": suppressed,
        # the diagnostic model (fields added, never renamed): the failure's rule and extent, and
        # every finding, warnings and suppressed ones included (each says whether it is)
        "rule": first.rule if first else None,
        "severity": first.severity if first else None,
        "end_line": first.end[0] if first else None,
        "end_col": first.end[1] if first else None,
        "diagnostics": [d.to_plain() for d in applied.diagnostics],
        "signature_verified": verified,
        "risk_score": risk.score(risky or raw),  # the risk findings, whatever rules are selected
        "risk": risk.findings(risky or raw),
    }


@dataclass(frozen=True)
class Judged:
    """One file under the run's policy: as checked (`raw`), with the selected rules only
    (`selected`), as it counts (`applied`), and the listed fingerprints that matched."""

    raw: FileResult
    selected: FileResult
    applied: FileResult
    matched: set[str]


def judge(results: Sequence[FileResult], policy: Policy) -> list[Judged]:
    out = []
    for raw in results:
        selected = policy.select(raw)
        applied, matched = policy.apply(selected)
        out.append(Judged(raw, selected, applied, matched))
    return out


def build(
    results: Sequence[FileResult],
    suppressed_by: dict[str, Entry],
    *,
    expired: Iterable[Entry] = (),
    suppression_problems: Iterable[str] = (),
    timestamp: str,
    grammar_hash: str,
    policy: Optional[Policy] = None,
    verified: Mapping[str, bool] = {},
    judged: Optional[Sequence[Judged]] = None,
) -> dict:
    """The classification document; `judged`: `judge(results, policy)` when the caller has it."""
    if judged is None:
        judged = judge(results, policy if policy is not None else Policy(listed=suppressed_by))
    records, matched = [], set()
    findings = Counter()
    for one in judged:
        # risk findings count whatever rules are selected
        records.append(record(one.selected, one.applied, verified.get(one.raw.path), one.raw))
        matched |= one.matched
        findings.update("suppressed" if d.suppressed else d.rule for d in one.applied.diagnostics)
    records.sort(key=lambda rec: rec["path"])
    failed = [rec for rec in records if rec["code"] != 0 and not rec["suppressed"]]
    categories: dict[str, dict] = {}
    for rec in records:
        entry = categories.setdefault(rec["category"], {"count": 0, "examples": []})
        entry["count"] += 1
        entry["examples"].append(rec["path"])
    for entry in categories.values():
        entry["examples"] = sorted(entry["examples"])[:MAX_EXAMPLES]
    unknown = Counter(
        m.group(1)
        for r in results
        for d in r.diagnostics
        if d.rule == "AE2501" and (m := _UNKNOWN_FUNCTION_RE.match(d.message))
    )
    summary = {
        "total": len(records),
        "failed": len(failed),
        "failure_rate": round(len(failed) / len(records), 4) if records else 0.0,
        "suppressed_failures": sum(1 for rec in records if rec["suppressed"]),
        "suppressed_findings": findings["suppressed"],
        "unused_suppressions": findings["AE2901"],
        "by_code": dict(sorted(Counter(rec["code_name"] for rec in records).items())),
        "categories": dict(sorted(categories.items())),
        "top_unknown_functions": [[n, c] for n, c in sorted(unknown.items(), key=lambda kv: (-kv[1], kv[0]))[:20]],
        "stale_suppressions": sorted(e.fingerprint for e in suppressed_by.values() if e.fingerprint not in matched),
        "expired_suppressions": sorted(e.fingerprint for e in expired),
        "suppression_problems": list(suppression_problems),
        "timestamp": timestamp,
        "tool_version": __version__,
        "grammar_hash": grammar_hash,
    }
    return {"workflows": records, "summary": summary}


def to_json(document: dict) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def to_markdown(document: dict, worst: int = 10) -> str:
    from tabulate import tabulate  # only classification needs it; `check` never imports it

    summary = document["summary"]
    lines = [
        "# Workflow classification",
        "",
        f"{plural(summary['total'], 'workflow', '**{}**')}, **{summary['failed']}** failing "
        f"({summary['failure_rate']:.1%}), **{summary['suppressed_failures']}** suppressed. "
        f"Generated {summary['timestamp']} by aetherlint {summary['tool_version']}.",
        "",
        "## Categories",
        "",
        tabulate(
            [[name, c["count"], ", ".join(map(md_cell, c["examples"]))] for name, c in summary["categories"].items()],
            headers=["category", "files", "examples"],
            tablefmt="github",
        ),
    ]
    if summary["top_unknown_functions"]:
        lines += ["", "## Top unknown functions", ""]
        lines.append(tabulate(summary["top_unknown_functions"], headers=["function", "calls"], tablefmt="github"))
    failing = [r for r in document["workflows"] if r["code"] != 0 and not r["suppressed"]]
    if failing:
        failing.sort(key=lambda r: (r["category"], r["path"]))
        lines += ["", f"## Failing files (first {min(worst, len(failing))} of {len(failing)})", ""]
        rows = [[md_cell(r["path"]), f"{r['line']}:{r['col']}", r["code_name"], _cell(r["message"])]
                for r in failing[:worst]]
        lines.append(tabulate(rows, headers=["file", "line:col", "code", "message"], tablefmt="github"))
    for key, title in (("stale_suppressions", "Stale suppressions"), ("expired_suppressions", "Expired suppressions")):
        if summary[key]:
            lines += ["", f"## {title}", ""] + [f"- `{fp}`" for fp in summary[key]]
    return "\n".join(lines) + "\n"


def _cell(text: Optional[str]) -> str:
    return md_cell((text or "").replace("\n", " ")[:120])
