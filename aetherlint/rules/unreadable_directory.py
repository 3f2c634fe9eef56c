"""AE2606 unreadable-directory: a directory under the checked tree cannot be listed, so its files were not checked."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2606",
    name="unreadable-directory",
    code=26,
    phase="read",
    summary="A directory under the checked tree cannot be listed, so its files were not checked.",
    explanation=(
        "What it finds: a folder that discovery could not read (permission denied, a path too "
        "long for the operating system, ...). It is reported as a failure of its own, under the "
        "folder's path with a trailing `/`, instead of silently dropping its workflows.\n"
        "Fix: give the user running aetherlint read and search permission on the folder (`chmod "
        "u+rx`), or exclude it with `exclude` under `[tool.aetherlint]`."
    ),
)
