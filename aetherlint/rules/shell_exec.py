"""AE2804 shell-exec: a call that runs a shell or another program (os.system, subprocess, child_process)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules.base import risk_rule

if TYPE_CHECKING:  # the registry is imported on every run; the AST only when files are parsed
    from aetherlint.rules.context import Context

WEIGHT = 4  # what one finding adds to a file's risk score (the legacy scanner's weight)

RULE = risk_rule(
    "AE2804",
    "shell-exec",
    WEIGHT,
    summary="A call that runs a shell or another program (os.system, subprocess, child_process).",
    finds=(
        "`system(x)`, `shell(x)`, `sh`, `bash`, `popen`, `spawn`, `execSync`, `exec_command`, "
        "`run_shell`, `shell_exec`; every method of `subprocess`, `child_process`, `shell`, `sh`, "
        "`terminal`, `pexpect`; `os.system`, `os.popen`, `os.exec*`, `os.spawn*`, `os.startfile`; "
        '`call system/shell.run(x)`; and the commands `shell "..."`, `bash "..."`, `sh "..."`, '
        '`system "..."`. A shell command runs with the AI OS\'s privileges.'
    ),
    example='os.system("rm -rf " + folder)',
    fix="use a plugin or a built-in for the task; never build a command line from input.",
)


def check(ctx: Context) -> Iterator[Diagnostic]:
    yield from ctx.risk_diagnostics(RULE, "shell command")
