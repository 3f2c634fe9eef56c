"""`github`: GitHub Actions workflow commands (annotations), then every finding as a plain line.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and drops the
rest, so the most important come first (errors, then warnings, then info; by rule in
documentation order, parse rules first; then path and position), and a last `::notice::` says
how many were not shown. The plain listing after them (the `concise` lines and the summary)
has every finding, so nothing is lost from the log; it is wrapped in `::stop-commands::`, so a
file named `::error::...` cannot add annotations.

Escaping is GitHub's: in the message `%`, CR and LF become `%25`, `%0D`, `%0A`; in the
properties also `:` and `,` (`%3A`, `%2C`). Other control characters are shown as `\\x1b`.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from aetherlint.diagnostic import Diagnostic
from aetherlint.escape import controls, md_cell
from aetherlint.words import plural
from aetherlint.reports.formats import concise
from aetherlint.reports.formats.report import Report, counts, findings, importance, location
from aetherlint.result import FileResult
from aetherlint.rules import RULES

MAX_PER_KIND = 10  # what GitHub shows per step, for each of errors, warnings and notices
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
NOUNS = {"error": "more error", "warning": "more warning", "info": "more notice"}


def escape_data(text: str) -> str:
    return controls(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(result: FileResult, diag: Diagnostic, root: str) -> str:
    end_line, end_col = diag.end
    props = [("file", location(result.path, root)), ("line", str(diag.line))]
    if end_line == diag.line:  # GitHub takes columns only for an annotation on one line
        props += [("col", str(diag.col)), ("endLine", str(end_line)), ("endColumn", str(end_col))]
    else:
        props.append(("endLine", str(end_line)))
    props.append(("title", f"{diag.rule} {RULES[diag.rule].name}"))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[diag.severity]} {joined}::{escape_data(diag.message)}"


def render(report: Report) -> str:
    ranked = sorted(findings(report), key=importance)
    total = Counter(diag.severity for _, diag in ranked)
    limit = dict.fromkeys(COMMANDS, MAX_PER_KIND)
    if any(n > MAX_PER_KIND for n in total.values()):
        limit["info"] -= 1  # the closing notice is one of the notices GitHub shows
    shown: Counter[str] = Counter()
    out = []
    for result, diag in ranked:
        if shown[diag.severity] < limit[diag.severity]:
            shown[diag.severity] += 1
            out.append(annotation(result, diag, report.root))
    hidden = [plural(total[kind] - shown[kind], NOUNS[kind]) for kind in COMMANDS if total[kind] > shown[kind]]
    if hidden:
        out.append(f"::notice::aetherlint: {_and(hidden)} not shown as annotations; see the log or the SARIF report")
    listing = concise.lines(report)
    if listing:
        token = "aetherlint-" + hashlib.sha256("\n".join(listing).encode("utf-8", "surrogatepass")).hexdigest()[:32]
        out += [f"::stop-commands::{token}", *listing, f"::{token}::"]
    if report.summary_line:
        out.append(report.summary_line)
    return "".join(line + "\n" for line in out)


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def step_summary(report: Report) -> str:
    """Markdown for `$GITHUB_STEP_SUMMARY`: files checked and failed, findings per rule."""
    numbers = counts(report)
    head = (f"{plural(numbers['files'], 'file', '**{}**')} checked, **{numbers['failed']}** failed, "
            f"{plural(numbers['errors'] + numbers['warnings'] + numbers['infos'], 'finding', '**{}**')}")
    if numbers["suppressed"]:
        head += f" ({numbers['suppressed']} suppressed, not counted)"
    lines = [f"### aetherlint {report.command}", "", head + "."]
    per_rule = Counter((diag.rule, diag.severity) for _, diag in findings(report))
    if per_rule:
        lines += ["", "| rule | name | severity | findings |", "|---|---|---|---:|"]
        for (rule, severity), n in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"| {rule} | {md_cell(RULES[rule].name)} | {severity} | {n} |")
    return "\n".join(lines) + "\n\n"
