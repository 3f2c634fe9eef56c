"""From what the user named to the files to check: each file with its display name and settings.

A folder is searched (sorted, with the exclusions); a file named explicitly is taken as it is,
unless `force-exclude` applies and the exclusions would skip it; a file reached twice (`check a
a/b a/b/c.aether`, or through a symlink) is taken once, under the first name. A path that
matches nothing is reported, never dropped silently, and never mistaken for a file that failed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from aetherlint.runner.discovery import walk
from aetherlint.runner.exclusions import Exclusions
from aetherlint.settings.model import Settings
from aetherlint.settings.options import FORCE_EXCLUDE
from aetherlint.settings.resolver import Resolver

NO_SUCH_PATH = "no such file or directory"
NOTHING_FOUND = "no .aether files found"


@dataclass(frozen=True)
class Target:
    path: Path
    display: str  # as the user named it, or the folder named joined with the path found (POSIX)
    settings: Settings  # those of the file's folder


@dataclass(frozen=True)
class Unlisted:
    """A folder that could not be listed: its files went unchecked, which is a failure."""

    display: str
    reason: str


Entry = Union[Target, Unlisted]


@dataclass
class Found:
    entries: list[Entry] = field(default_factory=list)
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (path named, why nothing came of it)
    outside: list[str] = field(default_factory=list)  # symlinks leading outside the folder named
    dangling: list[str] = field(default_factory=list)  # symlinks leading nowhere


class Targets:
    """Expands the paths of one run; remembers the files already taken."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.exclusions = Exclusions(resolver)
        self.found = Found()
        self._seen: set[str] = set()
        self._real_folders: dict[str, str] = {}

    def add(self, arg: str) -> list[Entry]:
        """The new entries of one path named on the command line (also added to `found`)."""
        path = Path(arg)
        if not os.path.lexists(arg):
            self.found.unmatched.append((arg, NO_SUCH_PATH))
            return []
        is_dir = os.path.isdir(arg)
        if self.resolver.for_path(path)[FORCE_EXCLUDE] and self.exclusions.skip_named(path, is_dir):
            return []  # excluded on purpose: pre-commit names every staged file
        if not is_dir:
            return self._take([(path, arg)], [])
        found = walk(path, self.exclusions.skip)
        self.found.outside += [_under(path, rel) for rel in found.outside]
        self.found.dangling += [_under(path, rel) for rel in found.dangling]
        if not found.files and not found.unreadable:
            self.found.unmatched.append((arg, NOTHING_FOUND))
        files = [(child, _under(path, rel)) for child, rel in found.files]
        return self._take(files, [Unlisted(_under(path, rel), reason) for rel, reason in found.unreadable])

    def tree(self, root: Path, limit: Optional[int] = None) -> Found:
        """Every workflow under ROOT, named relative to it (for `classify` and `baseline`)."""
        found = walk(root, self.exclusions.skip, limit)
        self.found.outside += found.outside
        self.found.dangling += found.dangling
        self._take(found.files, [Unlisted(rel, reason) for rel, reason in found.unreadable])
        return self.found

    def _take(self, files: list[tuple[Path, str]], unlisted: list[Unlisted]) -> list[Entry]:
        new: list[Entry] = []
        for path, display in files:
            key = self._identity(path)
            if key not in self._seen:
                self._seen.add(key)
                new.append(Target(path, display, self.resolver.for_folder(path.parent)))
        new += unlisted
        self.found.entries += new
        return new


    def _identity(self, path: Path) -> str:
        """The real path, the same for every way to name the file (realpath of its folder, once
        per folder, unless the file itself is a link)."""
        if os.path.islink(path):
            return os.path.normcase(os.path.realpath(path))
        folder = str(path.parent)
        if folder not in self._real_folders:
            self._real_folders[folder] = os.path.realpath(folder)
        return os.path.normcase(os.path.join(self._real_folders[folder], path.name))


def _under(folder: Path, rel: str) -> str:
    return (folder / rel).as_posix()
