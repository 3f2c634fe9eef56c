"""The settings for any path of one run: the configuration file nearest to it (or the one named by
`--config PATH`, or none with `--isolated`), then `--config KEY=VALUE` and the flags on top.

One Resolver serves one command run: it remembers what it found for each folder and each file,
so a tree of thousands of files reads each configuration once, and an edited file is read
afresh by the next run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional

from aetherlint.errors import UsageError
from aetherlint.settings.model import Settings, combine
from aetherlint.settings.options import BY_KEY, OPTIONS
from aetherlint.settings.sources import (
    COMMAND_LINE, CONFIG_FLAG, CONFIG_NAMES, PYPROJECT, Layer, Where, checked_values, file_layers, read_table,
)

_TOP_KEYS = sorted(o.key for o in OPTIONS if o.top_level)


@dataclass(frozen=True)
class Overrides:
    """What the command line says about settings."""

    config: tuple[str, ...] = ()  # each --config: a file, or KEY=VALUE in TOML
    isolated: bool = False  # --isolated: no configuration file at all
    flags: Mapping[str, Any] = field(default_factory=dict)  # key -> value of each flag given


class Resolver:
    def __init__(self, overrides: Overrides = Overrides(), command: Optional[str] = None,
                 fallback_root: Optional[Path] = None) -> None:
        self.command = command
        self.fallback_root = Path(os.path.abspath(fallback_root or Path.cwd()))
        self.isolated = overrides.isolated
        self.config_file: Optional[Path] = None
        self._on_top: list[Layer] = []
        for arg in overrides.config:
            self._add_config_argument(arg)
        if self.isolated and self.config_file is not None:
            raise UsageError("--isolated ignores every configuration file: it cannot be used with --config PATH")
        self._on_top.append(_flag_layer(overrides.flags))
        self._nearest: dict[str, Optional[Path]] = {}  # folder -> its configuration file
        self._settings: dict[Optional[Path], Settings] = {}  # configuration file -> its settings
        self._by_folder: dict[str, Settings] = {}  # folder as asked about -> its settings

    def for_path(self, path: Path) -> Settings:
        """The settings of a file or folder (a path that does not exist: of its folder)."""
        return self.for_folder(path if _is_dir(path) else path.parent)

    def for_folder(self, folder: Path) -> Settings:
        """The settings of the files in `folder`."""
        settings = self._by_folder.get(str(folder))
        if settings is not None:
            return settings
        if self.isolated:
            found = None
        elif self.config_file is not None:
            found = self.config_file
        else:
            found = self.nearest_file(Path(os.path.abspath(folder)))
        settings = self._settings.get(found)
        if settings is None:
            layers = (file_layers(found) if found is not None else []) + self._on_top
            root = found.parent if found is not None else self.fallback_root
            settings = self._settings[found] = combine(layers, self.command, root, found)
        self._by_folder[str(folder)] = settings
        return settings

    def nearest_file(self, folder: Path) -> Optional[Path]:
        """The configuration file in `folder` or the closest folder above it."""
        walked = []
        found: Optional[Path] = None
        for here in (folder, *folder.parents):
            key = str(here)
            if key in self._nearest:
                found = self._nearest[key]
                break
            walked.append(key)
            found = _config_in(here)
            if found is not None:
                break
        for key in walked:
            self._nearest[key] = found
        return found

    def _add_config_argument(self, arg: str) -> None:
        if os.path.isfile(arg):
            if self.config_file is not None:
                raise UsageError("--config names a file twice; give one configuration file")
            self.config_file = Path(os.path.abspath(arg))
            return
        import tomllib  # only for --config KEY=VALUE (a run without configuration never needs it)

        try:
            table = tomllib.loads(arg)
        except tomllib.TOMLDecodeError:
            raise UsageError(f"--config {arg!r}: neither a file nor KEY=VALUE (a TOML value, e.g. jobs=2 or "
                             "'exclude=[\"legacy/**\"]')") from None
        if len(table) != 1:
            raise UsageError(f"--config {arg!r}: give one KEY=VALUE per --config")
        self._on_top.append(Layer(CONFIG_FLAG, checked_values(table, None, Where(CONFIG_FLAG), _TOP_KEYS)))


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):  # a NUL in the name, a name too long
        return False


def _config_in(folder: Path) -> Optional[Path]:
    for name in CONFIG_NAMES:
        candidate = folder / name
        try:
            if not candidate.is_file():
                continue
        except OSError:  # a folder we may not search (permission denied): look further up
            continue
        if name != PYPROJECT or read_table(candidate) is not None:
            return candidate
    return None


def _flag_layer(flags: Mapping[str, Any]) -> Layer:
    """Flags are checked by the same kinds as configuration values; a message names the flag."""
    values = {}
    for key, value in flags.items():
        option = BY_KEY[key]
        try:
            values[key] = option.kind.parse(value, None)
        except ValueError as exc:
            flag = next((f for f in option.flags if f.startswith("--")), f"--{key}").split("/")[0]
            raise UsageError(f"{flag} {exc}") from None
    return Layer(COMMAND_LINE, values)
