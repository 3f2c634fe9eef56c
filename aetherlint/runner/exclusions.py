"""What discovery leaves out: tool folders, `exclude`/`extend-exclude` globs and `.gitignore`.

Each file or folder is judged by the settings of the folder it sits in, and the globs are matched
against its path from that configuration's project root. So `check flows`, `check flows/a.aether`
and `classify .` agree about `exclude = ["flows/legacy/**"]` wherever they run from, and a nested
project's files follow its own configuration.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from aetherlint.runner.gitignore import GitIgnores, Rules, ignored
from aetherlint.settings.model import glob_matches
from aetherlint.settings.options import EXCLUDE, EXTEND_EXCLUDE, RESPECT_GITIGNORE
from aetherlint.settings.resolver import Resolver

# Never searched: version control, caches, virtual environments, build output, dependencies.
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", ".venv", "venv", "build", "dist", "node_modules"})


@dataclass(frozen=True)
class _Folder:
    """What is needed to judge the entries of one folder (a walk asks about each of them)."""

    rel: Optional[str]  # the folder's path from the project root + "/" (`` for the root); None: outside
    globs: tuple[str, ...]
    rules: Rules  # .gitignore rules, empty when they are not respected


class Exclusions:
    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.gitignores = GitIgnores()
        self._folders: dict[str, _Folder] = {}

    def skip(self, path: Path, is_dir: bool) -> bool:
        """Whether a walk leaves out `path` (a folder: with everything in it)."""
        name = path.name
        if is_dir and name in SKIPPED_DIRS:
            return True
        folder = self._folder(path.parent)
        if folder.globs:
            rel = folder.rel + name if folder.rel is not None else name  # outside the project: the name only
            if any(glob_matches(rel, glob) for glob in folder.globs):
                return True
        return bool(folder.rules) and ignored(folder.rules, name, is_dir)

    def skip_named(self, path: Path, is_dir: bool) -> bool:
        """Whether a path named on the command line is left out (with `force-exclude`): a walk from
        its project root would skip it or a folder above it."""
        root = Path(os.path.abspath(self.resolver.for_path(path).root))
        path = Path(os.path.abspath(path))
        above = [folder for folder in reversed(path.parents) if root in folder.parents]
        return any(self.skip(folder, True) for folder in above) or self.skip(path, is_dir)

    def _folder(self, folder: Path) -> _Folder:
        key = str(folder)
        if key not in self._folders:
            settings = self.resolver.for_folder(folder)
            rel = settings.relative(folder)
            rules = self.gitignores.rules(folder, settings.root) if settings[RESPECT_GITIGNORE] else []
            prefix = None if rel is None else "" if rel == "." else rel + "/"
            self._folders[key] = _Folder(prefix, (*settings[EXCLUDE], *settings[EXTEND_EXCLUDE]), rules)
        return self._folders[key]
