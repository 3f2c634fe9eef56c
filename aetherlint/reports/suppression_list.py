"""Reading the suppression list for a run (`--suppressions`, config, or suppressions.txt)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from aetherlint.errors import UsageError

if TYPE_CHECKING:
    from aetherlint.reports.suppressions import SuppressionList

DEFAULT_SUPPRESSIONS = "suppressions.txt"


def load_list(given: Optional[str], project_root: Path, by_user: bool = True) -> "SuppressionList":
    """The suppression list: `given` (on the command line when `by_user`: the user's own choice,
    anywhere; else from configuration, whose settings checked it), or suppressions.txt at the
    project root, which may not lead outside the project, nor to a FIFO or a device."""
    from aetherlint.reports import suppressions

    if given and by_user:
        path = Path(given)
        if not path.is_file():
            raise UsageError(f"{given}: suppressions file not found")
    else:
        path = Path(given) if given else project_root / DEFAULT_SUPPRESSIONS
        if not os.path.lexists(path):
            return suppressions.SuppressionList()
        if not given and not _inside(path, project_root):
            raise UsageError(f"{path}: a link leading outside the project")
        if not path.is_file():
            raise UsageError(f"{path}: not a regular file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read suppressions: {exc}") from None
    return suppressions.parse(text, path.name)


def _inside(path: Path, root: Path) -> bool:
    real, top = Path(os.path.realpath(path)), Path(os.path.realpath(root))
    return real == top or top in real.parents
