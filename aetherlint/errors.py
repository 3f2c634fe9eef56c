"""Errors that stop a whole command (as opposed to a file's failure, which is a FileResult)."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class AetherlintError(RuntimeError):
    """Base of the errors a command reports in one line before it exits."""

    exit_code = EXIT_FINDINGS


class UsageError(AetherlintError):
    """Bad arguments, configuration or input files for the command itself: exit status 2."""

    exit_code = EXIT_USAGE


class Terminated(BaseException):
    """SIGTERM arrived: the command stops like on Ctrl-C (workers stopped, nothing written).
    A BaseException, so no `except Exception` on the way turns it into a file's failure."""

    exit_code = 128 + 15
