"""`sarif`: a SARIF 2.1.0 log (one run) for code scanning (GitHub, GitLab, Azure DevOps, IDEs).

Every rule of the registry is described in `tool.driver.rules`; every finding is a result, the
suppressed ones too (with `suppressions`, as SARIF wants them: viewers hide them). Locations
are relative to `%SRCROOT%` (the project root, given in `originalUriBaseIds`), percent-encoded,
with `/` separators; a file outside the root gets an absolute `file://` URI. Columns count code
points (`columnKind`), ends are exclusive, as in aetherlint's own model.
"""

from __future__ import annotations

import json
from typing import Optional
from urllib.parse import quote

from aetherlint import __version__
from aetherlint.codes import code_name
from aetherlint.diagnostic import Diagnostic, Fix
from aetherlint.reports.fingerprints import stable_fingerprint
from aetherlint.reports.formats.report import RULE_ORDER, Report, absolute, relative
from aetherlint.result import FileResult
from aetherlint.rules import RULES, explain_text
from aetherlint.rules.base import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# A placeholder: aetherlint has no published documentation site (see README, Output formats).
INFORMATION_URI = "https://aetherlint.invalid/docs"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "aetherlint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def automation_id(command: str) -> str:
    """`aetherlint/check/`: SARIF's `category/` form (no instance), what GitHub code scanning uses
    to keep the analyses of different commands apart."""
    return f"aetherlint/{command}/"


def render(report: Report) -> str:
    return json.dumps(log(report), indent=2, ensure_ascii=False) + "\n"


def log(report: Report) -> dict:
    results = [res for r in report.results for res in _results(r, report.root)]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "aetherlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(rule) for rule in RULES.values()],
                    }
                },
                "automationDetails": {"id": automation_id(report.command)},
                "invocations": [{"executionSuccessful": True, "exitCode": report.exit_code}],
                "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(report.root)}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _rule(rule: Rule) -> dict:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation.split("\n", 1)[0]},
        "help": {"text": explain_text(rule), "markdown": help_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity], **({} if rule.default else {"enabled": False})},
        "properties": {"code": rule.code, "codeName": code_name(rule.code), "phase": rule.phase},
    }


def help_markdown(rule: Rule) -> str:
    """The explanation as Markdown: lines indented by four spaces (the examples) become code
    blocks, the other lines paragraphs."""
    out = [f"**{rule.id} {rule.name}** (default severity {rule.severity}): {rule.summary}"]
    code: list[str] = []
    for line in rule.explanation.split("\n"):
        if line.startswith("    "):
            code.append(line[4:])
            continue
        if code:
            out.append("```\n" + "\n".join(code) + "\n```")
            code = []
        out.append(line)
    if code:
        out.append("```\n" + "\n".join(code) + "\n```")
    return "\n\n".join(out)


def _results(result: FileResult, root: str) -> list[dict]:
    artifact = artifact_location(result.path, root)
    diagnostics = result.diagnostics
    if not diagnostics and not result.ok:  # never expected: a failure always has a finding
        rule = next(r for r in RULES.values() if r.code == result.code)
        diagnostics = (Diagnostic(rule.id, 1, 1, result.code_name),)
    return [_result(d, artifact) for d in diagnostics]


def _result(diag: Diagnostic, artifact: dict) -> dict:
    end_line, end_col = diag.end
    out: dict = {
        "ruleId": diag.rule,
        "ruleIndex": RULE_ORDER[diag.rule],
        "level": LEVELS[diag.severity],
        "message": {"text": diag.message or RULES[diag.rule].summary},
        "locations": [_location(artifact, _region(diag.line, diag.col, end_line, end_col))],
        "partialFingerprints": {
            FINGERPRINT_KEY: stable_fingerprint(code_name(RULES[diag.rule].code), diag.source, diag.occurrence)
        },
    }
    if diag.related:
        out["relatedLocations"] = [
            {**_location(artifact, _region(line, col)), "id": index, "message": {"text": note}}
            for index, (line, col, note) in enumerate(diag.related, start=1)
        ]
    if diag.fix is not None:
        out["fixes"] = [_fix(diag.fix, artifact)]
    if diag.suppressed:
        out["suppressions"] = [{"kind": diag.suppressed}]
    return out


def _fix(fix: Fix, artifact: dict) -> dict:
    return {
        "description": {"text": fix.description},
        "artifactChanges": [
            {
                "artifactLocation": artifact,
                "replacements": [
                    {"deletedRegion": _region(e.line, e.col, e.end_line, e.end_col), "insertedContent": {"text": e.text}}
                    for e in fix.edits
                ],
            }
        ],
        "properties": {"applicability": fix.applicability},
    }


def _location(artifact: dict, region: dict) -> dict:
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def _region(line: int, col: int, end_line: Optional[int] = None, end_col: Optional[int] = None) -> dict:
    region = {"startLine": line, "startColumn": col}
    if end_line is not None and end_col is not None:
        region.update(endLine=end_line, endColumn=end_col)
    return region


def artifact_location(path: str, root: str) -> dict:
    """`{"uri": "flows/a%20b.aether", "uriBaseId": "%SRCROOT%"}` inside the root; an absolute
    `file://` URI outside it."""
    rel = relative(path, root)
    if rel is not None:
        return {"uri": encode(rel), "uriBaseId": SRCROOT}
    return {"uri": "file://" + _absolute_uri_path(absolute(path, root))}


def encode(path: str, safe: str = "/") -> str:
    """Percent-encoding of a POSIX path for a URI: spaces, `#`, `%`, `?`, `:` (a relative URI's
    first segment would read as a scheme), non-ASCII (as UTF-8; an undecodable byte from the
    file system as that byte)."""
    return quote(path, safe=safe, errors="surrogateescape")


def _absolute_uri_path(path: str) -> str:
    if not path.startswith("/"):  # a Windows drive path, C:/x: file:///C:/x
        path = "/" + path
    return encode(path, safe="/:")


def _directory_uri(root: str) -> str:
    uri = "file://" + _absolute_uri_path(root)
    return uri if uri.endswith("/") else uri + "/"
