"""`aetherlint check`: check files and directories, report per file, exit 0/1."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Optional, Sequence

from aetherlint import config as config_mod
from aetherlint.check import check_bytes
from aetherlint.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from aetherlint.output import format_result, summary, use_colour
from aetherlint.result import FileResult, failed, utc_timestamp
from aetherlint.source import SourceError, read_bytes, split_lines

STDIN = "-"


def expand(arg: str, exclude: Sequence[str]) -> list[tuple[Path, str]]:
    """(path, display name): the file itself, or each `*.aether` under a directory (as classify
    finds them). A missing path is kept, so it is reported as IO_ERROR, never silently skipped."""
    path = Path(arg)
    if not path.is_dir():
        return [(path, arg)]
    from aetherlint.discovery import discover

    return [(child, (path / rel).as_posix()) for child, rel in discover(path, exclude)]


def run(
    paths: Sequence[str],
    *,
    stdin_filename: Optional[str] = None,
    json_status: bool = False,
    emit_error_code: bool = False,
    verbose: bool = False,
    quiet: bool = False,
    use_cache: bool = True,
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
            where = Path(arg) if Path(arg).is_dir() else Path(arg).parent
            cfg = config_mod.for_path(where)
            items = [(p, d, None, cfg) for p, d in expand(arg, cfg.exclude)]
        for path, display, data, cfg in items:
            if data is None:
                assert path is not None
                try:
                    data = read_bytes(path)  # read once: for the check, the cache key and the report
                except SourceError as exc:
                    result = failed(display, "read", [exc.diagnostic])
            if data is not None:
                result = _check_one(display, data, cfg, use_cache)
            results.append(result)
            _report(result, data, json_status, emit_error_code, verbose, quiet, colour, timestamp, stdout, stderr)
    if not json_status and not quiet:
        print(summary(results), file=stdout)
    return EXIT_OK if all(r.ok for r in results) else EXIT_FINDINGS


def _check_one(display: str, data: bytes, cfg: config_mod.Config, use_cache: bool) -> FileResult:
    """Check one file, through the result cache unless it is off (then lark is not even loaded
    for an unchanged file)."""
    if not use_cache:
        return check_bytes(data, display, cfg.extend_builtins)
    from aetherlint.cache import ResultCache

    cache = _caches.get(cfg)
    if cache is None:
        root = cfg.source.parent if cfg.source else Path.cwd()
        cache = _caches[cfg] = ResultCache(root, cfg.extend_builtins)
    key = cache.key(data)
    result = cache.get(key, display)
    if result is None:
        result = check_bytes(data, display, cfg.extend_builtins)
        cache.put(key, result)
    return result


_caches: dict = {}


def _report(
    result: FileResult,
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
        print(format_result(result, _source_lines(result, data), colour), file=stdout)
    if emit_error_code:
        print(f"AETHER_ERROR_CODE:{result.code}", file=stderr)
    if verbose and result.traceback:
        print(result.traceback, file=stderr, end="")


def _source_lines(result: FileResult, data: Optional[bytes]) -> Optional[list[str]]:
    if result.phase == "read" or data is None:
        return None
    return split_lines(data.decode("utf-8-sig"))
