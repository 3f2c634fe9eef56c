"""Where `check` and `classify` send their report: the chosen format on stdout or `-o FILE`,
the extra `--sarif` and `--junit` files of the same run, and GitHub's step summary.

All destinations are checked before any work starts (`outputs.check`: never a FIFO or a
directory, never two options on one file or both on stdout); files are written atomically
once every result is in, so the formats see the results sorted by path, whatever `--jobs`.
"""

from __future__ import annotations

import io
import os
import posixpath
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import IO, TYPE_CHECKING, Mapping, Optional, Sequence

from aetherlint.reports.formats import HUMAN, TEXT, render
from aetherlint.result import FileResult

if TYPE_CHECKING:
    from aetherlint.reports.formats.report import Report

STDOUT = "-"  # outputs.STDOUT; outputs (and fileio) are imported only when there is a file to write


@dataclass(frozen=True)
class ReportOptions:
    output_format: Optional[str] = None  # None: `github` under GitHub Actions, else `text`
    output_file: Optional[str] = None  # None or "-": standard output
    sarif: Optional[str] = None
    junit: Optional[str] = None


class _Null(io.StringIO):
    """Where the streamed text goes when another format has standard output."""

    def write(self, text: str) -> int:
        return len(text)


class Sinks:
    """One run's report destinations. `stream` is where the command streams its own text (the
    `text` format, or `check --json-status` lines)."""

    def __init__(
        self,
        command: str,
        opts: ReportOptions,
        stdout: IO[str],
        stderr: IO[str],
        *,
        taken: Mapping[str, Optional[str]] = {},
        json_status: bool = False,
        env: Optional[Mapping[str, str]] = None,
    ) -> None:
        env = os.environ if env is None else env
        self.command, self.opts, self.stdout, self.stderr, self.env = command, opts, stdout, stderr, env
        self.target = opts.output_file or STDOUT
        stdout_taken = json_status or STDOUT in taken.values()
        if opts.output_format:
            self.format = opts.output_format
        elif env.get("GITHUB_ACTIONS") == "true" and self.target == STDOUT and not stdout_taken:
            self.format = "github"
        else:
            self.format = TEXT
        destinations = dict(taken)
        if self.format != TEXT or self.target != STDOUT:
            destinations[f"--output-format {self.format}"] = self.target
        if json_status and self.format != TEXT:
            destinations["--json-status"] = STDOUT
        destinations.update({"--sarif": opts.sarif, "--junit": opts.junit})
        given = [value for value in destinations.values() if value]
        if len(given) > 1 or any(value != STDOUT for value in given):  # else nothing to check
            from aetherlint.commands import outputs

            outputs.check(destinations)
        # the text for `-o FILE`, written at the end
        self._buffer = io.StringIO() if self.format == TEXT and self.target != STDOUT else None
        self.stream: IO[str] = stdout
        if self._buffer is not None:
            self.stream = self._buffer
        elif self.format != TEXT and self.target == STDOUT:
            self.stream = _Null()

    def summary_stream(self, artifact_on_stdout: bool = False) -> IO[str]:
        """Where a summary line goes that `stream` does not carry on its own: standard error
        when standard output holds something to parse (an artifact, a JSON or SARIF report)."""
        if self.format != TEXT and self.target == STDOUT:
            return self.stream if self.format in HUMAN else self.stderr
        return self.stderr if artifact_on_stdout and self.stream is self.stdout else self.stream

    def finish(self, results: Sequence[FileResult], exit_code: int, timestamp: str, summary_line: str,
               prefix: str = "") -> None:
        """Write every report. `prefix`: the folder the results' paths are relative to (as
        given; classify's ROOT), so locations are relative to the current folder."""
        summary_file = self.env.get("GITHUB_STEP_SUMMARY") if self.format == "github" else None
        if self.format == TEXT and self._buffer is None and not (self.opts.sarif or self.opts.junit):
            return  # the text is all out already
        from aetherlint.commands import outputs
        from aetherlint.reports.formats.report import build

        if prefix and PurePath(prefix) != PurePath("."):
            base = PurePath(prefix).as_posix()
            results = [replace(r, path=posixpath.join(base, r.path)) for r in results]
        report = build(self.command, results, exit_code, timestamp, os.getcwd(), summary_line)
        if self.format != TEXT:
            outputs.write(self.target, render(self.format, report), self.stdout)
        elif self._buffer is not None:
            outputs.write(self.target, self._buffer.getvalue(), self.stdout)
        for path, name in ((self.opts.sarif, "sarif"), (self.opts.junit, "junit")):
            if path:
                outputs.write(path, render(name, report), self.stdout)
        if summary_file:
            self._append_step_summary(summary_file, report)

    def _append_step_summary(self, path: str, report: "Report") -> None:
        from aetherlint.reports.formats.github import step_summary

        try:
            with open(path, "a", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(step_summary(report))
        except OSError as exc:
            print(f"aetherlint: warning: GITHUB_STEP_SUMMARY: cannot append to {path} ({exc.strerror or exc})",
                  file=self.stderr)
