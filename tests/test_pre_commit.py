"""Run the real pre-commit hook defined in .pre-commit-hooks.yaml via ``pre-commit try-repo``.

pre-commit clones the hook repository and installs it into its own virtualenv with pip, so
this exercises the packaging (non-editable install, grammar shipped) and the hook definition.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_repository

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
VALID_FILE = REPO / "fixtures" / "valid" / "brace" / "crate_ledger.aether"
BAD_FILE = REPO / "fixtures" / "invalid" / "parse" / "extra_brace.aether"
TIMEOUT = 900

def _pre_commit_cmd() -> list[str] | None:
    exe = shutil.which("pre-commit")
    if exe:
        return [exe]
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    return None


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Do not let an enclosing repository or hook invocation leak into the temporary repos.
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "PYTHONPATH"):
        env.pop(var, None)
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pc-home")
    env["AETHERLINT_NO_PARSER_CACHE"] = "1"
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR", None)
    return env


def _run(cmd: list[str | os.PathLike[str]], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def _git(args: list[str], cwd: Path, env: dict[str, str]) -> None:
    proc = _run(["git", "-c", "commit.gpgsign=false", *args], cwd=cwd, env=env)
    assert proc.returncode == 0, f"git {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"


def _init_repo(path: Path, env: dict[str, str]) -> None:
    _git(["init", "-q"], path, env)
    _git(["config", "user.name", "aetherlint tests"], path, env)
    _git(["config", "user.email", "tests@aetherlint.invalid"], path, env)
    _git(["config", "core.autocrlf", "false"], path, env)


def _commit_all(path: Path, env: dict[str, str], message: str) -> None:
    _git(["add", "-A"], path, env)
    _git(["commit", "-q", "--no-verify", "-m", message], path, env)


def test_pre_commit_try_repo(tmp_path: Path) -> None:
    pre_commit = _pre_commit_cmd()
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (pip install '.[test]' installs it)")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = _env(tmp_path)

    # The hook repository: a committed copy of this checkout (try-repo needs a git repo).
    hook_repo = tmp_path / "hookrepo"
    copy_repository(hook_repo)
    _init_repo(hook_repo, env)
    _commit_all(hook_repo, env, "aetherlint snapshot for pre-commit try-repo")

    # The project that uses the hook.
    project = tmp_path / "project"
    project.mkdir()
    _init_repo(project, env)
    shutil.copyfile(VALID_FILE, project / "good.aether")
    shutil.copyfile(BAD_FILE, project / "bad.aether")
    _commit_all(project, env, "one good and one bad script")

    good = _run(
        [*pre_commit, "try-repo", hook_repo, "aetherlint", "--files", "good.aether"],
        cwd=project,
        env=env,
    )
    good_out = good.stdout + good.stderr
    assert good.returncode == 0, good_out
    assert "Passed" in good_out, good_out

    bad = _run(
        [*pre_commit, "try-repo", hook_repo, "aetherlint", "--files", "bad.aether"],
        cwd=project,
        env=env,
    )
    bad_out = bad.stdout + bad.stderr
    assert bad.returncode != 0, bad_out
    assert "Failed" in bad_out, bad_out
    assert "AE2004" in bad_out, bad_out
