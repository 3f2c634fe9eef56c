"""`aetherlint verify`: check the signature of every workflow, report OK or FAIL with the reason
per file, and (with `--report`) write that and the risk table as Markdown."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import IO, Optional, Sequence

from aetherlint.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from aetherlint.escape import controls, md_cell, md_code
from aetherlint.words import plural
from aetherlint.result import FileResult
from aetherlint.settings import options as opt
from aetherlint.settings.resolver import Overrides
from aetherlint.signing import keys

STRICT_ENV = "AETHERRA_SCRIPT_VERIFY_STRICT"  # the existing tool's switch: 1 means --strict


@dataclass(frozen=True)
class Line:
    path: str
    status: str  # "OK", "FAIL" or "UNSIGNED" (allowed without --strict)
    reason: str


def strict_from_env(env: Optional[dict] = None) -> bool:
    value = (os.environ if env is None else env).get(STRICT_ENV, "")
    return value.strip().lower() in ("1", "true", "yes", "on")


def run(
    paths: Sequence[str],
    key_file: Optional[str] = None,
    *,
    strict: bool = False,
    report: Optional[str] = None,
    overrides: Overrides = Overrides(),
    stdout: Optional[IO[str]] = None,
    stderr: Optional[IO[str]] = None,
) -> int:
    from aetherlint.commands import outputs
    from aetherlint.commands.pathrun import check_paths, resolver_for
    from aetherlint.reports import risk
    from aetherlint.signing.verify import MISSING, verify

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    strict = strict or strict_from_env()
    outputs.check({"--report": report})
    resolver, top = resolver_for(opt.VERIFY, overrides)
    keyring = keys.load(key_file, top[opt.TRUSTED_KEYS], top[opt.REVOKED_KEYS])
    if keyring.empty:
        raise UsageError(keys.no_key("no key to verify with", "--trusted-keys PATH"))
    lines: list[Line] = []
    results: list[FileResult] = []

    def emit(result: FileResult, data: Optional[bytes]) -> None:
        results.append(result)
        if data is None:  # unreadable: its read error is the reason
            first = result.first
            line = Line(result.path, "FAIL", f"cannot read: {first.message if first else result.code_name}")
        else:
            verdict = verify(data, keyring)
            if verdict.ok:
                line = Line(result.path, "OK", verdict.reason)
            elif verdict.status == MISSING and not strict:
                line = Line(result.path, "UNSIGNED", verdict.reason + "; allowed without --strict")
            else:
                line = Line(result.path, "FAIL", verdict.reason)
        lines.append(line)
        print(f"{line.status} {controls(line.path)}: {controls(line.reason)}", file=stdout)

    check_paths(paths, resolver, top, stderr, emit, opt.VERIFY)
    summary = _summary(lines, strict)
    print(summary, file=stdout)
    if report:
        outputs.write(report, _markdown(lines, summary, risk.document(results)), stdout)
    return EXIT_FINDINGS if any(line.status == "FAIL" for line in lines) else EXIT_OK


def _summary(lines: list[Line], strict: bool) -> str:
    counts = {status: sum(1 for line in lines if line.status == status) for status in ("OK", "FAIL", "UNSIGNED")}
    text = f"Verify: {plural(len(lines), 'file')}, {counts['OK']} OK, {counts['FAIL']} failed"
    if counts["UNSIGNED"]:
        text += f", {counts['UNSIGNED']} unsigned"
    return text + (" (strict)." if strict else " (not strict: unsigned files pass).")


def _markdown(lines: list[Line], summary: str, risk_doc: dict) -> str:
    from aetherlint.reports import risk

    out = ["# Aether static report", "", summary, ""]
    out += [f"- {line.status} {md_code(line.path)}: {md_cell(line.reason)}" for line in sorted(lines, key=lambda l: l.path)]
    out += ["", "## Risk", "", risk.summary_line(risk_doc), "", risk.tables(risk_doc)]
    return "\n".join(out)
