"""`aetherlint classify`: check a whole tree in parallel and write the classification artifacts."""

from __future__ import annotations

import logging
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Optional

from aetherlint import config as config_mod
from aetherlint.commands.links import skipped_links_lines, skipped_links_note
from aetherlint.commands.suppression_list import load_list
from aetherlint.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from aetherlint.escape import controls
from aetherlint.output import plural
from aetherlint.result import FileResult, utc_timestamp

if TYPE_CHECKING:
    from aetherlint.commands.reporting import ReportOptions
    from aetherlint.runner.batch import TreeResults
    from aetherlint.reports.suppressions import SuppressionList

DEFAULT_HISTORY_DIR = ".aetherra/workflow_history"
LOG_NAME = "classify.log"


@dataclass(frozen=True)
class Options:
    root: str = "."
    jobs: Optional[int] = None
    limit: Optional[int] = None
    timeout: float = 10.0
    output: str = "workflow_failures.json"
    markdown: Optional[str] = "workflow_failures.md"
    history_dir: str = DEFAULT_HISTORY_DIR
    suppressions: Optional[str] = None
    no_history: bool = False
    no_cache: bool = False
    log_file: Optional[str] = None
    exit_zero: bool = False
    strict_suppressions: bool = False
    no_suppressions: bool = False
    run_cmd: Optional[str] = None
    max_file_size: Optional[int] = None  # bytes; None: `max-file-size` from config, else 5 MB
    verbose: bool = False
    report: Optional["ReportOptions"] = None  # --output-format, -o, --sarif, --junit


def run(opts: Options, stdout: Optional[IO[str]] = None, stderr: Optional[IO[str]] = None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    root = Path(opts.root)
    if not root.is_dir():
        raise UsageError(f"{opts.root}: not a directory")
    from aetherlint.commands import outputs, runopts

    def warn(message: str) -> None:
        print(f"aetherlint: warning: {message}", file=stderr)

    jobs = runopts.check(opts.jobs, opts.timeout, opts.limit, warn)
    from aetherlint.commands.reporting import ReportOptions, Sinks

    sinks = Sinks("classify", opts.report or ReportOptions(), stdout, stderr,
                  taken={"--output": opts.output, "--markdown": opts.markdown})
    cfg = config_mod.for_path(root)
    project_root = cfg.source.parent if cfg.source else root
    suppression_list = load_list(opts.suppressions, cfg, project_root)
    run_id = uuid.uuid4().hex[:8]
    timestamp = utc_timestamp()
    logger = _open_log(opts, run_id, stderr)
    try:
        for problem in suppression_list.problems:
            print(f"aetherlint: warning: {controls(problem)}", file=stderr)
            if logger:
                logger.warning("suppression-problem", extra={"fields": {"problem": problem}})
        checked = _check_all(opts, root, project_root, cfg, jobs, logger, stderr)
        applied, document = _document(checked.results, suppression_list, timestamp, opts)
        _write_artifacts(opts, document, stdout)
        if not opts.no_history:
            _record_history(opts, document, run_id, cfg.history_keep, logger, stderr)
    finally:
        if logger:
            from aetherlint.runner.runlog import close_log

            close_log(logger)
    summary = document["summary"]
    if opts.verbose:
        for line in skipped_links_lines(checked.outside, checked.dangling):
            print(line, file=stderr)
    # An artifact on stdout keeps it parseable: the human line goes to stderr then.
    line = _summary_line(summary, opts) + skipped_links_note(checked.outside, checked.dangling)
    print(line, file=sinks.summary_stream(outputs.to_stdout(opts.output, opts.markdown)))
    failing = summary["failed"] > 0
    strict_fail = opts.strict_suppressions and bool(summary["stale_suppressions"] or summary["expired_suppressions"])
    if strict_fail:
        print("aetherlint: stale or expired suppressions (--strict-suppressions)", file=stderr)
    status = EXIT_OK if opts.exit_zero or not (failing or strict_fail) else EXIT_FINDINGS
    sinks.finish(applied, status, timestamp, line, prefix=opts.root)
    return status


def _open_log(opts: Options, run_id: str, stderr: IO[str]) -> Optional[logging.Logger]:
    if opts.log_file:
        path = Path(opts.log_file)
    elif not opts.no_history:
        path = Path(opts.history_dir) / LOG_NAME
    else:
        return None
    from aetherlint.runner.runlog import open_log

    return open_log(path, run_id, lambda message: print(f"aetherlint: warning: {controls(message)}", file=stderr))


def _check_all(
    opts: Options,
    root: Path,
    project_root: Path,
    cfg: config_mod.Config,
    jobs: int,
    logger: Optional[logging.Logger],
    stderr: IO[str],
) -> "TreeResults":
    from aetherlint.runner.batch import TreeRun, check_tree
    from aetherlint.source import DEFAULT_MAX_FILE_SIZE

    def log_failure(result: FileResult) -> None:
        if logger and result.code in (23, 27) and result.first:
            fields = {"path": result.path, "code_name": result.code_name, "message": result.first.message}
            if result.traceback:
                fields["traceback"] = result.traceback
            logger.error("file-failed", extra={"fields": fields})

    max_size = opts.max_file_size or cfg.max_file_size or DEFAULT_MAX_FILE_SIZE
    run = TreeRun(root, project_root, cfg, jobs, opts.timeout, opts.limit, not opts.no_cache, opts.run_cmd, max_size)
    with _progress(stderr) as progress:
        return check_tree(run, log_failure, progress)


class _progress:
    """click's progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.bar: Any = None

    def __enter__(self) -> Callable[[int], Callable[[], None]]:
        return self.start

    def start(self, total: int) -> Callable[[], None]:
        isatty = getattr(self.stream, "isatty", None)
        if not (total and isatty and isatty()):
            return lambda: None
        import click

        self.bar = click.progressbar(length=total, file=self.stream, label="classifying")  # type: ignore[arg-type]
        self.bar.__enter__()
        return lambda: self.bar.update(1)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _document(
    results: list[FileResult], suppression_list: "SuppressionList", timestamp: str, opts: Options
) -> tuple[list[FileResult], dict]:
    """The classification document, and the results as the run's policy sees them (suppressed
    findings marked: what the reports show)."""
    import datetime as dt

    from aetherlint.reports import classification
    from aetherlint.reports.policy import Policy
    from aetherlint.syntax.tables import grammar_hash

    today = dt.date.fromisoformat(timestamp[:10])
    active = suppression_list.active(today) if not opts.no_suppressions else {}
    policy = Policy(suppressions=not opts.no_suppressions, listed=active, strict_suppressions=opts.strict_suppressions)
    applied = [policy.apply(r)[0] for r in results]
    return applied, classification.build(
        results,
        active,
        policy=policy,
        expired=suppression_list.expired(today),
        suppression_problems=suppression_list.problems,
        timestamp=timestamp,
        grammar_hash=grammar_hash(),
    )


def _write_artifacts(opts: Options, document: dict, stdout: IO[str]) -> None:
    from aetherlint.reports import classification
    from aetherlint.commands import outputs

    outputs.write(opts.output, classification.to_json(document), stdout)
    if opts.markdown:
        outputs.write(opts.markdown, classification.to_markdown(document), stdout)


def _record_history(
    opts: Options, document: dict, run_id: str, keep: int, logger: Optional[logging.Logger], stderr: IO[str]
) -> None:
    from aetherlint.reports.history import HistoryBusy, record_run

    def warn(message: str) -> None:
        print(f"aetherlint: warning: {message}", file=stderr)
        if logger:
            logger.warning("history-warning", extra={"fields": {"problem": message}})

    stamp = document["summary"]["timestamp"].replace("-", "").replace(":", "")
    try:
        snapshot = record_run(Path(opts.history_dir), stamp, run_id, document, warn, keep)
    except HistoryBusy as exc:
        raise UsageError(f"history: {exc}") from None
    except OSError as exc:
        raise UsageError(f"cannot write history: {exc}") from None
    if logger:
        logger.info("run-recorded", extra={"fields": {"snapshot": snapshot.name}})


def _summary_line(summary: dict, opts: Options) -> str:
    written = ", ".join("standard output" if p == "-" else p for p in (opts.output, opts.markdown) if p)
    return (
        f"Classified {plural(summary['total'], 'workflow')}: {summary['failed']} failing "
        f"({summary['failure_rate']:.1%}), {summary['suppressed_failures']} suppressed. Wrote {written}."
    )
