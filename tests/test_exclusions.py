"""Discovery matches intent: exclusions from the project root whatever path is named, explicit
files (--force-exclude), .gitignore as git reads it, each file once. Real files, the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aetherlint.settings.resolver import Resolver
from conftest import ROOT, write

GOOD = 'log "fine"\n'
BAD = "let total = )\n"
HAS_GIT = shutil.which("git") is not None


def checked(out: str) -> list[str]:
    """The files a `check --json-status` run reported, in order."""
    return [json.loads(line)["file"] for line in out.splitlines()]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path, "pyproject.toml", '[tool.aetherlint]\nexclude = ["flows/legacy/**"]\n')
    write(tmp_path, "flows/a.aether", GOOD)
    write(tmp_path, "flows/legacy/old.aether", BAD)
    write(tmp_path, "flows/legacy/deeper/older.aether", BAD)
    return tmp_path


def test_exclude_is_relative_to_the_project_root_whatever_path_is_named(run, project, monkeypatch) -> None:
    # Before: globs were matched from the folder named, so `check flows` checked flows/legacy.
    assert checked(run("check", "--json-status", "flows")[1]) == ["flows/a.aether"]
    assert checked(run("check", "--json-status", ".")[1]) == ["flows/a.aether"]
    assert checked(run("check", "--json-status", str(project / "flows"))[1]) == [(project / "flows/a.aether").as_posix()]
    monkeypatch.chdir(project / "flows")
    assert checked(run("check", "--json-status", ".")[1]) == ["a.aether"]
    code, out, err = run("check", "legacy")
    assert (code, out) == (0, "Checked 0 files: all passed.\n")
    assert err == "aetherlint: warning: legacy: no .aether files found\n"
    monkeypatch.chdir(project.parent)  # from outside the project too
    assert checked(run("check", "--json-status", str(project / "flows" / "legacy"))[1]) == []


def test_classify_and_migrate_apply_the_same_exclusions(run, project) -> None:
    code, _, _ = run("classify", "flows", "--no-history")
    doc = json.loads((project / "workflow_failures.json").read_text())
    assert code == 0 and [r["path"] for r in doc["workflows"]] == ["a.aether"]
    code, out, _ = run("migrate", "--check", "flows")
    assert (code, out) == (0, "Migrate: 1 file scanned, 0 would change, 0 skipped.\n")


def test_a_file_named_explicitly_is_checked_unless_force_exclude(run, project) -> None:
    old = "flows/legacy/old.aether"
    assert checked(run("check", "--json-status", old)[1]) == [old]
    code, out, err = run("check", "--force-exclude", "--json-status", old, "flows/a.aether")
    assert (code, checked(out), err) == (0, ["flows/a.aether"], "")  # excluded on purpose: no warning
    assert run("check", "--force-exclude", "--strict-paths", old)[0] == 0
    assert run("migrate", "--check", "--force-exclude", old)[2] == ""
    write(project, "pyproject.toml", '[tool.aetherlint]\nexclude = ["flows/legacy"]\nforce-exclude = true\n')
    assert checked(run("check", "--json-status", old, "flows/legacy/deeper/older.aether")[1]) == []  # a folder above
    assert checked(run("check", "--json-status", "--config", "force-exclude=false", old)[1]) == [old]


def test_globs_without_a_slash_match_a_name_at_any_depth(run, tmp_path) -> None:
    write(tmp_path, "aetherlint.toml", 'exclude = ["generated", "*.draft.aether"]\n')
    for name in ["a.aether", "sub/generated/g.aether", "generated/h.aether", "sub/x.draft.aether", "sub/generated.aether"]:
        write(tmp_path, name, GOOD)
    assert checked(run("check", "--json-status", ".")[1]) == ["a.aether", "sub/generated.aether"]


def test_extend_exclude_adds_to_the_base_and_exclude_replaces_it(run, tmp_path) -> None:
    write(tmp_path, "base.toml", 'exclude = ["legacy/**"]\nextend-exclude = ["*.tmp.aether"]\n')
    write(tmp_path, "proj/aetherlint.toml", 'extend = "../base.toml"\nextend-exclude = ["generated/**"]\n')
    for name in ["a.aether", "legacy/l.aether", "generated/g.aether", "x.tmp.aether"]:
        write(tmp_path / "proj", name, GOOD)
    assert checked(run("check", "--json-status", "proj")[1]) == ["proj/a.aether"]
    write(tmp_path, "proj/aetherlint.toml", 'extend = "../base.toml"\nexclude = ["generated/**"]\n')
    assert checked(run("check", "--json-status", "proj")[1]) == ["proj/a.aether", "proj/legacy/l.aether"]


def test_a_nested_project_follows_its_own_exclusions(run, tmp_path) -> None:
    write(tmp_path, "aetherlint.toml", 'exclude = ["flows/drafts/**"]\n')
    write(tmp_path, "flows/drafts/d.aether", BAD)
    write(tmp_path, "libs/inner/aetherlint.toml", 'exclude = ["vendor/**"]\n')
    write(tmp_path, "libs/inner/vendor/v.aether", BAD)
    write(tmp_path, "libs/inner/own.aether", GOOD)
    assert checked(run("check", "--json-status", ".")[1]) == ["libs/inner/own.aether"]


def test_overlapping_paths_check_each_file_once_under_its_first_name(run, tmp_path) -> None:
    for name in ["a/x.aether", "a/b/c.aether", "a/b/d.aether"]:
        write(tmp_path, name, GOOD)
    code, out, err = run("check", "--json-status", "a/b/c.aether", "a", "a/b", str(tmp_path / "a" / "x.aether"))
    assert (code, err) == (0, "")
    assert checked(out) == ["a/b/c.aether", "a/b/d.aether", "a/x.aether"]
    assert run("check", "a", "a/b")[1] == "Checked 3 files: all passed.\n"


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_file_reached_through_a_link_is_checked_once(run, tmp_path) -> None:
    write(tmp_path, "flows/a.aether", GOOD)
    os.symlink(tmp_path / "flows" / "a.aether", tmp_path / "flows" / "alias.aether")
    assert checked(run("check", "--json-status", "flows")[1]) == ["flows/a.aether"]


def test_relative_paths_are_posix_and_joined_with_pathlib(tmp_path) -> None:
    write(tmp_path, "aetherlint.toml", 'exclude = ["flows/legacy/**"]\n')
    settings = Resolver().for_path(tmp_path / "flows")
    assert settings.relative(tmp_path / "flows" / "legacy" / "old.aether") == "flows/legacy/old.aether"
    assert settings.relative(tmp_path.parent / "elsewhere.aether") is None


# ---- .gitignore --------------------------------------------------------------------------------


def _git(args: list[str], cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    return proc.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if not HAS_GIT:
        pytest.skip("git is not installed")
    _git(["init", "-q"], tmp_path)
    write(tmp_path, ".gitignore", "*.gen.aether\nout/\n/top-only.aether\nsecret*\n!secret-but-kept.aether\n")
    write(tmp_path, "flows/.gitignore", "!keep.gen.aether\nlocal.aether\n")
    write(tmp_path, "flows/deep/.gitignore", "*\n!*.aether\n")
    write(tmp_path, ".git/info/exclude", "mine.aether\n")
    names = ["a.aether", "x.gen.aether", "flows/keep.gen.aether", "flows/other.gen.aether", "flows/local.aether",
             "out/o.aether", "flows/out/o.aether", "top-only.aether", "flows/top-only.aether", "secret.aether",
             "secret-but-kept.aether", "flows/deep/d.aether", "mine.aether", "out/!keep.aether"]
    for name in names:
        write(tmp_path, name, GOOD)
    return tmp_path


GITIGNORE_EXPECTED = ["a.aether", "flows/deep/d.aether", "flows/keep.gen.aether", "flows/top-only.aether",
                      "secret-but-kept.aether"]


def test_gitignore_files_are_read_as_git_reads_them(run, repo) -> None:
    assert checked(run("check", "--json-status", ".")[1]) == GITIGNORE_EXPECTED
    every = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*.aether") if ".git" not in p.parts)
    ignored = set(_git(["check-ignore", "--no-index", *every], repo).split())
    assert sorted(set(every) - ignored) == GITIGNORE_EXPECTED  # git agrees
    assert checked(run("check", "--json-status", "--no-respect-gitignore", ".")[1]) == every
    write(repo, "aetherlint.toml", "respect-gitignore = false\n")
    assert checked(run("check", "--json-status", ".")[1]) == every
    assert checked(run("check", "--json-status", "--respect-gitignore", ".")[1]) == GITIGNORE_EXPECTED


def test_gitignore_applies_to_classify_and_to_named_files_with_force_exclude(run, repo) -> None:
    run("classify", ".", "--no-history", "--output", "out.json", "--markdown", "")
    assert [r["path"] for r in json.loads((repo / "out.json").read_text())["workflows"]] == GITIGNORE_EXPECTED
    assert checked(run("check", "--json-status", "x.gen.aether", "out/o.aether")[1]) == ["x.gen.aether", "out/o.aether"]
    assert checked(run("check", "--json-status", "--force-exclude", "x.gen.aether", "out/o.aether", "a.aether")[1]) == [
        "a.aether"]


def test_gitignore_of_the_repository_applies_to_a_project_below_it(run, repo, monkeypatch) -> None:
    write(repo, "flows/aetherlint.toml", "")  # a project inside the repository: the top .gitignore still counts
    monkeypatch.chdir(repo / "flows")
    assert checked(run("check", "--json-status", ".")[1]) == ["deep/d.aether", "keep.gen.aether", "top-only.aether"]


def test_gitignore_outside_a_git_work_tree_is_read_from_the_project_root(run, tmp_path) -> None:
    write(tmp_path, "proj/aetherlint.toml", "")
    write(tmp_path, "proj/.gitignore", "generated/\n")
    write(tmp_path, "proj/generated/g.aether", BAD)
    write(tmp_path, "proj/a.aether", GOOD)
    assert checked(run("check", "--json-status", "proj")[1]) == ["proj/a.aether"]


# ---- pre-commit --------------------------------------------------------------------------------


def test_every_pre_commit_hook_forces_the_exclusions() -> None:
    import yaml  # pre-commit's own dependency

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["aetherlint", "aetherlint-migrate", "aetherlint-verify"]
    assert all("--force-exclude" in h["entry"].split() for h in hooks)
