"""Settings: the value of every option for one project, and where each came from.

Layers stack in this order, each over the ones before: the defaults, the configuration file and
the files it extends (the deepest base first), each `--config KEY=VALUE`, the flags. A later
layer's value replaces an earlier one; `extend-*` lists add up instead, and tables (`renames`)
are merged name by name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence

from aetherlint.settings.options import EXTEND_BUILTINS, IGNORE, OPTIONS, SELECT, Option
from aetherlint.settings.sources import DEFAULT, Layer, PerFile



@dataclass(frozen=True)
class RuleOverrides:
    """What the `[[per-file]]` tables matching one file add to the rule selection."""

    ignore: tuple[str, ...] = ()
    select: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    values: Mapping[str, Any]
    origins: Mapping[str, str]  # key -> `default`, a file, `--config`, `command line`, or several joined by ` + `
    root: Path  # the project root: the configuration file's folder (else the command's fallback folder)
    file: Optional[Path]  # the configuration file that applies (None: no file)
    per_file: tuple[PerFile, ...] = ()

    def __getitem__(self, option: Option) -> Any:
        return self.values[option.key]

    def relative(self, path: Path) -> Optional[str]:
        """`path` relative to the project root, `/`-separated; None if it lies outside."""
        try:
            rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root))
        except ValueError:
            return None
        return rel.as_posix()

    def matching(self, relative_path: Optional[str]) -> list[PerFile]:
        """The `[[per-file]]` tables whose globs match a path relative to the project root."""
        if relative_path is None:
            return []
        return [t for t in self.per_file if any(glob_matches(relative_path, g) for g in t.paths)]

    def rule_overrides(self, relative_path: Optional[str]) -> RuleOverrides:
        """The extra `ignore` and `select` lists for a file (relative to the project root)."""
        tables = self.matching(relative_path)
        return RuleOverrides(
            _joined(t.values.get(IGNORE.key, ()) for t in tables),
            _joined(t.values.get(SELECT.key, ()) for t in tables),
        )

    def builtins_for(self, relative_path: Optional[str]) -> tuple[str, ...]:
        """`extend-builtins`, with those of the matching per-file tables, sorted."""
        extra = [t.values.get(EXTEND_BUILTINS.key, ()) for t in self.matching(relative_path)]
        return tuple(sorted({*self[EXTEND_BUILTINS], *(name for names in extra for name in names)}))


def glob_matches(relative_path: str, glob: str) -> bool:
    """A glob with a `/` matches the path from the project root (`flows/legacy/**`); one without
    matches the last name, at any depth (`*.draft.aether`, `generated`). `*` also matches `/`."""
    glob = glob.removeprefix("./").rstrip("/")
    if "/" in glob:
        return fnmatch(relative_path, glob)
    return fnmatch(relative_path.rsplit("/", 1)[-1], glob)


def _joined(lists: Any) -> tuple[str, ...]:
    out: list[str] = []
    for items in lists:
        out += [item for item in items if item not in out]
    return tuple(out)


def combine(
    layers: Sequence[Layer], command: Optional[str], root: Path, file: Optional[Path]
) -> Settings:
    values: dict[str, Any] = {o.key: o.default_for(command) for o in OPTIONS}
    origins: dict[str, list[str]] = {o.key: [DEFAULT] for o in OPTIONS}
    per_file: list[PerFile] = []
    for layer in layers:
        per_file += layer.per_file
        for key, value in layer.values.items():
            merge = _MERGES[key]
            if merge == "replace" or origins[key] == [DEFAULT]:
                values[key], origins[key] = value, [layer.origin]
                continue
            if merge == "extend":
                values[key] = _joined([values[key], value])
            else:  # "update": tables merged name by name
                values[key] = tuple(sorted({**dict(values[key]), **dict(value)}.items()))
            if layer.origin not in origins[key]:
                origins[key].append(layer.origin)
    shown = {key: " + ".join(names) for key, names in origins.items()}
    return Settings(values, shown, root, file, tuple(per_file))


_MERGES = {o.key: o.merge for o in OPTIONS}
