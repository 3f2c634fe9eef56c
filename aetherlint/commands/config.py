"""`aetherlint config --show [PATH]`: the settings that apply to PATH and where each came from."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Optional

from aetherlint.errors import EXIT_OK, UsageError
from aetherlint.settings.resolver import Overrides, Resolver


def run(path: str, show: bool, overrides: Overrides = Overrides(), stdout: Optional[IO[str]] = None) -> int:
    from aetherlint.escape import controls_in_lines
    from aetherlint.settings.show import settings_text

    if not show:
        raise UsageError("nothing to do: try `aetherlint config --show [PATH]`")
    settings = Resolver(overrides, None, Path.cwd()).for_path(Path(path))
    print(controls_in_lines(settings_text(settings, Path(path))), file=stdout or sys.stdout, end="")
    return EXIT_OK
