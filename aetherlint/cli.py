"""Command-line interface: argument parsing only. Each command's work is in aetherlint.commands."""

from __future__ import annotations

import sys
from typing import Optional, Sequence

import click

from aetherlint import __version__
from aetherlint.errors import EXIT_USAGE, AetherlintError

EXIT_STATUS_HELP = "Exit status: 0 every file passed, 1 at least one file failed, 2 usage error."


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
def check(
    paths: tuple[str, ...],
    stdin_filename: Optional[str],
    json_status: bool,
    emit_error_code: bool,
    verbose: bool,
    quiet: bool,
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
    )


@cli.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="Print every code and rule.")
def explain(code: Optional[str], show_all: bool) -> int:
    """Explain an error code or rule: 20, PARSE_ERROR, AE2501 or unknown-function."""
    from aetherlint.commands import explain as command

    return command.run(code, show_all=show_all)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the CLI and return its exit status (never raises for user errors)."""
    try:
        result = cli.main(args=list(argv) if argv is not None else None, prog_name="aetherlint", standalone_mode=False)
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
