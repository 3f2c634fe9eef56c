"""Command-line interface: argument parsing only. Each command's work is in aetherlint.commands."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import threading
from typing import TYPE_CHECKING, Callable, Iterator, NoReturn, Optional, Sequence

import click

from aetherlint import __version__
from aetherlint.errors import EXIT_USAGE, AetherlintError, Terminated
from aetherlint.output import COLOR_CHOICES

if TYPE_CHECKING:
    from aetherlint.commands.reporting import ReportOptions

EXIT_STATUS_HELP = "Exit status: 0 every file passed, 1 at least one file failed, 2 usage error."
GROUP_HELP = "Exit status: see each command's --help (2: usage or input error; 130 after Ctrl-C, 143 after SIGTERM)."


class _Size(click.ParamType):
    name = "SIZE"

    def convert(self, value: object, param: Optional[click.Parameter], ctx: Optional[click.Context]) -> int:
        from aetherlint.config import parse_size

        try:
            return parse_size(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


MAX_FILE_SIZE = click.option(
    "--max-file-size", type=_Size(), help="Larger files are IO_ERROR, never read whole [default: 5MB or config]."
)


def _report_options(command: Callable[..., int]) -> Callable[..., int]:
    """--output-format, -o, --sarif and --junit (check and classify)."""
    from aetherlint.reports.formats import CHOICES

    options = (
        click.option("--output-format", type=click.Choice(CHOICES),
                     help="Report format [default: github when GITHUB_ACTIONS=true, else text]."),
        click.option("-o", "--output-file", metavar="PATH", help="Write the report there, atomically ('-': stdout)."),
        click.option("--sarif", metavar="PATH", help="Also write a SARIF 2.1.0 report there."),
        click.option("--junit", metavar="PATH", help="Also write a JUnit XML report there."),
    )
    for option in reversed(options):
        command = option(command)
    return command


def _report(output_format: Optional[str], output_file: Optional[str], sarif: Optional[str],
            junit: Optional[str]) -> "ReportOptions":
    from aetherlint.commands.reporting import ReportOptions

    return ReportOptions(output_format, output_file, sarif, junit)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=GROUP_HELP)
@click.version_option(__version__, prog_name="aetherlint")
def cli() -> None:
    """Lint and classify .aether workflow scripts."""


@cli.command(epilog=EXIT_STATUS_HELP)
@click.argument("paths", nargs=-1)
@click.option("--stdin-filename", metavar="NAME", help="Name to report for '-' (standard input).")
@click.option("--json-status", is_flag=True, help="One JSON status object per file on stdout.")
@click.option("--emit-error-code", is_flag=True, help="Print AETHER_ERROR_CODE:<int> on stderr per file.")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks of internal errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but the status lines asked for.")
@click.option("--no-cache", is_flag=True, help="Do not use the result cache (.aetherlint_cache/).")
@click.option("--timeout", type=float, help="Seconds allowed per file (then checked in a worker process).")
@MAX_FILE_SIZE
@click.option("--color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
              help="auto: on a terminal unless TERM=dumb, NO_COLOR or FORCE_COLOR say otherwise.")
@click.option("--select", metavar="RULES", help="Only these rules (ids, names or families such as AE25), comma-separated.")
@click.option("--extend-select", metavar="RULES", help="These rules as well.")
@click.option("--ignore", metavar="RULES", help="Not these rules (read and parse errors are always reported).")
@click.option("--suppressions", metavar="PATH", help="Suppression list (default: suppressions.txt at the project root or from config).")
@click.option("--no-suppressions", is_flag=True, help="Disregard inline and listed suppressions.")
@click.option("--strict-suppressions", is_flag=True, help="Unused suppressions (AE2901) are errors.")
@click.option("--severity-threshold", type=click.Choice(["error", "warning"]), default="error", show_default=True,
              help="The mildest severity that fails a file.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when files fail (2 still means a usage error).")
@click.option("--statistics", is_flag=True, help="Print a table of findings per rule.")
@_report_options
def check(
    paths: tuple[str, ...],
    stdin_filename: Optional[str],
    json_status: bool,
    emit_error_code: bool,
    verbose: bool,
    quiet: bool,
    no_cache: bool,
    timeout: Optional[float],
    max_file_size: Optional[int],
    color: str,
    select: Optional[str],
    extend_select: Optional[str],
    ignore: Optional[str],
    suppressions: Optional[str],
    no_suppressions: bool,
    strict_suppressions: bool,
    severity_threshold: str,
    exit_zero: bool,
    statistics: bool,
    output_format: Optional[str],
    output_file: Optional[str],
    sarif: Optional[str],
    junit: Optional[str],
) -> int:
    """Check PATHS (files, directories searched for *.aether, or - for stdin)."""
    from aetherlint.commands import check as command

    rules = command.RuleOptions(
        _rule_list(select) if select is not None else None,
        _rule_list(extend_select),
        _rule_list(ignore),
        suppressions,
        no_suppressions,
        strict_suppressions,
        severity_threshold,
        exit_zero,
        statistics,
    )
    return command.run(
        paths,
        stdin_filename=stdin_filename,
        json_status=json_status,
        emit_error_code=emit_error_code,
        verbose=verbose,
        quiet=quiet,
        use_cache=not no_cache,
        timeout=timeout,
        max_file_size=max_file_size,
        color=color,
        rules=rules,
        report=_report(output_format, output_file, sarif, junit),
    )


def _rule_list(value: Optional[str]) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


@cli.command(epilog="Exit status: 0 explained, 2 unknown code or usage error.")
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="Print every code and rule.")
def explain(code: Optional[str], show_all: bool) -> int:
    """Explain an error code or rule: 20, PARSE_ERROR, AE2501 or unknown-function."""
    from aetherlint.commands import explain as command

    return command.run(code, show_all=show_all)


@cli.command(epilog="Exit status: 0 no unsuppressed failure (always with --exit-zero), 1 failures (or stale/expired suppressions with --strict-suppressions), 2 usage error.")
@click.argument("root", default=".", required=False)
@click.option("-j", "--jobs", type=int, help="Worker processes (default: CPU count).")
@click.option("--limit", type=int, help="Only the first N files of the sorted list.")
@click.option("--timeout", type=float, default=10.0, show_default=True, help="Seconds allowed per file.")
@click.option("--output", default="workflow_failures.json", show_default=True, help="JSON artifact ('-': stdout).")
@click.option("--markdown", default="workflow_failures.md", show_default=True, help="Markdown artifact ('-': stdout).")
@click.option("--history-dir", default=".aetherra/workflow_history", show_default=True)
@click.option("--suppressions", help="Suppression list (default: suppressions.txt at the project root or from config).")
@click.option("--no-history", is_flag=True, help="Write no history snapshot or trends.")
@click.option("--no-cache", is_flag=True, help="Parse every file again.")
@click.option("--log-file", help="JSON-lines log (default: classify.log in the history dir).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when files fail.")
@click.option("--strict-suppressions", is_flag=True, help="Fail on stale, expired or unused (AE2901) suppressions.")
@click.option("--no-suppressions", is_flag=True, help="Disregard inline and listed suppressions.")
@click.option("--run-cmd", help='Also run files that pass through an interpreter, e.g. "python aether.py --json-status {path}".')
@MAX_FILE_SIZE
@click.option("-v", "--verbose", is_flag=True, help="List the symlinks that were not followed.")
@_report_options
def classify(root: str, output_format: Optional[str], output_file: Optional[str], sarif: Optional[str],
             junit: Optional[str], **kwargs: object) -> int:
    """Classify every *.aether file under ROOT and write JSON/Markdown artifacts and history.

    --output-format and -o choose the report on standard output (text: the summary line); the
    artifacts stay JSON and Markdown."""
    from aetherlint.commands import classify as command

    report = _report(output_format, output_file, sarif, junit)
    return command.run(command.Options(root=root, report=report, **kwargs))  # type: ignore[arg-type]


@cli.command(epilog="Exit status: 0 baseline written (failing files included), 2 usage error.")
@click.argument("root", default=".", required=False)
@click.option("--output", default="parse_baseline.json", show_default=True, help="Where to write the baseline ('-': stdout).")
@click.option("--limit", type=int, help="Only the first N files of the sorted list.")
@click.option("-j", "--jobs", type=int, help="Worker processes (default: CPU count).")
@click.option("--timeout", type=float, default=10.0, show_default=True, help="Seconds allowed per file.")
@click.option("--no-cache", is_flag=True, help="Parse every file again.")
@MAX_FILE_SIZE
def baseline(root: str, output: str, limit: Optional[int], jobs: Optional[int], timeout: float, no_cache: bool,
             max_file_size: Optional[int]) -> int:
    """Write the parse baseline of ROOT (parse and validate only; nothing is executed)."""
    from aetherlint.commands import baseline as command

    return command.run(root, output, limit, jobs, timeout, not no_cache, max_file_size=max_file_size)


@cli.command(epilog="Exit status: 0 no regression, 1 regression, 2 input or usage problem.")
@click.option("--new", "new", required=True, help="Baseline of the change (aetherlint baseline).")
@click.option("--ref", "ref", required=True, help="Reference baseline, e.g. the main branch's.")
@click.option("--abs-threshold", type=int, default=5, show_default=True, help="Allowed increase in files.")
@click.option("--rel-threshold", type=float, default=0.10, show_default=True, help="Allowed relative increase.")
@click.option("--codes", help="Codes to gate, comma-separated [default: PARSE_ERROR,VALIDATION_ERROR].")
@click.option("--fail-on-missing-ref", is_flag=True, help="A missing --ref is an error instead of zero counts.")
@click.option("--results", "results_path", help="Write gate_results.json here.")
@click.option("--sign-off", "sign_off_path", help="Write the go/no-go Markdown here.")
@click.option("--classification", help="A classify JSON: adds the stale_suppressions gate.")
def gate(**kwargs: object) -> int:
    """Compare two parse baselines and fail on regressions."""
    from aetherlint.commands import gate as command

    return command.run(**kwargs)  # type: ignore[arg-type]


@cli.command(epilog="Exit status: 0 done (or nothing to change), 1 --check found pending changes or a migration bug, 2 usage error.")
@click.argument("paths", nargs=-1)
@click.option("--dry-run", is_flag=True, help="Print unified diffs; write nothing.")
@click.option("--apply", "apply_", is_flag=True, help="Rewrite the files.")
@click.option("--check", is_flag=True, help="List files that would change; exit 1 if any.")
@click.option("--report", help="Write a report (files, transforms, diffs) here.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--unsafe", is_flag=True, help="Also apply transforms that change meaning (remember-to-memory).")
@click.option("--select", help="Only these transforms (comma-separated ids; see `aetherlint explain migrate`).")
@click.option("--force", is_flag=True, help="Also rewrite read-only files (they keep their mode).")
def migrate(paths: tuple[str, ...], dry_run: bool, apply_: bool, check: bool, report: Optional[str], fmt: str,
            unsafe: bool, select: Optional[str], force: bool) -> int:
    """Rewrite legacy syntax in PATHS (files or directories) by AST positions."""
    from aetherlint.commands import migrate as command

    modes = [name for name, on in (("dry-run", dry_run), ("apply", apply_), ("check", check)) if on]
    mode = modes[0] if len(modes) == 1 else ""  # none or several: a usage error in the command
    return command.run(paths, mode, report=report, fmt=fmt, unsafe=unsafe, select=select, force=force)


@cli.command(epilog="Exit status: 0 printed, 2 no readable classification or usage error.")
@click.option("--from", "classification", default="workflow_failures.json", show_default=True, help="A classify JSON artifact.")
@click.option("--top", type=int, default=10, show_default=True, help="How many fingerprints.")
@click.option("--owner", help="Add owner=NAME to each entry.")
@click.option("--expires", metavar="YYYY-MM-DD", help="Add expires=DATE to each entry.")
def suppress(classification: str, top: int, owner: Optional[str], expires: Optional[str]) -> int:
    """Print a suppressions.txt block for the most frequent unsuppressed failures."""
    from aetherlint.commands import suppress as command

    return command.run(classification, top, owner, expires)


@cli.command(epilog="Exit status: 0 removed or nothing to remove, 2 not a cache directory or usage error.")
@click.argument("root", default=".", required=False)
def clean(root: str) -> int:
    """Remove the result cache (.aetherlint_cache/) under ROOT."""
    from aetherlint.commands import clean as command

    return command.run(root)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the CLI and return its exit status (never raises for user errors)."""
    from aetherlint.result import source_date_epoch

    _tolerant_streams()
    args = list(argv) if argv is not None else None  # None: click reads sys.argv (and expands globs on Windows)
    if not (sys.argv[1:] if args is None else args):
        args = ["--help"]  # a bare `aetherlint`: the help, on stdout, exit 0
    try:
        os.getcwd()  # every relative path, config lookup and cache location starts here
    except OSError:
        click.echo("aetherlint: error: the current directory no longer exists", err=True)
        return EXIT_USAGE
    _, problem = source_date_epoch()
    if problem:
        click.echo(f"aetherlint: warning: {problem}", err=True)
    try:
        with _sigterm_as_interrupt():
            result = cli.main(args=args, prog_name="aetherlint", standalone_mode=False)
    except Terminated as exc:
        click.echo("aetherlint: terminated by SIGTERM; stopped without writing results", err=True)
        return exc.exit_code
    except click.exceptions.Exit as exc:  # --help, --version
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE if exc.exit_code == 2 else exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except AetherlintError as exc:
        click.echo(f"aetherlint: error: {exc}", err=True)
        return exc.exit_code
    except BrokenPipeError:
        sys.stderr.close()
        return 1
    return result if isinstance(result, int) else 0


def _tolerant_streams() -> None:
    """A character the console or the redirected output cannot encode (a cp1252 Windows console,
    PYTHONIOENCODING=ascii) is written as `\\u2603` instead of raising in the middle of a report."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a CI cancel, `kill`) unwinds like Ctrl-C: `finally` blocks stop the workers and no
    half-finished artifact is written. Only the main thread may set handlers; on Windows SIGTERM
    only comes from the process itself, so this changes nothing there."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_terminated(signum: int, frame: object) -> NoReturn:
    raise Terminated()
