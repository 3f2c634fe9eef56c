"""`aetherlint check`: check files and directories, report per file, exit 0/1."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Optional, Sequence

from aetherlint import config as config_mod
from aetherlint.check import check_bytes, check_path
from aetherlint.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from aetherlint.output import format_result, summary, use_colour
from aetherlint.result import FileResult, utc_timestamp

STDIN = "-"


def discover(paths: Sequence[str]) -> list[tuple[Path, str]]:
    """(path, display name) for each file argument and each `*.aether` under a directory argument.

    A missing path is kept, so it is reported as IO_ERROR rather than silently skipped.
    """
    found: list[tuple[Path, str]] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            for child in sorted(path.rglob("*.aether")):
                if child.is_file():
                    found.append((child, child.as_posix()))
        else:
            found.append((path, arg))
    return found


def run(
    paths: Sequence[str],
    *,
    stdin_filename: Optional[str] = None,
    json_status: bool = False,
    emit_error_code: bool = False,
    verbose: bool = False,
    quiet: bool = False,
    stdout: Optional[IO[str]] = None,
    stderr: Optional[IO[str]] = None,
    stdin: Optional[IO[bytes]] = None,
) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if not paths:
        raise UsageError("no paths given (try `aetherlint check .`)")
    results: list[FileResult] = []
    colour = use_colour(stdout)
    timestamp = utc_timestamp()
    for arg in paths:
        if arg == STDIN:
            name = stdin_filename or "<stdin>"
            where = Path(stdin_filename).parent if stdin_filename else Path.cwd()
            data = (stdin or sys.stdin.buffer).read()
            items = [(None, name, data, config_mod.for_path(where))]
        else:
            items = [(p, d, None, config_mod.for_path(p if p.is_dir() else p.parent)) for p, d in discover([arg])]
        for path, display, data, cfg in items:
            if data is None:
                assert path is not None
                result = check_path(path, display, cfg.extend_builtins)
            else:
                result = check_bytes(data, display, cfg.extend_builtins)
            results.append(result)
            _report(result, path, data, json_status, emit_error_code, verbose, quiet, colour, timestamp, stdout, stderr)
    if not json_status and not quiet:
        print(summary(results), file=stdout)
    return EXIT_OK if all(r.ok for r in results) else EXIT_FINDINGS


def _report(
    result: FileResult,
    path: Optional[Path],
    data: Optional[bytes],
    json_status: bool,
    emit_error_code: bool,
    verbose: bool,
    quiet: bool,
    colour: bool,
    timestamp: str,
    stdout: IO[str],
    stderr: IO[str],
) -> None:
    if json_status:
        print(json.dumps(result.status(timestamp), ensure_ascii=False), file=stdout)
    elif not result.ok and not quiet:
        print(format_result(result, _source_lines(result, path, data), colour), file=stdout)
    if emit_error_code:
        print(f"AETHER_ERROR_CODE:{result.code}", file=stderr)
    if verbose and result.traceback:
        print(result.traceback, file=stderr, end="")


def _source_lines(result: FileResult, path: Optional[Path], data: Optional[bytes]) -> Optional[list[str]]:
    if result.phase == "read":
        return None
    try:
        raw = data if data is not None else path.read_bytes() if path else b""
        return raw.decode("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
