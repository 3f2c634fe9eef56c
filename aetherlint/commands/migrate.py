"""`aetherlint migrate`: rewrite legacy syntax, with dry-run diffs, a check mode and a report."""

from __future__ import annotations

import difflib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Optional, Sequence

from aetherlint import config as config_mod
from aetherlint.errors import EXIT_FINDINGS, EXIT_OK, UsageError
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
    stdout: Optional[IO[str]] = None,
    stderr: Optional[IO[str]] = None,
) -> int:
    from aetherlint.commands.check import expand
    from aetherlint.migration import TRANSFORMS

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
    reports: list[FileReport] = []
    for arg in paths:
        folder = Path(arg) if Path(arg).is_dir() else Path(arg).parent
        cfg = config_mod.for_path(folder)
        for path, display in expand(arg, cfg.exclude):
            entry = _migrate_file(path, display, mode, ids, unsafe, dict(cfg.renames))
            reports.append(entry)
            _print(entry, mode, stdout, stderr)
    summary = _summary(reports, mode)
    print(summary, file=stdout)
    if report:
        _write_report(Path(report), fmt, reports, summary)
    pending = mode == "check" and any(r.status == "changed" for r in reports)
    bugs = any(r.reason.startswith("migration bug") for r in reports)
    return EXIT_FINDINGS if pending or bugs else EXIT_OK


def _migrate_file(path: Path, display: str, mode: str, ids: Optional[list[str]], unsafe: bool,
                  renames: dict[str, str]) -> FileReport:
    from aetherlint.fileio import atomic_write_bytes
    from aetherlint.migration import MigrationError, migrate_text
    from aetherlint.source import SourceError, decode, read_bytes

    try:
        data = read_bytes(path)
        text = decode(data)
    except SourceError as exc:
        d = exc.diagnostic
        return FileReport(display, "skipped", f"IO_ERROR {d.line}:{d.col}: {d.message}")
    try:
        migration = migrate_text(text, select=ids, unsafe=unsafe, renames=renames)
    except MigrationError as exc:
        reason = exc.message if exc.kind == "parse" else f"migration bug: {exc.message}"
        return FileReport(display, "skipped", reason)
    if not migration.edits:
        return FileReport(display, "unchanged")
    diff = unified_diff(text, migration.text, display)
    if mode == "apply":
        new_data = (BOM if data.startswith(BOM) else b"") + migration.text.encode("utf-8")
        try:
            atomic_write_bytes(path, new_data, mode=path.stat().st_mode & 0o7777)
        except OSError as exc:
            return FileReport(display, "skipped", f"IO_ERROR: cannot write ({exc.strerror})")
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
    if entry.status == "skipped":
        print(f"{entry.path}: skipped: {entry.reason}", file=stderr)
    elif entry.status == "changed":
        if mode == "dry-run":
            stdout.write(entry.diff if entry.diff.endswith("\n") else entry.diff + "\n")
        else:
            verb = "would change" if mode == "check" else "changed"
            print(f"{entry.path}: {verb} ({_counts(entry.counts)})", file=stdout)


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
    return f"Migrate: {len(reports)} files scanned, {changed} {verb}, {len(skipped)} skipped{why}."


def _write_report(path: Path, fmt: str, reports: list[FileReport], summary: str) -> None:
    from aetherlint.fileio import atomic_write

    if fmt == "json":
        doc = {"summary": summary, "files": [r.__dict__ for r in reports]}
        text = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    else:
        lines = ["# Migration report", "", summary, ""]
        for r in reports:
            if r.status == "unchanged":
                continue
            lines.append(f"## {r.path}: {r.status}")
            lines.append("")
            lines.append(r.reason if r.status == "skipped" else f"Transforms: {_counts(r.counts)}")
            if r.diff:
                lines += ["", "```diff", r.diff.rstrip("\n"), "```"]
            lines.append("")
        text = "\n".join(lines)
    try:
        atomic_write(path, text)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write report ({exc.strerror})") from None
