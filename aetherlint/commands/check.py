"""`aetherlint check`: check files and directories, report per file, exit 0/1."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable, Optional, Sequence

from aetherlint.commands.links import skipped_links_lines, skipped_links_note
from aetherlint.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from aetherlint.output import format_result, summary, use_colour
from aetherlint.reports.policies import Policies, RuleOptions
from aetherlint.diagnostic import Diagnostic
from aetherlint.result import FileResult, failed, utc_timestamp
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
    key_file: Optional[str] = None,
) -> int:
    from aetherlint.commands import runopts
    from aetherlint.commands.reporting import ReportOptions, Sinks
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
    rules = RuleOptions.of(top)
    signatures = required_signatures(top, key_file)
    policies = Policies(rules, top.root, resolver, lambda message: print(f"aetherlint: warning: {message}", file=stderr))
    report = ReportOptions(top[opt.OUTPUT_FORMAT], top[opt.OUTPUT_FILE], top[opt.SARIF], top[opt.JUNIT])
    sinks = Sinks("check", report, stdout, stderr, json_status=json_status)
    colour = use_colour(sinks.stream, top[opt.COLOR])
    timestamp = utc_timestamp()
    results: list[FileResult] = []

    def emit(result: FileResult, data: Optional[bytes]) -> None:
        if signatures is not None and data is not None:  # on the checked bytes, never cached
            result = signatures(result, data)
        result = policies.apply(result)
        results.append(result)
        _report(result, data, json_status, emit_error_code, verbose, quiet, colour, timestamp, sinks.stream, stderr)

    check_items(items, Plan(jobs, top[opt.TIMEOUT], keep_data=True), emit)
    outside, dangling = targets.found.outside, targets.found.dangling
    if verbose:
        for line in skipped_links_lines(outside, dangling):
            print(line, file=stderr)
    if rules.statistics and not json_status:
        from aetherlint.commands.statistics import table

        print(table(results), file=sinks.stream)
    line = summary(results) + skipped_links_note(outside, dangling)
    if not json_status and not quiet:
        print(line, file=sinks.stream)
    failing = any(policies.policy.fails(r) for r in results)
    status = EXIT_OK if rules.exit_zero or not failing else EXIT_FINDINGS
    sinks.finish(results, status, timestamp, "" if quiet else line)
    return status


def required_signatures(top: "Settings", key_file: Optional[str]) -> Optional[Callable[[FileResult, bytes], FileResult]]:
    """With `require-signature`: what adds each file's signature finding (the keyring loaded
    once; no key at all is a usage error). None otherwise."""
    if not top[opt.REQUIRE_SIGNATURE]:
        return None
    from aetherlint.signing import keys
    from aetherlint.signing.verify import verify, with_finding

    keyring = keys.load(key_file, top[opt.TRUSTED_KEYS], top[opt.REVOKED_KEYS])
    if keyring.empty:
        raise UsageError(keys.no_key("--require-signature: no key to verify with", "--trusted-keys PATH"))
    return lambda result, data: with_finding(result, verify(data, keyring))


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
    elif not quiet and any(not d.suppressed for d in result.diagnostics):
        print(format_result(result, _source_lines(result, data), colour), file=stdout)
    if emit_error_code:
        print(f"AETHER_ERROR_CODE:{result.code}", file=stderr)
    if verbose and result.traceback:
        print(result.traceback, file=stderr, end="")


def _source_lines(result: FileResult, data: Optional[bytes]) -> Optional[list[str]]:
    if result.phase == "read" or data is None:
        return None
    return split_lines(data.decode("utf-8-sig"))
