"""`aetherlint check`: check files and directories, report per file, exit 0/1."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable, Iterator, Optional, Sequence

from aetherlint import config as config_mod
from aetherlint.runner.batch import unreadable_folder
from aetherlint.check import check_bytes
from aetherlint.commands.links import skipped_links_lines, skipped_links_note
from aetherlint.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from aetherlint.output import format_result, summary, use_colour
from aetherlint.diagnostic import Diagnostic
from aetherlint.result import FileResult, failed, utc_timestamp
from aetherlint.safeopen import human_size
from aetherlint.source import DEFAULT_MAX_FILE_SIZE, SourceError, read_bytes, split_lines

if TYPE_CHECKING:
    from aetherlint.commands.reporting import ReportOptions
    from aetherlint.runner.discovery import Discovery
    from aetherlint.runner.engine import Session

STDIN = "-"


def explore(arg: str, exclude: Sequence[str]) -> "Discovery":
    """The file itself, or each `*.aether` under a directory (as classify finds them), with
    display names. A missing path is kept, so it is reported as IO_ERROR, never silently skipped."""
    from aetherlint.runner.discovery import Discovery, walk

    path = Path(arg)
    if not path.is_dir():
        return Discovery(files=[(path, arg)])
    found = walk(path, exclude)

    def name(rel: str) -> str:
        return (path / rel).as_posix()

    return Discovery(
        [(child, name(rel)) for child, rel in found.files],
        [(name(rel), reason) for rel, reason in found.unreadable],
        [name(rel) for rel in found.outside],
        [name(rel) for rel in found.dangling],
    )


def run(
    paths: Sequence[str],
    *,
    stdin_filename: Optional[str] = None,
    json_status: bool = False,
    emit_error_code: bool = False,
    verbose: bool = False,
    quiet: bool = False,
    use_cache: bool = True,
    timeout: Optional[float] = None,
    max_file_size: Optional[int] = None,
    color: str = "auto",
    rules: Optional["RuleOptions"] = None,
    report: Optional["ReportOptions"] = None,
    stdout: Optional[IO[str]] = None,
    stderr: Optional[IO[str]] = None,
    stdin: Optional[IO[bytes]] = None,
) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if not paths:
        raise UsageError("no paths given (try `aetherlint check .`)")
    if timeout is not None and not timeout > 0:  # `not >` also rejects nan
        raise UsageError("--timeout must be a positive number of seconds")
    rules = rules or RuleOptions()
    policies = _Policies(rules, stderr)
    from aetherlint.commands.reporting import ReportOptions, Sinks

    sinks = Sinks("check", report or ReportOptions(), stdout, stderr, json_status=json_status)
    results: list[FileResult] = []
    links = _Links()
    colour = use_colour(sinks.stream, color)
    timestamp = utc_timestamp()
    checker = _Checker(timeout)
    _caches.clear()  # one run's caches: what they verified about the cache folder holds for one run
    try:
        for arg in paths:
            for display, data, problem, cfg in _items(arg, stdin_filename, stdin, max_file_size, links):
                result = policies.apply(problem or _check_one(display, data, cfg, use_cache, checker), cfg)
                results.append(result)
                _report(result, data, json_status, emit_error_code, verbose, quiet, colour, timestamp, sinks.stream, stderr)
    finally:
        checker.close()
    if verbose:
        for line in skipped_links_lines(links.outside, links.dangling):
            print(line, file=stderr)
    if rules.statistics and not json_status:
        from aetherlint.commands.statistics import table

        print(table(results), file=sinks.stream)
    line = summary(results) + skipped_links_note(links.outside, links.dangling)
    if not json_status and not quiet:
        print(line, file=sinks.stream)
    failing = any(policies.policy.fails(r) for r in results)
    status = EXIT_OK if rules.exit_zero or not failing else EXIT_FINDINGS
    sinks.finish(results, status, timestamp, "" if quiet else line)
    return status


@dataclass(frozen=True)
class RuleOptions:
    """What counts, from the command line: selection, suppressions, what fails, what is shown."""

    select: Optional[tuple[str, ...]] = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    suppressions: Optional[str] = None  # a suppression list instead of the project's
    no_suppressions: bool = False
    strict_suppressions: bool = False
    severity_threshold: str = "error"
    exit_zero: bool = False
    statistics: bool = False


class _Policies:
    """The policy of each project (its suppression list), built once per run."""

    def __init__(self, options: RuleOptions, stderr: IO[str]) -> None:
        from aetherlint.reports.policy import Policy
        from aetherlint.rules.selectors import selected

        try:
            chosen = selected(options.select, options.extend_select, options.ignore)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        self.options = options
        self.stderr = stderr
        self.policy = Policy(chosen, not options.no_suppressions, {}, options.strict_suppressions, options.severity_threshold)
        self._by_project: dict = {}

    def apply(self, result: FileResult, cfg: config_mod.Config) -> FileResult:
        if not self.policy.suppressions:
            return self.policy.apply(result)[0]
        key = cfg.source
        policy = self._by_project.get(key)
        if policy is None:
            import datetime as dt

            from aetherlint.commands.suppression_list import load_list
            from aetherlint.escape import controls

            root = cfg.source.parent if cfg.source else Path.cwd()
            listed = load_list(self.options.suppressions, cfg, root)
            for problem in listed.problems:
                print(f"aetherlint: warning: {controls(problem)}", file=self.stderr)
            today = dt.date.fromisoformat(utc_timestamp()[:10])
            policy = self._by_project[key] = replace(self.policy, listed=listed.active(today))
        return policy.apply(result)[0]


class _Links:
    """Symlinks that were not followed, over every PATH."""

    def __init__(self) -> None:
        self.outside: list[str] = []
        self.dangling: list[str] = []


Item = tuple[str, Optional[bytes], Optional[FileResult], config_mod.Config]  # display, data or the failure


def _items(
    arg: str, stdin_filename: Optional[str], stdin: Optional[IO[bytes]], max_size: Optional[int], links: _Links
) -> Iterator[Item]:
    """Each file of one PATH argument, read once: for the check, the cache key and the report."""
    if arg == STDIN:
        name = stdin_filename or "<stdin>"
        cfg = config_mod.for_path(Path(stdin_filename).parent if stdin_filename else Path.cwd())
        limit = max_size or cfg.max_file_size or DEFAULT_MAX_FILE_SIZE
        data = (stdin or sys.stdin.buffer).read(limit + 1)
        if len(data) > limit:
            message = f"file too large (more than the {human_size(limit)} limit)"
            yield name, None, failed(name, "read", [Diagnostic("AE2605", 1, 1, message)]), cfg
        else:
            yield name, data, None, cfg
        return
    cfg = config_mod.for_path(Path(arg) if Path(arg).is_dir() else Path(arg).parent)
    limit = max_size or cfg.max_file_size or DEFAULT_MAX_FILE_SIZE
    found = explore(arg, cfg.exclude)
    links.outside += found.outside
    links.dangling += found.dangling
    for path, display in found.files:
        try:
            yield display, read_bytes(path, limit), None, cfg
        except SourceError as exc:
            yield display, None, failed(display, "read", [exc.diagnostic]), cfg
    for folder, reason in found.unreadable:
        yield folder, None, unreadable_folder(folder, reason), cfg


class _Checker:
    """`check_bytes` in this process, or with --timeout in one worker process under a deadline
    (the engine's mechanism: the only way to stop a file on every OS, whatever it is stuck in)."""

    def __init__(self, timeout: Optional[float]) -> None:
        self.timeout = timeout
        self.session: Optional["Session"] = None

    def __call__(self, data: bytes, display: str, builtins: Iterable[str]) -> FileResult:
        if self.timeout is None:
            return check_bytes(data, display, builtins)
        from aetherlint.runner.engine import Session, Task

        if self.session is None:
            self.session = Session(self.timeout)
        return self.session.run(Task(display, display, tuple(sorted(builtins)), data=data))

    def close(self) -> None:
        if self.session is not None:
            self.session.close()


def _check_one(
    display: str, data: Optional[bytes], cfg: config_mod.Config, use_cache: bool, checker: _Checker
) -> FileResult:
    """Check one file, through the result cache unless it is off (then lark is not even loaded
    for an unchanged file)."""
    assert data is not None
    if not use_cache:
        return checker(data, display, cfg.extend_builtins)
    from aetherlint.runner.cache import ResultCache

    root = cfg.source.parent if cfg.source else Path.cwd()
    cache = _caches.get((cfg, root))  # by folder too: equal configs from different projects
    if cache is None:
        cache = _caches[cfg, root] = ResultCache(root, cfg.extend_builtins)
    key = cache.key(data)
    result = cache.get(key, display)
    if result is None:
        result = checker(data, display, cfg.extend_builtins)
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
