"""Command-line interface: argument parsing only. Each command's work is in aetherlint.commands."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import threading
from typing import Any, Callable, Iterator, NoReturn, Optional, Sequence, TypeVar

import click

from aetherlint import __version__
from aetherlint.errors import EXIT_USAGE, AetherlintError, Terminated


EXIT_STATUS_HELP = "Exit status: 0 every file passed, 1 at least one file failed, 2 usage error."
GROUP_HELP = "Exit status: see each command's --help (2: usage or input error; 130 after Ctrl-C, 143 after SIGTERM)."


class _Size(click.ParamType):
    name = "SIZE"

    def convert(self, value: object, param: Optional[click.Parameter], ctx: Optional[click.Context]) -> int:
        from aetherlint.settings.sizes import parse_size

        try:
            return parse_size(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


F = TypeVar("F", bound=Callable[..., Any])


def _settings_options(command: str) -> Callable[[F], F]:
    """The flags of `command` that set entries of the option table (aetherlint/settings/options.py),
    then --config and --isolated. The command function gets them as keyword arguments; a flag
    not given is None, so that configuration files decide."""
    from aetherlint.settings.options import OPTIONS

    chosen = [o for o in OPTIONS if o.flags and (command in o.commands or command == "config")]

    def decorate(function: F) -> F:  # click lists the options in the reverse order of decoration
        function = click.option("--isolated", is_flag=True, help="Read no configuration file.")(function)
        function = click.option(
            "--config", "config_args", multiple=True, metavar="PATH|KEY=VALUE",
            help="A configuration file to use instead of the nearest one, or one setting in TOML "
                 "(jobs=2, 'exclude=[\"legacy/**\"]'); repeatable.")(function)
        for option in reversed(chosen):
            function = _flag(option)(function)
        return function

    return decorate


def _flag(option: Any) -> Callable[[F], F]:
    from aetherlint.settings.kinds import Choice, Flag, Integer, Seconds, Size

    default = option.default_text or option.kind.show(option.default)
    if isinstance(option.kind, Flag):
        if "/" in option.flags[0]:
            return click.option(*option.flags, option.name, default=None, help=f"{option.help} [default: {default}]")
        value = not option.flags[-1].startswith("--no-")
        return click.option(*option.flags, option.name, flag_value=value, default=None,
                            help=option.flag_help or option.help)
    types = {Integer: int, Seconds: float, Size: _Size()}
    kind = click.Choice(option.kind.values) if isinstance(option.kind, Choice) else types.get(type(option.kind), str)
    return click.option(*option.flags, option.name, type=kind, default=None, metavar=option.kind.metavar,
                        help=f"{option.help} [default: {default}]")


def _overrides(values: dict[str, Any]) -> Any:
    """The settings part of a command's keyword arguments, as settings.resolver.Overrides."""
    from aetherlint.settings.options import OPTIONS
    from aetherlint.settings.resolver import Overrides

    flags = {o.key: values[o.name] for o in OPTIONS if values.get(o.name) is not None}
    return Overrides(tuple(values.get("config_args", ())), bool(values.get("isolated")), flags)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=GROUP_HELP)
@click.version_option(__version__, prog_name="aetherlint")
def cli() -> None:
    """Lint and classify .aether workflow scripts."""


KEY_FILE_HELP = "The signing key: an HMAC secret or an Ed25519 private key (default: AETHERLINT_SIGNING_KEY)."


def _key_file(function: F) -> F:
    """`--key-file`: never a configuration key (a repository must not choose the key)."""
    return click.option("--key-file", metavar="PATH", help=KEY_FILE_HELP)(function)


@cli.command(epilog=EXIT_STATUS_HELP)
@click.argument("paths", nargs=-1)
@click.option("--stdin-filename", metavar="NAME", help="Name to report for '-' (standard input).")
@_key_file
@_settings_options("check")
def check(paths: tuple[str, ...], stdin_filename: Optional[str], key_file: Optional[str], **settings: Any) -> int:
    """Check PATHS (files, directories searched for *.aether, or - for stdin)."""
    from aetherlint.commands import check as command

    return command.run(paths, _overrides(settings), stdin_filename=stdin_filename, key_file=key_file)



@cli.command(epilog="Exit status: 0 explained, 2 unknown code or usage error.")
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="Print every code and rule.")
def explain(code: Optional[str], show_all: bool) -> int:
    """Explain an error code or rule: 20, PARSE_ERROR, AE2501 or unknown-function."""
    from aetherlint.commands import explain as command

    return command.run(code, show_all=show_all)


@cli.command(epilog="Exit status: 0 no unsuppressed failure (always with --exit-zero), 1 failures (or stale/expired suppressions with --strict-suppressions), 2 usage error.")
@click.argument("root", default=".", required=False)
@click.option("--run-cmd", help='Also run files that pass through an interpreter, e.g. "python aether.py --json-status {path}".')
@_key_file
@_settings_options("classify")
def classify(root: str, run_cmd: Optional[str], key_file: Optional[str], **settings: Any) -> int:
    """Classify every *.aether file under ROOT and write JSON/Markdown artifacts and history.

    --output-format and -o choose the report on standard output (text: the summary line); the
    artifacts stay JSON and Markdown."""
    from aetherlint.commands import classify as command

    return command.run(root, _overrides(settings), run_cmd, key_file=key_file)


@cli.command(epilog="Exit status: 0 baseline written (failing files included), 2 usage error.")
@click.argument("root", default=".", required=False)
@click.option("--output", default="parse_baseline.json", show_default=True, help="Where to write the baseline ('-': stdout).")
@_settings_options("baseline")
def baseline(root: str, output: str, **settings: Any) -> int:
    """Write the parse baseline of ROOT (parse and validate only; nothing is executed)."""
    from aetherlint.commands import baseline as command

    return command.run(root, output, _overrides(settings))


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
@_settings_options("migrate")
def migrate(paths: tuple[str, ...], dry_run: bool, apply_: bool, check: bool, report: Optional[str], fmt: str,
            unsafe: bool, select: Optional[str], force: bool, **settings: Any) -> int:
    """Rewrite legacy syntax in PATHS (files or directories) by AST positions."""
    from aetherlint.commands import migrate as command

    modes = [name for name, on in (("dry-run", dry_run), ("apply", apply_), ("check", check)) if on]
    mode = modes[0] if len(modes) == 1 else ""  # none or several: a usage error in the command
    return command.run(paths, mode, report=report, fmt=fmt, unsafe=unsafe, select=select, force=force,
                       overrides=_overrides(settings))


@cli.command(epilog="Exit status: 0 signed (or already signed), 1 --check found files to sign or a file could not be signed, 2 usage error.")
@click.argument("paths", nargs=-1)
@_key_file
@click.option("--check", is_flag=True, help="List the files that would be signed; write nothing; exit 1 if any.")
@click.option("--force", is_flag=True, help="Also rewrite read-only files (they keep their mode).")
@_settings_options("sign")
def sign(paths: tuple[str, ...], key_file: Optional[str], check: bool, force: bool, **settings: Any) -> int:
    """Sign PATHS (files, or directories searched for *.aether) in place; files already signed with this key are left alone."""
    from aetherlint.commands import sign as command

    return command.run(paths, key_file, check=check, force=force, overrides=_overrides(settings))


@cli.command(epilog="Exit status: 0 every file verified (unsigned ones pass without --strict), 1 a file failed, 2 usage error.")
@click.argument("paths", nargs=-1)
@_key_file
@click.option("--strict", is_flag=True, help="Unsigned files fail too (AETHERRA_SCRIPT_VERIFY_STRICT=1 does the same).")
@click.option("--report", metavar="PATH", help="Write a Markdown report: one line per file, and the risk table.")
@_settings_options("verify")
def verify(paths: tuple[str, ...], key_file: Optional[str], strict: bool, report: Optional[str], **settings: Any) -> int:
    """Verify the signatures of PATHS: OK, or FAIL with the reason, per file."""
    from aetherlint.commands import verify as command

    return command.run(paths, key_file, strict=strict, report=report, overrides=_overrides(settings))


@cli.command(epilog="Exit status: 0 no file scores above --fail-above (always without it), 1 one does or could not be analysed, 2 usage error.")
@click.argument("paths", nargs=-1)
@click.option("--fail-above", type=click.IntRange(min=0), metavar="N", help="Exit 1 when a file's risk score is above N.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_settings_options("risk")
def risk(paths: tuple[str, ...], fail_above: Optional[int], fmt: str, **settings: Any) -> int:
    """Score what PATHS do: dynamic evaluation, network calls, shell commands, file writes."""
    from aetherlint.commands import risk as command

    return command.run(paths, fail_above, fmt, _overrides(settings))


@cli.command(epilog="Exit status: 0 key written, 2 the file exists or cannot be written.")
@click.argument("path")
@click.option("--hmac", is_flag=True, help="Write a random HMAC secret (64 hex digits) instead of an Ed25519 key.")
def keygen(path: str, hmac: bool) -> int:
    """Write a new signing key to PATH (mode 0600) and print its trusted-keys line."""
    from aetherlint.commands import keygen as command

    return command.run(path, hmac)


@cli.command("config", epilog="Exit status: 0 shown, 2 usage error (including an invalid configuration).")
@click.argument("path", default=".", required=False)
@click.option("--show", is_flag=True, help="Print the settings that apply to PATH and where each came from.")
@_settings_options("config")
def config_command(path: str, show: bool, **settings: Any) -> int:
    """Show the effective settings for PATH (default: the current folder)."""
    from aetherlint.commands import config as command

    return command.run(path, show, _overrides(settings))


@cli.command(epilog="Exit status: 0 printed, 2 no readable classification or usage error.")
@click.option("--from", "classification", default="workflow_failures.json", show_default=True, help="A classify JSON artifact.")
@click.option("--top", type=int, default=10, show_default=True, help="How many fingerprints.")
@click.option("--owner", help="Add owner=NAME to each entry.")
@click.option("--expires", metavar="YYYY-MM-DD", help="Add expires=DATE to each entry.")
def suppress(classification: str, top: int, owner: Optional[str], expires: Optional[str]) -> int:
    """Print a suppressions.txt block for the most frequent unsuppressed failures."""
    from aetherlint.commands import suppress as command

    return command.run(classification, top, owner, expires)


@cli.command(epilog="Exit status: 0 written, 2 unreadable input, jinja2 missing, or usage error.")
@click.option("--classification", default="workflow_failures.json", show_default=True, metavar="PATH",
              help="A classify JSON artifact.")
@click.option("--history-dir", metavar="DIR", help="The classify history folder, for the trend [default: .aetherra/workflow_history when it exists].")
@click.option("--gate-results", metavar="PATH", help="A gate --results JSON: adds the go/no-go gates.")
@click.option("--suppressions", metavar="PATH", help="The suppression list, for owners and expiry dates [default: suppressions.txt when it exists].")
@click.option("-o", "--output", default="aetherlint-report.html", show_default=True, metavar="PATH",
              help="Where to write the HTML ('-': stdout).")
def report(**kwargs: Any) -> int:
    """Write a self-contained HTML dashboard: failures, trends, suppressions and gates (needs aetherlint[report])."""
    from aetherlint.commands import report as command

    return command.run(**kwargs)


@cli.command(epilog="Exit status: 0 removed or nothing to remove, 2 not a cache directory or usage error.")
@click.argument("root", default=".", required=False)
def clean(root: str) -> int:
    """Remove the result cache (.aetherlint_cache/) under ROOT."""
    from aetherlint.commands import clean as command

    return command.run(root)


@cli.command(epilog="Exit status: 0 after the editor's exit notification, 2 the server extra is not installed.")
def server() -> int:
    """Run the language server on standard input and output, for editors (needs aetherlint[server])."""
    from aetherlint.commands import server as command

    return command.run()


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
