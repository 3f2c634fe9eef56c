"""`aetherlint check`: check files and directories, report per file, exit 0/1."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Optional, Sequence

from aetherlint.commands.links import skipped_links_lines, skipped_links_note
from aetherlint.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from aetherlint.output import format_result, summary, use_colour
from aetherlint.result import Diagnostic, FileResult, failed, utc_timestamp
from aetherlint.safeopen import human_size
from aetherlint.settings import options as opt
from aetherlint.settings.resolver import Overrides, Resolver
from aetherlint.source import split_lines

if TYPE_CHECKING:
    from aetherlint.runner.batch import Item
    from aetherlint.settings.model import Settings

STDIN = "-"


def run(
    paths: Sequence[str],
    overrides: Overrides = Overrides(),
    *,
    stdin_filename: Optional[str] = None,
    stdout: Optional[IO[str]] = None,
    stderr: Optional[IO[str]] = None,
    stdin: Optional[IO[bytes]] = None,
) -> int:
    from aetherlint.commands import runopts
    from aetherlint.runner.batch import Plan, check_items, items_for
    from aetherlint.runner.targets import Targets

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if not paths:
        raise UsageError("no paths given (try `aetherlint check .`)")
    resolver = Resolver(overrides, opt.CHECK, Path.cwd())
    top = resolver.for_folder(Path.cwd())  # the run's own settings (jobs, output...)
    jobs = runopts.jobs(top[opt.JOBS], lambda message: print(f"aetherlint: warning: {message}", file=stderr))
    targets = Targets(resolver)
    items: list["Item"] = []
    for arg in paths:
        if arg == STDIN:
            items.append(_stdin_item(resolver, top[opt.CACHE], stdin_filename, stdin))
        else:
            items += items_for(targets.add(arg), top[opt.CACHE])
    runopts.unmatched_paths(targets.found.unmatched, top[opt.STRICT_PATHS], stderr)
    json_status, emit_error_code = top[opt.JSON_STATUS], top[opt.EMIT_ERROR_CODE]
    verbose, quiet = top[opt.VERBOSE], top[opt.QUIET]
    colour = use_colour(stdout)
    timestamp = utc_timestamp()
    results: list[FileResult] = []

    def emit(result: FileResult, data: Optional[bytes]) -> None:
        results.append(result)
        _report(result, data, json_status, emit_error_code, verbose, quiet, colour, timestamp, stdout, stderr)

    check_items(items, Plan(jobs, top[opt.TIMEOUT], keep_data=True), emit)
    outside, dangling = targets.found.outside, targets.found.dangling
    if verbose:
        for line in skipped_links_lines(outside, dangling):
            print(line, file=stderr)
    if not json_status and not quiet:
        print(summary(results) + skipped_links_note(outside, dangling), file=stdout)
    return EXIT_OK if all(r.ok for r in results) else EXIT_FINDINGS


def _stdin_item(
    resolver: Resolver, use_cache: bool, stdin_filename: Optional[str], stdin: Optional[IO[bytes]]
) -> "Item":
    """Standard input, read here (once, bounded); `--stdin-filename` names it and places it in
    a project, whose settings apply."""
    from aetherlint.runner.batch import Job

    name = stdin_filename or "<stdin>"
    where = Path(stdin_filename) if stdin_filename else Path.cwd() / name
    settings: "Settings" = resolver.for_path(where)
    limit = settings[opt.MAX_FILE_SIZE]
    data = (stdin or sys.stdin.buffer).read(limit + 1)
    if len(data) > limit:
        message = f"file too large (more than the {human_size(limit)} limit)"
        return failed(name, "read", [Diagnostic("AE2605", 1, 1, message)])
    builtins = settings.builtins_for(settings.relative(where))
    return Job(None, name, builtins, limit, settings.root if use_cache else None, data=data)


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
