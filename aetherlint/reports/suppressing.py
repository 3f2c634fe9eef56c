"""Applying suppressions to one result: inline comments (its directives) and listed fingerprints
mark findings as suppressed; inline comments that suppress nothing become AE2901. Pure."""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping, Optional

from aetherlint.codes import code_name
from aetherlint.diagnostic import Diagnostic
from aetherlint.directives import Directive
from aetherlint.reports.suppressions import Entry
from aetherlint.result import FileResult, recounted
from aetherlint.rules import RULES
from aetherlint.rules.selectors import resolve
from aetherlint.rules.unused_suppression import RULE as UNUSED


def apply(
    result: FileResult, listed: Mapping[str, Entry] = {}, *, strict: bool = False, judged: Optional[frozenset[str]] = None
) -> tuple[FileResult, set[str]]:
    """`result` with its suppressed findings marked (`inSource` by its inline comments, `external`
    by the listed fingerprints) and an AE2901 finding for each inline comment that matched
    nothing (an error when `strict`; only comments about rules in `judged`, default all, can be
    unused: one about a rule that is not selected has nothing to match); and the listed
    fingerprints that matched."""
    if not result.diagnostics and not result.directives:
        return result, set()
    unused: list[Diagnostic] = []
    rules_of = [_rules_named(directive, unused, strict) for directive in result.directives]
    matched: set[str] = set()
    whole = _whole_file_entry(result, listed)
    if whole:
        matched.add(whole)
    used: set[int] = set()
    marked = []
    for diag in result.diagnostics:
        if not RULES[diag.rule].suppressible:  # a signature check no comment may switch off
            marked.append(diag)
            continue
        kind = _inline(diag, result.directives, rules_of, used)
        if not kind and whole and diag.is_error:
            kind = "external"
        if not kind and listed:
            kind = _listed(diag, result, listed, matched)
        marked.append(replace(diag, suppressed=kind) if kind else diag)
    for index, directive in enumerate(result.directives):
        judge = rules_of[index] if judged is None else rules_of[index] & judged
        if index not in used and (not directive.selectors or judge):
            what = ", ".join(directive.selectors) or "any rule"
            where = "in this file" if directive.scope == "file" else "on this line"
            unused.append(_unused(directive, f"unused suppression: no finding of {what} {where}", strict))
    if not unused and all(d is m for d, m in zip(result.diagnostics, marked)):
        return result, matched
    return recounted(result, marked + unused), matched


def _rules_named(directive: Directive, unused: list[Diagnostic], strict: bool) -> frozenset[str]:
    """The rules a directive names (every rule for a bare `ignore`); a selector that names none
    is reported in `unused`."""
    if not directive.selectors:
        return frozenset(RULES)
    ids: set[str] = set()
    for selector in directive.selectors:
        try:
            ids |= resolve(selector)
        except ValueError as exc:
            unused.append(_unused(directive, f"{exc} in a suppression comment", strict))
    return frozenset(ids)


def _whole_file_entry(result: FileResult, listed: Mapping[str, Entry]) -> str:
    """The listed entry for the file's failure (its first error: what classify records and
    `suppress` prints), if any: it accepts every error of the file, as lists always have."""
    first = result.first
    if not listed or first is None or not RULES[first.rule].suppressible:
        return ""
    from aetherlint.reports.fingerprints import fingerprint, stable_fingerprint  # hashlib: only with a list

    name = result.code_name
    for fp in (fingerprint(name, first.line, first.message), stable_fingerprint(name, first.source, first.occurrence)):
        if fp in listed:
            return fp
    return ""


def _inline(diag: Diagnostic, directives: tuple[Directive, ...], rules_of: list[frozenset[str]], used: set[int]) -> str:
    kind = ""
    for index, directive in enumerate(directives):
        if diag.rule in rules_of[index] and (directive.scope == "file" or directive.line == diag.line):
            kind = "inSource"
            used.add(index)  # every comment that covers it is used, not only the first
    return kind


def _listed(diag: Diagnostic, result: FileResult, listed: Mapping[str, Entry], matched: set[str]) -> str:
    from aetherlint.reports.fingerprints import fingerprint, stable_fingerprint

    name = result.code_name if result.phase == "run" else code_name(RULES[diag.rule].code)
    kind = ""
    for fp in (fingerprint(name, diag.line, diag.message), stable_fingerprint(name, diag.source, diag.occurrence)):
        if fp in listed:
            kind = "external"
            matched.add(fp)
    return kind


def _unused(directive: Directive, message: str, strict: bool) -> Diagnostic:
    severity = "error" if strict else UNUSED.severity
    return UNUSED.diagnostic(directive.line, directive.col, message, end_line=directive.line,
                             end_col=directive.end_col, severity=severity)
