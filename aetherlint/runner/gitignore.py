"""`.gitignore` files read as git reads them, matched by pathspec's GitIgnoreSpec (git's own
pattern rules, including its quirks), never by hand-written matching and never by running git.

Git reads `.git/info/exclude` and the `.gitignore` of every folder from the top of the work tree
down to the file's own folder; each file's patterns are relative to its folder, and the deepest
file with a matching pattern decides (a `!pattern` there re-includes). A folder that is ignored
hides everything in it, whatever deeper files say. Outside a git work tree the `.gitignore` files
from the project root down are read all the same, so an exported tree is checked like a clone.
The global `core.excludesFile` is not read: it is a user's setting, not the repository's.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

_MAX_IGNORE_FILE = 4_000_000  # bytes; more is no ignore file anyone wrote


Rules = list[tuple[str, "GitIgnoreSpec"]]  # (the folder's path from the ignore file's folder, its patterns)


class GitIgnores:
    """Answers "is this path ignored?", reading each ignore file once per run."""

    def __init__(self) -> None:
        self._specs: dict[Path, Optional["GitIgnoreSpec"]] = {}  # ignore file -> its patterns
        self._tops: dict[Path, Optional[Path]] = {}  # folder -> top of its git work tree
        self._rules: dict[tuple[Path, Path], Rules] = {}

    def rules(self, folder: Path, fallback_top: Path) -> Rules:
        """What applies to the entries of `folder`, the weakest first: for each ignore file, the
        path of `folder` from the ignore file's folder (`a/b/`, or `` for that folder itself)
        and its patterns. `fallback_top` is where reading starts outside a git work tree (the
        project root)."""
        folder = Path(os.path.abspath(folder))
        key = (folder, fallback_top)
        if key not in self._rules:
            self._rules[key] = self._rules_for(folder, fallback_top)
        return self._rules[key]

    def _rules_for(self, folder: Path, fallback_top: Path) -> Rules:
        chain = [folder, *folder.parents]
        top = self._top(folder) or Path(os.path.abspath(fallback_top))
        folders = list(reversed(chain[: chain.index(top) + 1])) if top in chain else [folder]
        found: Rules = []
        info = self._spec(folders[0] / ".git" / "info" / "exclude")
        if info is not None:
            found.append((_prefix(folder, folders[0]), info))
        for here in folders:
            spec = self._spec(here / ".gitignore")
            if spec is not None:
                found.append((_prefix(folder, here), spec))
        return found

    def _spec(self, path: Path) -> Optional["GitIgnoreSpec"]:
        if path not in self._specs:
            self._specs[path] = _read_spec(path)
        return self._specs[path]

    def _top(self, folder: Path) -> Optional[Path]:
        """The nearest folder at or above `folder` holding `.git` (a folder, or a file in a
        worktree or submodule), or None."""
        walked = []
        top: Optional[Path] = None
        for here in (folder, *folder.parents):
            if here in self._tops:
                top = self._tops[here]
                break
            walked.append(here)
            if os.path.lexists(here / ".git"):
                top = here
                break
        for here in walked:
            self._tops[here] = top
        return top


def ignored(rules: Rules, name: str, is_dir: bool) -> bool:
    """Whether the entry `name` of the folder the rules are for is ignored. Its folders are not
    asked about: a walk never enters an ignored folder, and a caller judging a path named on the
    command line asks about each folder above it."""
    decision = None
    for prefix, spec in rules:
        include = spec.check_file(prefix + name + ("/" if is_dir else "")).include
        if include is not None:
            decision = include
    return bool(decision)


def _prefix(folder: Path, ignore_folder: Path) -> str:
    rel = folder.relative_to(ignore_folder).as_posix()
    return "" if rel == "." else rel + "/"


def _read_spec(path: Path) -> Optional["GitIgnoreSpec"]:
    """The patterns of one ignore file; None if there is none. An unreadable one is passed over,
    as git does: that can only make more files checked, never fewer."""
    from aetherlint.safeopen import NotRegular, TooLarge, read_regular

    try:
        text = read_regular(path, _MAX_IGNORE_FILE).decode("utf-8", errors="replace")
    except (OSError, NotRegular, TooLarge, ValueError):
        return None
    from pathspec import GitIgnoreSpec

    lines = text.splitlines()
    return GitIgnoreSpec.from_lines(lines) if any(line.strip() for line in lines) else None
