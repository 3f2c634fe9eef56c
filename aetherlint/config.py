"""`[tool.aetherlint]` from the nearest pyproject.toml."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from aetherlint.errors import UsageError
from aetherlint.settings.sizes import parse_size

KNOWN_KEYS = frozenset({"extend-builtins", "exclude", "suppressions", "renames", "history-keep", "max-file-size"})
DEFAULT_HISTORY_KEEP = 50
MAX_HISTORY_KEEP = 100_000


@dataclass(frozen=True)
class Config:
    extend_builtins: frozenset[str] = frozenset()
    exclude: tuple[str, ...] = ()
    suppressions: Optional[str] = None
    renames: tuple[tuple[str, str], ...] = ()  # deprecated function -> replacement, for `migrate`
    history_keep: int = DEFAULT_HISTORY_KEEP  # classify snapshots kept in the history dir
    max_file_size: Optional[int] = None  # bytes; None: the default (source.DEFAULT_MAX_FILE_SIZE)
    source: Optional[Path] = field(default=None, compare=False)  # the pyproject.toml it came from


def find_pyproject(start: Path) -> Optional[Path]:
    start = start.resolve()
    for folder in [start, *start.parents] if start.is_dir() else start.parents:
        candidate = folder / "pyproject.toml"
        try:
            if candidate.is_file():
                return candidate
        except OSError:  # a folder we may not search (permission denied): look further up
            continue
    return None


@functools.lru_cache(maxsize=64)
def load(pyproject: Optional[Path]) -> Config:
    if pyproject is None:
        return Config()
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read {pyproject}: {exc}") from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise UsageError(f"{pyproject}: [tool] must be a table")
    section = tool.get("aetherlint", {})
    if not isinstance(section, dict):
        raise UsageError(f"{pyproject}: [tool.aetherlint] must be a table")
    unknown = sorted(set(section) - KNOWN_KEYS)
    if unknown:
        raise UsageError(f"{pyproject}: unknown [tool.aetherlint] key {unknown[0]!r}")
    builtins = section.get("extend-builtins", [])
    exclude = section.get("exclude", [])
    for key, value in (("extend-builtins", builtins), ("exclude", exclude)):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"{pyproject}: [tool.aetherlint] {key} must be a list of strings")
    suppressions = section.get("suppressions")
    if suppressions is not None and not isinstance(suppressions, str):
        raise UsageError(f"{pyproject}: [tool.aetherlint] suppressions must be a string")
    renames = section.get("renames", {})
    if not isinstance(renames, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.isidentifier() for k, v in renames.items()
    ):
        raise UsageError(f"{pyproject}: [tool.aetherlint.renames] must map names to identifier strings")
    keep = section.get("history-keep", DEFAULT_HISTORY_KEEP)
    if isinstance(keep, bool) or not isinstance(keep, int) or not 1 <= keep <= MAX_HISTORY_KEEP:
        raise UsageError(f"{pyproject}: [tool.aetherlint] history-keep must be an integer from 1 to {MAX_HISTORY_KEEP}")
    max_size = section.get("max-file-size")
    if max_size is not None:
        try:
            max_size = parse_size(max_size)
        except ValueError as exc:
            raise UsageError(f"{pyproject}: [tool.aetherlint] max-file-size: {exc}") from None
    return Config(
        frozenset(builtins), tuple(exclude), suppressions, tuple(sorted(renames.items())), keep, max_size, pyproject
    )


def for_path(path: Path) -> Config:
    return load(find_pyproject(path))
