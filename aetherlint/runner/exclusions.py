"""What discovery leaves out: tool folders, `exclude`/`extend-exclude` globs and `.gitignore`.

Each file or folder is judged by the settings of the folder it sits in, and the globs are matched
against its path from that configuration's project root. So `check flows`, `check flows/a.aether`
and `classify .` agree about `exclude = ["flows/legacy/**"]` wherever they run from, and a nested
project's files follow its own configuration.
"""

from __future__ import annotations

import os
from pathlib import Path

from aetherlint.runner.gitignore import GitIgnores
from aetherlint.settings.model import Settings, glob_matches
from aetherlint.settings.options import EXCLUDE, EXTEND_EXCLUDE, RESPECT_GITIGNORE
from aetherlint.settings.resolver import Resolver

# Never searched: version control, caches, virtual environments, build output, dependencies.
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", ".venv", "venv", "build", "dist", "node_modules"})


class Exclusions:
    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.gitignores = GitIgnores()

    def skip(self, path: Path, is_dir: bool) -> bool:
        """Whether a walk leaves out `path` (a folder: with everything in it)."""
        if is_dir and path.name in SKIPPED_DIRS:
            return True
        settings = self.resolver.for_folder(path.parent)
        return _excluded(settings, path) or (
            settings[RESPECT_GITIGNORE] and self.gitignores.ignored(path, is_dir, settings.root)
        )

    def skip_named(self, path: Path, is_dir: bool) -> bool:
        """Whether a path named on the command line is left out (with `force-exclude`): a walk from
        its project root would skip it or a folder above it."""
        root = Path(os.path.abspath(self.resolver.for_path(path).root))
        path = Path(os.path.abspath(path))
        above = [folder for folder in reversed(path.parents) if root in folder.parents]
        return any(self.skip(folder, True) for folder in above) or self.skip(path, is_dir)


def _excluded(settings: Settings, path: Path) -> bool:
    rel = settings.relative(path) or path.name  # outside the project only the name can match
    return any(glob_matches(rel, glob) for glob in (*settings[EXCLUDE], *settings[EXTEND_EXCLUDE]))
