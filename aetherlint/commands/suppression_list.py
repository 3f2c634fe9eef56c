"""Reading the suppression list for a run (`--suppressions`, config, or suppressions.txt)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from aetherlint import config as config_mod
from aetherlint.errors import UsageError

if TYPE_CHECKING:
    from aetherlint.reports.suppressions import SuppressionList

DEFAULT_SUPPRESSIONS = "suppressions.txt"


def load_list(given: Optional[str], cfg: config_mod.Config, project_root: Path) -> "SuppressionList":
    """The suppression list: `given` on the command line, else `suppressions` from config or
    suppressions.txt at the project root (which may not lead outside the project)."""
    from aetherlint.reports import suppressions

    if given:  # given on the command line: the user's own choice, anywhere
        path = Path(given)
        if not path.is_file():
            raise UsageError(f"{given}: suppressions file not found")
    else:  # named by the repository: it may not lead outside it, nor to a FIFO or a device
        path = project_root / (cfg.suppressions or DEFAULT_SUPPRESSIONS)
        if cfg.suppressions and not _inside(path, project_root):
            raise UsageError(f"{cfg.source}: suppressions {cfg.suppressions!r} lies outside the project")
        if not os.path.lexists(path):
            return suppressions.SuppressionList()
        if not _inside(path, project_root):
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
