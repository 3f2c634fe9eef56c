"""Risk scores: a file's risk findings (AE2802-AE2805) weighted as the legacy scanner weighed
them (dynamic-eval 5, shell-exec 4, network-call 2, file-write 2), as records, a table and JSON.

Pure. The findings come with every checked result (the rules run on every parse and their
findings are cached; rule selection only hides them), so `risk`, `verify --report` and
`classify` read them from the results as they are. A file that could not be parsed (or read,
or that timed out) was not analysed: its score is None, never 0.
"""

from __future__ import annotations

import json
from typing import Iterable, Optional

from aetherlint.escape import md_cell
from aetherlint.result import FileResult
from aetherlint.rules import RULES, dynamic_eval, file_write, network_call, shell_exec

WEIGHTS: dict[str, int] = {m.RULE.id: m.WEIGHT for m in (dynamic_eval, network_call, shell_exec, file_write)}
KINDS = [RULES[rule_id].name for rule_id in WEIGHTS]
_NOT_ANALYSED_PHASES = frozenset({"read", "parse", "any"})


def analysed(result: FileResult) -> bool:
    """The file was parsed and validated: no read, parse, timeout or internal error (a missing
    signature, found on the bytes, does not stop the analysis)."""
    return not any(RULES[d.rule].phase in _NOT_ANALYSED_PHASES and RULES[d.rule].code != 22 for d in result.diagnostics)


def findings(result: FileResult) -> list[dict]:
    return [
        {
            "rule": d.rule,
            "kind": RULES[d.rule].name,
            "weight": WEIGHTS[d.rule],
            "line": d.line,
            "col": d.col,
            "end_line": d.end[0],
            "end_col": d.end[1],
            "snippet": d.message.split(": ", 1)[-1],
        }
        for d in result.diagnostics
        if d.rule in WEIGHTS
    ]


def score(result: FileResult) -> Optional[int]:
    return sum(WEIGHTS.get(d.rule, 0) for d in result.diagnostics) if analysed(result) else None


def record(result: FileResult) -> dict:
    """What a classify record, the `risk` JSON and the verify report say about one file."""
    return {"path": result.path, "risk_score": score(result), "risk": findings(result)}


def document(results: Iterable[FileResult], fail_above: Optional[int] = None) -> dict:
    files = sorted((record(r) for r in results), key=lambda rec: rec["path"])
    scores = [f["risk_score"] for f in files if f["risk_score"] is not None]
    return {
        "files": files,
        "summary": {
            "files": len(files),
            "findings": sum(len(f["risk"]) for f in files),
            "not_analysed": sum(1 for f in files if f["risk_score"] is None),
            "max_score": max(scores, default=0),
            "fail_above": fail_above,
            "failing": [f["path"] for f in files if failing(f, fail_above)],
        },
    }


def failing(rec: dict, fail_above: Optional[int]) -> bool:
    """Above the threshold, or not analysed (nothing proves it is below): only with a threshold."""
    if fail_above is None:
        return False
    return rec["risk_score"] is None or rec["risk_score"] > fail_above


def to_json(doc: dict) -> str:
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def tables(doc: dict) -> str:
    """Two GitHub-flavoured tables: the score of each file with its count per kind, then every
    finding with its place, weight and snippet (cells escaped for Markdown and terminals)."""
    from tabulate import tabulate

    scores = [[md_cell(f["path"]), "not analysed" if f["risk_score"] is None else f["risk_score"],
               *(sum(1 for x in f["risk"] if x["kind"] == kind) for kind in KINDS)] for f in doc["files"]]
    out = tabulate(scores, headers=["file", "score", *KINDS], tablefmt="github")
    rows = [[md_cell(f["path"]), f"{x['line']}:{x['col']}", x["kind"], x["weight"], md_cell(x["snippet"])]
            for f in doc["files"] for x in f["risk"]]
    if rows:
        out += "\n\n" + tabulate(rows, headers=["file", "line:col", "finding", "weight", "snippet"], tablefmt="github")
    return out + "\n"


def summary_line(doc: dict) -> str:
    from aetherlint.words import plural

    s = doc["summary"]
    line = f"Risk: {plural(s['files'], 'file')}, {plural(s['findings'], 'finding')}, highest score {s['max_score']}"
    if s["not_analysed"]:
        line += f", {s['not_analysed']} not analysed"
    if s["fail_above"] is not None:
        line += f"; {len(s['failing'])} above {s['fail_above']} or not analysed"
    return line + "."

