"""Discovery: sorted, pruned, inside ROOT only, no loops, --limit."""

from __future__ import annotations

import os
import sys

import pytest

from aetherlint.runner.discovery import discover
from aetherlint.runner.exclusions import Exclusions
from aetherlint.settings.resolver import Overrides, Resolver
from conftest import write


def rels(root, exclude=(), limit=None) -> list[str]:
    """What discovery finds under `root`, with `exclude` globs set as `--config` would."""
    overrides = Overrides(config=(f"exclude = {list(exclude)!r}".replace("'", '"'),))
    skip = Exclusions(Resolver(overrides, fallback_root=root)).skip
    return [rel for _, rel in discover(root, skip, limit)]


def test_sorted_recursive_and_skips_tool_folders(tmp_path) -> None:
    for name in ["b.aether", "a/z.aether", "a/b/c.aether", "notes.txt", ".git/x.aether", "node_modules/m.aether",
                 "venv/v.aether", "build/o.aether", "sub/__pycache__/p.aether"]:
        write(tmp_path, name, "goal: x\n")
    assert rels(tmp_path) == ["a/b/c.aether", "a/z.aether", "b.aether"]


def test_exclude_globs_and_limit(tmp_path) -> None:
    for name in ["keep.aether", "legacy/old.aether", "x.draft.aether", "deep/generated/g.aether"]:
        write(tmp_path, name, "goal: x\n")
    assert rels(tmp_path, exclude=["legacy", "*.draft.aether", "deep/generated"]) == ["keep.aether"]
    assert rels(tmp_path, limit=2) == ["deep/generated/g.aether", "keep.aether"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlinks_never_leave_root_and_never_loop(tmp_path) -> None:
    root = tmp_path / "root"
    outside = tmp_path / "outside"
    write(outside, "secret.aether", "goal: x\n")
    write(root, "in/a.aether", "goal: x\n")
    os.symlink(outside, root / "escape")  # a folder outside ROOT
    os.symlink(outside / "secret.aether", root / "secret.aether")  # a file outside ROOT
    os.symlink(root, root / "in" / "loop")  # a loop back to ROOT
    os.symlink(root / "in", root / "alias")  # a second way into the same folder
    assert rels(root) == ["alias/a.aether"]  # `in/` is the same folder, already read
