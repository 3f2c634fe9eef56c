"""Where settings come from: configuration files (found next to the files checked, or named with
`--config PATH`), `extend` chains, `--config KEY=VALUE` and flags. Each source becomes a `Layer`
of checked values; `model.py` stacks them.

A configuration file is `.aetherlint.toml` or `aetherlint.toml` (the settings at the top level) or
a `pyproject.toml` with a `[tool.aetherlint]` table; in one folder they are tried in that order,
and a `pyproject.toml` without the table is passed over (like ruff).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Optional

from aetherlint.errors import UsageError
from aetherlint.settings.kinds import Strings, suggestion
from aetherlint.settings.options import BY_KEY, EXTEND_KEY, OPTIONS, PATHS_KEY, PER_FILE_KEY

CONFIG_NAMES = (".aetherlint.toml", "aetherlint.toml", "pyproject.toml")
PYPROJECT = "pyproject.toml"
_MAX_CONFIG_BYTES = 4_000_000
_TOP_KEYS = sorted([o.key for o in OPTIONS if o.top_level] + [EXTEND_KEY, PER_FILE_KEY])
_PER_FILE_KEYS = sorted([o.key for o in OPTIONS if o.per_file] + [PATHS_KEY])

DEFAULT, CONFIG_FLAG, COMMAND_LINE = "default", "--config", "command line"


@dataclass(frozen=True)
class PerFile:
    """A `[[per-file]]` table: settings for the files its globs match (relative to the project root)."""

    paths: tuple[str, ...]
    values: Mapping[str, Any]
    origin: str


@dataclass(frozen=True)
class Layer:
    origin: str  # `default`, a file's name as shown to the user, `--config` or `command line`
    values: Mapping[str, Any]  # key -> checked value
    per_file: tuple[PerFile, ...] = ()


def shown(path: Path) -> str:
    """A path as messages show it: relative to the current folder when inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.getcwd()).as_posix()
    except ValueError:
        return str(absolute)


def section_name(path: Path) -> str:
    return "[tool.aetherlint]" if path.name == PYPROJECT else ""


def read_table(path: Path) -> Optional[dict[str, Any]]:
    """The aetherlint settings table of a configuration file, or None for a pyproject.toml
    without `[tool.aetherlint]`."""
    import tomllib  # only where a configuration file is read

    from aetherlint.safeopen import NotRegular, TooLarge, read_regular

    try:
        data = tomllib.loads(read_regular(path, _MAX_CONFIG_BYTES).decode("utf-8"))
    except (NotRegular, TooLarge, OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UsageError(f"cannot read {shown(path)}: {reason}") from None
    if path.name != PYPROJECT:
        return data
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise UsageError(f"{shown(path)}: [tool] must be a table")
    if "aetherlint" not in tool:
        return None
    if not isinstance(tool["aetherlint"], dict):
        raise UsageError(f"{shown(path)}: [tool.aetherlint] must be a table")
    return tool["aetherlint"]


def file_layers(path: Path) -> list[Layer]:
    """The layers of a configuration file and of the files it extends, the deepest base first."""
    layers: list[Layer] = []
    chain: list[Path] = []  # the files read so far, as named
    current: Optional[Path] = Path(os.path.abspath(path))
    while current is not None:
        if any(os.path.samefile(current, seen) for seen in chain):
            names = " -> ".join(shown(p) for p in [*chain, current])
            raise UsageError(f"{shown(chain[0])}: `extend` goes round in a circle ({names})")
        chain.append(current)
        table = read_table(current)
        if table is None:
            raise UsageError(f"{shown(current)}: no [tool.aetherlint] table")
        layer, extends = _file_layer(current, table)
        layers.insert(0, layer)
        if extends is not None and not (current.parent / extends).is_file():
            raise UsageError(Where(shown(current), section_name(current)).bad(EXTEND_KEY, f"{extends!r} is not a file"))
        current = Path(os.path.abspath(current.parent / extends)) if extends is not None else None
    return layers


def _file_layer(path: Path, table: dict[str, Any]) -> tuple[Layer, Optional[str]]:
    where = Where(shown(path), section_name(path))
    extends = table.get(EXTEND_KEY)
    if extends is not None and not isinstance(extends, str):
        raise UsageError(where.bad(EXTEND_KEY, "must be a path (a string)"))
    values = checked_values(table, path.parent, where, _TOP_KEYS, skip=(EXTEND_KEY, PER_FILE_KEY))
    per_file = _per_file_tables(table.get(PER_FILE_KEY, []), path, where)
    return Layer(where.label, values, per_file), extends


def _per_file_tables(raw: object, path: Path, where: Where) -> tuple[PerFile, ...]:
    header = "[[tool.aetherlint.per-file]]" if path.name == PYPROJECT else "[[per-file]]"
    if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
        raise UsageError(where.bad(PER_FILE_KEY, f"must be an array of tables ({header})"))
    tables = []
    for number, table in enumerate(raw, 1):
        here = Where(where.label, f"{header} #{number}")
        if PATHS_KEY not in table:
            raise UsageError(here.bad(PATHS_KEY, "is missing (the globs of the files the table is for)"))
        try:
            paths = Strings("globs").parse(table[PATHS_KEY], path.parent)
        except ValueError as exc:
            raise UsageError(here.bad(PATHS_KEY, str(exc))) from None
        values = checked_values(table, path.parent, here, _PER_FILE_KEYS, skip=(PATHS_KEY,))
        tables.append(PerFile(paths, values, where.label))
    return tuple(tables)


@dataclass(frozen=True)
class Where:
    """Where a value was written, as messages name it: `pyproject.toml: [tool.aetherlint] ...`."""

    label: str  # a file as shown, or `--config`
    section: str = ""  # `[tool.aetherlint]`, `[[per-file]] #2`, or nothing for a top-level table

    def bad(self, key: str, reason: str) -> str:
        return f"{self.label}: {self.section + ' ' if self.section else ''}{key} {reason}"

    def unknown(self, key: str, allowed: list[str]) -> str:
        return f"{self.label}: unknown {self.section + ' ' if self.section else ''}key {key!r}{suggestion(key, allowed)}"


def checked_values(
    table: Mapping[str, Any], base: Optional[Path], where: Where, allowed: list[str], skip: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Each value checked by its option's kind; an unknown key names the closest known one."""
    values = {}
    for key, raw in table.items():
        if key in skip:
            continue
        if key not in allowed:
            option = BY_KEY.get(key)
            if option is not None and not option.top_level:
                raise UsageError(where.bad(key, "is only allowed in per-file tables (for now)"))
            raise UsageError(where.unknown(key, allowed))
        try:
            values[key] = BY_KEY[key].kind.parse(raw, base)
        except ValueError as exc:
            raise UsageError(where.bad(key, str(exc))) from None
    return values
