"""Command-line interface: argument parsing only. Each command's work is in aetherlint.commands."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from typing import Iterator, NoReturn, Optional, Sequence

import click

from aetherlint import __version__
from aetherlint.errors import EXIT_USAGE, AetherlintError, Terminated

EXIT_STATUS_HELP = "Exit status: 0 every file passed, 1 at least one file failed, 2 usage error."


class _Size(click.ParamType):
    name = "SIZE"

    def convert(self, value: object, param: Optional[click.Parameter], ctx: Optional[click.Context]) -> int:
        from aetherlint.settings.sizes import parse_size

        try:
            return parse_size(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


MAX_FILE_SIZE = click.option(
    "--max-file-size", type=_Size(), help="Larger files are IO_ERROR, never read whole [default: 5MB or config]."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_STATUS_HELP)
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
) -> int:
    """Check PATHS (files, directories searched for *.aether, or - for stdin)."""
    from aetherlint.commands import check as command

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
    )


@cli.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="Print every code and rule.")
def explain(code: Optional[str], show_all: bool) -> int:
    """Explain an error code or rule: 20, PARSE_ERROR, AE2501 or unknown-function."""
    from aetherlint.commands import explain as command

    return command.run(code, show_all=show_all)


@cli.command(epilog="Exit status: 0 no unsuppressed failure, 1 failures (or stale/expired suppressions with --strict-suppressions), 2 usage error.")
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
@click.option("--strict-suppressions", is_flag=True, help="Fail on stale or expired suppressions.")
@click.option("--run-cmd", help='Also run files that pass through an interpreter, e.g. "python aether.py --json-status {path}".')
@MAX_FILE_SIZE
@click.option("-v", "--verbose", is_flag=True, help="List the symlinks that were not followed.")
def classify(root: str, **kwargs: object) -> int:
    """Classify every *.aether file under ROOT and write JSON/Markdown artifacts and history."""
    from aetherlint.commands import classify as command

    return command.run(command.Options(root=root, **kwargs))  # type: ignore[arg-type]


@cli.command(epilog=EXIT_STATUS_HELP)
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


@cli.command()
@click.option("--from", "classification", default="workflow_failures.json", show_default=True, help="A classify JSON artifact.")
@click.option("--top", type=int, default=10, show_default=True, help="How many fingerprints.")
@click.option("--owner", help="Add owner=NAME to each entry.")
@click.option("--expires", metavar="YYYY-MM-DD", help="Add expires=DATE to each entry.")
def suppress(classification: str, top: int, owner: Optional[str], expires: Optional[str]) -> int:
    """Print a suppressions.txt block for the most frequent unsuppressed failures."""
    from aetherlint.commands import suppress as command

    return command.run(classification, top, owner, expires)


@cli.command()
@click.argument("root", default=".", required=False)
def clean(root: str) -> int:
    """Remove the result cache (.aetherlint_cache/) under ROOT."""
    from aetherlint.commands import clean as command

    return command.run(root)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the CLI and return its exit status (never raises for user errors)."""
    from aetherlint.result import source_date_epoch

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
            result = cli.main(args=list(argv) if argv is not None else None, prog_name="aetherlint", standalone_mode=False)
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
