"""Optional execution phase (`classify --run-cmd`): run an external interpreter on a file that
passed parse and validation, and classify from the status it reports.

The interpreter speaks the legacy protocol: a `--json-status` JSON line on stdout
(`{"ok", "code", "code_name", "message", "line", "col", ...}`) and/or `AETHER_ERROR_CODE:<int>`
on stderr. Nothing is ever executed unless the user passes --run-cmd.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
from typing import Any, Optional

from aetherlint.codes import CODES
from aetherlint.credentials import redact
from aetherlint.diagnostic import Diagnostic
from aetherlint.jsonread import is_int
from aetherlint.result import FileResult, failed

_ERROR_CODE_RE = re.compile(r"AETHER_ERROR_CODE:(\d+)")
_RULE_BY_CODE = {1: "AE0101", 20: "AE2001", 21: "AE2101", 22: "AE2202", 23: "AE2301", 24: "AE2401", 25: "AE2501", 27: "AE2701"}


def command_for(template: str, path: str) -> list[str]:
    argv = shlex.split(template, posix=os.name != "nt")
    return [arg.replace("{path}", path) for arg in argv] if "{path}" in template else [*argv, path]


def run_external(task: Any, timeout: float) -> FileResult:
    """`task` has `.path`, `.display` and `.run_cmd` (aetherlint.runner.engine.Task)."""
    argv = command_for(task.run_cmd, task.path)
    try:
        proc = subprocess.run(argv, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return failed(task.display, "run", [Diagnostic("AE2301", 1, 1, f"interpreter timed out after {timeout:g} s")])
    except OSError as exc:
        return failed(task.display, "run", [Diagnostic("AE0101", 1, 1, f"cannot run interpreter: {exc.strerror}")])
    status = _status_line(proc.stdout.decode("utf-8", "replace"))
    code = _code(status, proc.stderr.decode("utf-8", "replace"), proc.returncode)
    if code == 0:
        return FileResult(task.display, 0, "run", ())
    status = status or {}
    message = str(status.get("message") or f"interpreter exited with status {proc.returncode}")
    line, col = _int(status.get("line")) or 1, _int(status.get("col")) or 1
    # the interpreter's message may quote the file: credentials masked as in every message
    diagnostic = Diagnostic(_RULE_BY_CODE.get(code, "AE0101"), line, col, redact(message.splitlines()[0])[:200])
    # the interpreter's code stands, even where no rule of ours has that exact code
    return FileResult(task.display, code, "run", (diagnostic,))


def _status_line(stdout: str) -> Optional[dict]:
    for line in reversed(stdout.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                data = json.loads(line)
            except ValueError:
                continue
            if isinstance(data, dict) and "code" in data:
                return data
    return None


def _code(status: Optional[dict], stderr: str, returncode: int) -> int:
    if status is not None and _int(status.get("code")) in CODES:
        return int(status["code"])
    match = _ERROR_CODE_RE.search(stderr)
    if match and int(match.group(1)) in CODES:
        return int(match.group(1))
    return 0 if returncode == 0 else 1


def _int(value: object) -> Optional[int]:
    return value if is_int(value) else None
