"""AE2804 shell-exec: A call that runs a shell or another program (os.system, subprocess, child_process)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules.base import Rule

if TYPE_CHECKING:  # the registry is imported on every run; the AST only when files are parsed
    from aetherlint.rules.context import Context

WEIGHT = 4  # what one finding adds to a file's risk score (the legacy scanner's weight)

RULE = Rule(
    id="AE2804",
    name="shell-exec",
    code=25,
    phase="validate",
    severity="info",
    default=False,
    summary="A call that runs a shell or another program (os.system, subprocess, child_process).",
    explanation=(
        "What it finds: `system(x)`, `shell(x)`, `sh`, `bash`, `popen`, `spawn`, `execSync`, "
        "`exec_command`, `run_shell`, `shell_exec`; every method of `subprocess`, "
        "`child_process`, `shell`, `sh`, `terminal`, `pexpect`; `os.system`, `os.popen`, "
        "`os.exec*`, `os.spawn*`, `os.startfile`; `call system/shell.run(x)`; and the commands "
        "`shell \"...\"`, `bash \"...\"`, `sh \"...\"`, `system \"...\"`. A shell command runs with "
        "the AI OS's privileges. Weight 4.\n"
        "A risk finding (AE28xx, counted under 25 VALIDATION_ERROR: the file parses and this is "
        "about what it does; 22 SIGNATURE_ERROR is for signatures): info, and off unless "
        "selected (`--extend-select AE28`), so it never fails a file by itself; `aetherlint "
        "risk` lists every risk finding with its weight and fails above a score "
        "(`--fail-above N`). Only calls count: text in strings, comments and descriptive "
        "fields (`description:`, `goal:`, `summary:`...) never does, and a function the file "
        "defines itself (`fn fetch(x) { }`) is not judged by its name.\n"
        "Example:\n    os.system(\"rm -rf \" + folder)\n"
        "Fix: use a plugin or a built-in for the task; never build a command line from input."
    ),
)


def check(ctx: Context) -> Iterator[Diagnostic]:
    yield from ctx.risk_diagnostics(RULE, "shell command")
