"""`aetherlint migrate`: rewrite legacy syntax, with dry-run diffs, a check mode and a report."""

from __future__ import annotations

import difflib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Optional, Sequence

from aetherlint.commands import inplace
from aetherlint.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from aetherlint.words import plural
from aetherlint.settings import options as opt
from aetherlint.settings.resolver import Overrides, Resolver
from aetherlint.source import lines_with_ends

MODES = ("dry-run", "apply", "check")
BOM = b"\xef\xbb\xbf"


@dataclass
class FileReport:
    path: str
    status: str  # changed, unchanged, skipped
    reason: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    diff: str = ""


def run(
    paths: Sequence[str],
    mode: str,
    *,
    report: Optional[str] = None,
    fmt: str = "markdown",
    unsafe: bool = False,
    select: Optional[str] = None,
    force: bool = False,
    overrides: Overrides = Overrides(),
    stdout: Optional[IO[str]] = None,
    stderr: Optional[IO[str]] = None,
) -> int:
    from aetherlint.commands import outputs, runopts
    from aetherlint.migration import TRANSFORMS
    from aetherlint.runner.targets import Target, Targets

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    if mode not in MODES:
        raise UsageError("choose exactly one of --dry-run, --apply or --check")
    if not paths:
        raise UsageError("no paths given")
    ids = None
    if select is not None:
        ids = [i.strip() for i in select.split(",") if i.strip()]
        unknown = [i for i in ids if i not in TRANSFORMS]
        if unknown or not ids:
            raise UsageError(f"--select: unknown transform {unknown[0] if unknown else select!r} "
                             f"(known: {', '.join(TRANSFORMS)})")
        risky = [i for i in ids if not TRANSFORMS[i].safe and not unsafe]
        if risky:
            raise UsageError(f"--select: {risky[0]} is unsafe; add --unsafe to apply it")
    outputs.check({"--report": report})
    human = stderr if report == outputs.STDOUT else stdout  # a report on stdout stays clean
    reports: list[FileReport] = []
    resolver = Resolver(overrides, opt.MIGRATE, Path.cwd())
    targets = Targets(resolver)
    entries = [(arg, entry) for arg in paths for entry in targets.add(arg)]
    runopts.unmatched_paths(targets.found.unmatched, resolver.for_folder(Path.cwd())[opt.STRICT_PATHS], stderr)
    for arg, entry in entries:
        if isinstance(entry, Target):
            settings = entry.settings
            rules = _Rules(ids, unsafe, dict(settings[opt.RENAMES]), inplace.link_root(arg, entry), force)
            report_entry = _migrate_file(entry.path, entry.display, mode, rules)
        else:  # a folder that could not be listed: never skipped silently
            report_entry = FileReport(f"{entry.display}/", "skipped", f"IO_ERROR: cannot list the folder ({entry.reason})")
        reports.append(report_entry)
        _print(report_entry, mode, human, stderr)
    summary = _summary(reports, mode)
    print(summary, file=human)
    if report:
        outputs.write(report, _report_text(fmt, reports, summary), stdout)
    pending = mode == "check" and any(r.status == "changed" for r in reports)
    bugs = any(r.reason.startswith("migration bug") for r in reports)
    return EXIT_FINDINGS if pending or bugs else EXIT_OK


@dataclass(frozen=True)
class _Rules:
    ids: Optional[list[str]]
    unsafe: bool
    renames: dict[str, str]
    root: Path  # a symlink may lead only inside it
    force: bool  # rewrite read-only files too


def _migrate_file(path: Path, display: str, mode: str, rules: _Rules) -> FileReport:
    from aetherlint.credentials import redact
    from aetherlint.migration import MigrationError, migrate_text
    from aetherlint.source import SourceError, decode, read_bytes

    target, why_not = inplace.target(path, rules.root, writing=mode == "apply", force=rules.force)
    if why_not:
        return FileReport(display, "skipped", why_not)
    assert target is not None
    try:
        read = os.stat(target)
        data = read_bytes(target)
        text = decode(data)
    except SourceError as exc:
        d = exc.diagnostic
        return FileReport(display, "skipped", f"IO_ERROR {d.line}:{d.col}: {d.message}")
    except OSError as exc:
        return FileReport(display, "skipped", f"IO_ERROR 1:1: {exc.strerror or exc}")
    try:
        migration = migrate_text(text, select=rules.ids, unsafe=rules.unsafe, renames=rules.renames)
    except MigrationError as exc:
        reason = exc.message if exc.kind == "parse" else f"migration bug: {exc.message}"
        return FileReport(display, "skipped", redact(reason))
    if not migration.edits:
        return FileReport(display, "unchanged")
    diff = redact(unified_diff(text, migration.text, display))  # shown and reported: no credential in it
    if mode == "apply":
        from aetherlint.fileio import rewrite_in_place

        new_data = (BOM if data.startswith(BOM) else b"") + migration.text.encode("utf-8")
        try:
            rewrite_in_place(target, new_data, read, data, force=rules.force)
        except OSError as exc:
            return FileReport(display, "skipped", f"IO_ERROR: cannot write ({exc.strerror or exc})")
    return FileReport(display, "changed", counts=migration.counts, diff=diff)


def unified_diff(old: str, new: str, name: str) -> str:
    """`diff -u` output, including its marker for a last line without a newline. A line that ends
    in a lone CR gets a newline after it, or a terminal would print the whole diff on one line."""
    lines = difflib.unified_diff(lines_with_ends(old), lines_with_ends(new), f"a/{name}", f"b/{name}")
    return "".join(_diff_line(line) for line in lines)


def _diff_line(line: str) -> str:
    if line.endswith("\n"):
        return line
    if line.endswith("\r"):
        return line + "\n"
    return line + "\n\\ No newline at end of file\n"


def _print(entry: FileReport, mode: str, stdout: IO[str], stderr: IO[str]) -> None:
    from aetherlint.escape import controls, controls_in_lines

    if entry.status == "skipped":
        print(f"{controls(entry.path)}: skipped: {controls(entry.reason)}", file=stderr)
    elif entry.status == "changed":
        if mode == "dry-run":
            diff = controls_in_lines(entry.diff)
            stdout.write(diff if diff.endswith("\n") else diff + "\n")
        else:
            verb = "would change" if mode == "check" else "changed"
            print(f"{controls(entry.path)}: {verb} ({_counts(entry.counts)})", file=stdout)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{tid} x{n}" for tid, n in counts.items())


def _summary(reports: list[FileReport], mode: str) -> str:
    changed = sum(r.status == "changed" for r in reports)
    skipped = [r for r in reports if r.status == "skipped"]
    reasons: dict[str, int] = {}
    for r in skipped:
        key = "IO_ERROR" if r.reason.startswith("IO_ERROR") else r.reason.split(" (")[0].split(":")[0]
        reasons[key] = reasons.get(key, 0) + 1
    why = f" ({', '.join(f'{n} {k}' for k, n in sorted(reasons.items()))})" if reasons else ""
    verb = "changed" if mode == "apply" else "would change"
    return f"Migrate: {plural(len(reports), 'file')} scanned, {changed} {verb}, {len(skipped)} skipped{why}."


def _report_text(fmt: str, reports: list[FileReport], summary: str) -> str:
    from aetherlint.escape import controls

    if fmt == "json":
        doc = {"summary": summary, "files": [r.__dict__ for r in reports]}
        text = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    else:
        lines = ["# Migration report", "", summary, ""]
        for r in reports:
            if r.status == "unchanged":
                continue
            lines.append(f"## {controls(r.path)}: {r.status}")
            lines.append("")
            lines.append(controls(r.reason) if r.status == "skipped" else f"Transforms: {_counts(r.counts)}")
            if r.diff:
                lines += ["", "```diff", r.diff.rstrip("\n"), "```"]
            lines.append("")
        text = "\n".join(lines)
    return text
