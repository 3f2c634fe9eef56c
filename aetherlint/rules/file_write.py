"""AE2805 file-write: A call that writes, moves or deletes files (open for writing, fs.writeFile, shutil)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules.base import Rule

if TYPE_CHECKING:  # the registry is imported on every run; the AST only when files are parsed
    from aetherlint.rules.context import Context

WEIGHT = 2  # what one finding adds to a file's risk score (the legacy scanner's weight)

RULE = Rule(
    id="AE2805",
    name="file-write",
    code=25,
    phase="validate",
    severity="info",
    default=False,
    summary="A call that writes, moves or deletes files (open for writing, fs.writeFile, shutil).",
    explanation=(
        "What it finds: `open(path, mode)` (and `fs.open`, `io.open`, `openSync`) with a mode "
        "that writes (`w`, `a`, `x`, `+`), `write_file`, `writeFile(Sync)`, `appendFile(Sync)`, "
        "`save_file`, `delete_file`, `remove_file`, `rmtree`, `unlink`; the methods `write_text`, "
        "`write_bytes`, `writelines` on anything; methods of `fs`, `file`, `files`, "
        "`filesystem`, `disk`, `shutil`, `os`, `pathlib` that write, append, save, remove, "
        "unlink, delete, rename, copy, move, truncate, chmod or make and remove folders. "
        "`open(path)` for reading is not a write. Weight 2.\n"
        "A risk finding (AE28xx, counted under 25 VALIDATION_ERROR: the file parses and this is "
        "about what it does; 22 SIGNATURE_ERROR is for signatures): info, and off unless "
        "selected (`--extend-select AE28`), so it never fails a file by itself; `aetherlint "
        "risk` lists every risk finding with its weight and fails above a score "
        "(`--fail-above N`). Only calls count: text in strings, comments and descriptive "
        "fields (`description:`, `goal:`, `summary:`...) never does, and a function the file "
        "defines itself (`fn fetch(x) { }`) is not judged by its name.\n"
        "Example:\n    fs.writeFileSync(\"report.txt\", summary)\n"
        "Fix: nothing, if the workflow is meant to write there; review what and where."
    ),
)


def check(ctx: Context) -> Iterator[Diagnostic]:
    yield from ctx.risk_diagnostics(RULE, "file write")
