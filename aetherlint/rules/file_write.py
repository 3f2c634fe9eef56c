"""AE2805 file-write: a call that writes, moves or deletes files (open for writing, fs.writeFile, shutil)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from aetherlint.diagnostic import Diagnostic
from aetherlint.rules.base import risk_rule

if TYPE_CHECKING:  # the registry is imported on every run; the AST only when files are parsed
    from aetherlint.rules.context import Context

WEIGHT = 2  # what one finding adds to a file's risk score (the legacy scanner's weight)

RULE = risk_rule(
    "AE2805",
    "file-write",
    WEIGHT,
    summary="A call that writes, moves or deletes files (open for writing, fs.writeFile, shutil).",
    finds=(
        "`open(path, mode)` (and `fs.open`, `io.open`, `openSync`) with a mode that writes (`w`, "
        "`a`, `x`, `+`), `write_file`, `writeFile(Sync)`, `appendFile(Sync)`, `save_file`, "
        "`delete_file`, `remove_file`, `rmtree`, `unlink`; the methods `write_text`, "
        "`write_bytes`, `writelines` on anything; methods of `fs`, `file`, `files`, `filesystem`, "
        "`disk`, `shutil`, `os`, `pathlib` that write, append, save, remove, unlink, delete, "
        "rename, copy, move, truncate, chmod or make and remove folders. `open(path)` for reading "
        "is not a write."
    ),
    example='fs.writeFileSync("report.txt", summary)',
    fix="nothing, if the workflow is meant to write there; review what and where.",
)


def check(ctx: Context) -> Iterator[Diagnostic]:
    yield from ctx.risk_diagnostics(RULE, "file write")
