"""`aetherlint classify`: check a whole tree in parallel and write the classification artifacts."""

from __future__ import annotations

import logging
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Optional

from aetherlint.commands.links import skipped_links_lines, skipped_links_note
from aetherlint.reports.policies import selection
from aetherlint.reports.suppression_list import load_list
from aetherlint.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from aetherlint.escape import controls
from aetherlint.words import plural
from aetherlint.result import FileResult, utc_timestamp
from aetherlint.settings import options as opt
from aetherlint.settings.resolver import Overrides, Resolver
from aetherlint.settings.sources import COMMAND_LINE, CONFIG_FLAG

if TYPE_CHECKING:
    from aetherlint.runner.batch import TreeResults
    from aetherlint.reports.suppressions import SuppressionList
    from aetherlint.settings.model import Settings
    from aetherlint.signing.keys import Keyring

DEFAULT_HISTORY_DIR = ".aetherra/workflow_history"
LOG_NAME = "classify.log"


@dataclass(frozen=True)
class Options:
    """The run's settings, from the configuration of ROOT, `--config` and the flags."""

    root: str
    jobs: int
    limit: Optional[int]
    timeout: float
    output: str
    markdown: Optional[str]
    html: Optional[str]
    history_dir: str
    suppressions: Optional[str]
    suppressions_by_user: bool  # named on the command line: the user's choice, anywhere
    no_history: bool
    no_cache: bool
    log_file: Optional[str]
    exit_zero: bool
    strict_suppressions: bool
    run_cmd: Optional[str]
    verbose: bool
    history_keep: int

    @classmethod
    def of(cls, root: str, top: "Settings", jobs: int, run_cmd: Optional[str]) -> "Options":
        by_user = top.origins[opt.SUPPRESSIONS.key] in (COMMAND_LINE, CONFIG_FLAG)
        return cls(
            root, jobs, top[opt.LIMIT], top[opt.TIMEOUT], top[opt.OUTPUT], top[opt.MARKDOWN], top[opt.HTML],
            top[opt.HISTORY_DIR],
            top[opt.SUPPRESSIONS], by_user, not top[opt.HISTORY], not top[opt.CACHE], top[opt.LOG_FILE],
            top[opt.EXIT_ZERO], top[opt.STRICT_SUPPRESSIONS], run_cmd, top[opt.VERBOSE], top[opt.HISTORY_KEEP],
        )


def run(
    root_arg: str = ".",
    overrides: Overrides = Overrides(),
    run_cmd: Optional[str] = None,
    stdout: Optional[IO[str]] = None,
    stderr: Optional[IO[str]] = None,
    key_file: Optional[str] = None,
) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    root = Path(root_arg)
    from aetherlint.commands import outputs, runopts

    def warn(message: str) -> None:
        print(f"aetherlint: warning: {message}", file=stderr)

    if not root.is_dir():
        raise UsageError(f"{root_arg}: not a directory")
    resolver = Resolver(overrides, opt.CLASSIFY, root)
    top = resolver.for_folder(root)
    opts = Options.of(root_arg, top, runopts.jobs(top[opt.JOBS], warn), run_cmd)
    signatures = _Signatures.of(top, key_file, run_cmd)
    from aetherlint.commands.reporting import ReportOptions, Sinks

    report = ReportOptions(top[opt.OUTPUT_FORMAT], top[opt.OUTPUT_FILE], top[opt.SARIF], top[opt.JUNIT])
    no_suppressions = not top[opt.RESPECT_SUPPRESSIONS]
    sinks = Sinks("classify", report, stdout, stderr,
                  taken={"--output": opts.output, "--markdown": opts.markdown, "--html": opts.html})
    if opts.html:
        from aetherlint.commands.report import require_jinja

        require_jinja()
    suppression_list = load_list(opts.suppressions, top.root, opts.suppressions_by_user)
    run_id = uuid.uuid4().hex[:8]
    timestamp = utc_timestamp()
    logger = _open_log(opts, run_id, stderr)
    try:
        for problem in suppression_list.problems:
            print(f"aetherlint: warning: {controls(problem)}", file=stderr)
            if logger:
                logger.warning("suppression-problem", extra={"fields": {"problem": problem}})
        checked = _check_all(opts, root, resolver, logger, stderr, signatures)
        chosen = selection(top[opt.SELECT], top[opt.EXTEND_SELECT], top[opt.IGNORE])
        applied, document = _document(checked.results, suppression_list, timestamp, no_suppressions, opts.strict_suppressions,
                                      chosen, signatures.verified if signatures else {})
        _write_artifacts(opts, document, stdout)
        if not opts.no_history:
            _record_history(opts, document, run_id, opts.history_keep, logger, stderr)
        if opts.html:  # after the history: its trend ends with this run
            from aetherlint.commands.report import write_classified

            write_classified(opts.html, document, Path(opts.history_dir), suppression_list.entries, stdout)
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
    print(line, file=sinks.summary_stream(outputs.to_stdout(opts.output, opts.markdown, opts.html)))
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


class _Signatures:
    """Each file's signature, judged on the bytes checked when there is a key (`signature_verified`
    of its record), and its finding with `require-signature`."""

    def __init__(self, keyring: "Keyring", required: bool) -> None:
        self.keyring, self.required = keyring, required
        self.verified: dict[str, bool] = {}

    @classmethod
    def of(cls, top: "Settings", key_file: Optional[str], run_cmd: Optional[str]) -> Optional["_Signatures"]:
        from aetherlint.signing import keys

        required = top[opt.REQUIRE_SIGNATURE]
        if required and run_cmd:  # the interpreter would run a file before its signature is judged
            raise UsageError("--require-signature cannot be combined with --run-cmd (let the interpreter verify)")
        keyring = keys.load(key_file, top[opt.TRUSTED_KEYS], top[opt.REVOKED_KEYS])
        if keyring.empty:
            if required:
                raise UsageError(keys.no_key("--require-signature: no key to verify with", "--trusted-keys PATH"))
            return None
        return cls(keyring, required)

    def finish(self, result: FileResult, data: Optional[bytes]) -> FileResult:
        from aetherlint.signing.verify import verify, with_finding

        if data is None:
            return result
        verdict = verify(data, self.keyring)
        self.verified[result.path] = verdict.ok
        return with_finding(result, verdict) if self.required else result


def _check_all(
    opts: Options, root: Path, resolver: Resolver, logger: Optional[logging.Logger], stderr: IO[str],
    signatures: Optional[_Signatures] = None,
) -> "TreeResults":
    from aetherlint.runner.batch import Plan, TreeRun, check_tree

    def log_failure(result: FileResult) -> None:
        if logger and result.code in (23, 27) and result.first:
            fields = {"path": result.path, "code_name": result.code_name, "message": result.first.message}
            if result.traceback:
                fields["traceback"] = result.traceback
            logger.error("file-failed", extra={"fields": fields})

    plan = Plan(opts.jobs, opts.timeout, opts.run_cmd, keep_data=signatures is not None)
    run = TreeRun(root, resolver, plan, opts.limit, not opts.no_cache, signatures.finish if signatures else None)
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
    results: list[FileResult], suppression_list: "SuppressionList", timestamp: str, no_suppressions: bool, strict: bool,
    chosen: frozenset[str], verified: dict[str, bool],
) -> tuple[list[FileResult], dict]:
    """The results as the run's policy sees them (suppressed findings marked: what the reports
    show), and the classification document."""
    import datetime as dt

    from aetherlint.reports import classification
    from aetherlint.reports.policy import Policy
    from aetherlint.syntax.tables import grammar_hash

    today = dt.date.fromisoformat(timestamp[:10])
    active = suppression_list.active(today) if not no_suppressions else {}
    policy = Policy(chosen, suppressions=not no_suppressions, listed=active, strict_suppressions=strict)
    judged = classification.judge(results, policy)
    return [one.applied for one in judged], classification.build(
        results,
        active,
        judged=judged,
        expired=suppression_list.expired(today),
        suppression_problems=suppression_list.problems,
        timestamp=timestamp,
        grammar_hash=grammar_hash(),
        verified=verified,
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
    written = ", ".join("standard output" if p == "-" else p for p in (opts.output, opts.markdown, opts.html) if p)
    return (
        f"Classified {plural(summary['total'], 'workflow')}: {summary['failed']} failing "
        f"({summary['failure_rate']:.1%}), {summary['suppressed_failures']} suppressed. Wrote {written}."
    )
