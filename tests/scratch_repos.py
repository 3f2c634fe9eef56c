"""Scratch git repositories for the tests that run real git, pre-commit and README snippets: a
committed copy of this checkout (a hook repository, a pip `git+file://` source) and user
projects."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_repository

TIMEOUT = 900


def pre_commit_cmd() -> list[str]:
    """How to run pre-commit here; skips the test when it is not installed."""
    exe = shutil.which("pre-commit")
    if exe:
        return [exe]
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    pytest.skip("pre-commit is not installed (pip install '.[test]' installs it)")


def clean_env(pre_commit_home: Path | None = None) -> dict[str, str]:
    """The environment of a user's shell: no enclosing repository or hook invocation leaks into
    the scratch repositories, no colour."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = dict(os.environ)
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "PYTHONPATH"):
        env.pop(var, None)
    if pre_commit_home is not None:
        env["PRE_COMMIT_HOME"] = str(pre_commit_home)
    env["AETHERLINT_NO_PARSER_CACHE"] = "1"
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR", None)
    return env


def run(cmd: list[str | os.PathLike[str]], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT)


def git(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    proc = run(["git", "-c", "commit.gpgsign=false", *args], cwd=cwd, env=env)
    assert proc.returncode == 0, f"git {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout.strip()


def init_repo(path: Path, env: dict[str, str]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(["init", "-q"], path, env)
    git(["config", "user.name", "aetherlint tests"], path, env)
    git(["config", "user.email", "tests@aetherlint.invalid"], path, env)
    git(["config", "core.autocrlf", "false"], path, env)
    return path


def commit_all(path: Path, env: dict[str, str], message: str) -> str:
    """Commit everything; returns the commit's sha."""
    git(["add", "-A"], path, env)
    git(["commit", "-q", "--no-verify", "-m", message], path, env)
    return git(["rev-parse", "HEAD"], path, env)


def committed_copy(dest: Path, env: dict[str, str]) -> str:
    """A git repository holding a copy of this checkout, as a user's copy of aetherlint; returns
    the sha of its one commit."""
    copy_repository(dest)
    init_repo(dest, env)
    return commit_all(dest, env, "aetherlint snapshot")
