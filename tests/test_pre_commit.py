"""Run the real pre-commit hooks defined in .pre-commit-hooks.yaml: through `pre-commit try-repo`
and through the README's `.pre-commit-config.yaml`, pinned to a commit of a copy of this
repository, as a user adopts them.

pre-commit clones the hook repository and installs it into its own virtualenv with pip, so
this exercises the packaging (non-editable install, grammar shipped) and the hook definitions.
All tests of the module share one hook repository and one PRE_COMMIT_HOME, so the hook
virtualenv is built once.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT
from readme import code_blocks, section
from scratch_repos import clean_env, commit_all, committed_copy, init_repo, pre_commit_cmd, run

pytestmark = pytest.mark.slow

VALID_FILE = FIXTURES / "valid" / "brace" / "crate_ledger.aether"
BAD_FILE = FIXTURES / "invalid" / "parse" / "extra_brace.aether"
LEGACY = "goal: tidy the bench priority: high\nintent: oil hinges\n"  # valid, but migrate rewrites it


@dataclass(frozen=True)
class HookRepo:
    path: Path
    sha: str
    env: dict[str, str]
    pre_commit: list[str]


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> HookRepo:
    """A committed copy of this checkout (a user's copy of aetherlint) and a PRE_COMMIT_HOME."""
    pre_commit = pre_commit_cmd()
    base = tmp_path_factory.mktemp("pre-commit")
    env = clean_env(base / "pc-home")
    sha = committed_copy(base / "hookrepo", env)
    return HookRepo(base / "hookrepo", sha, env, pre_commit)


def _project(path: Path, hooks: HookRepo, files: dict[str, str]) -> Path:
    init_repo(path, hooks.env)
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def test_pre_commit_try_repo(tmp_path: Path, hooks: HookRepo) -> None:
    project = _project(tmp_path / "project", hooks, {})
    shutil.copyfile(VALID_FILE, project / "good.aether")
    shutil.copyfile(BAD_FILE, project / "bad.aether")
    commit_all(project, hooks.env, "one good and one bad script")

    good = run([*hooks.pre_commit, "try-repo", hooks.path, "aetherlint", "--files", "good.aether"], project, hooks.env)
    good_out = good.stdout + good.stderr
    assert good.returncode == 0, good_out
    assert "Passed" in good_out, good_out

    bad = run([*hooks.pre_commit, "try-repo", hooks.path, "aetherlint", "--files", "bad.aether"], project, hooks.env)
    bad_out = bad.stdout + bad.stderr
    assert bad.returncode != 0, bad_out
    assert "Failed" in bad_out, bad_out
    assert "AE2004" in bad_out, bad_out


SIGNING_HOOKS = ["aetherlint-verify"]  # shown in the README's Signing section; they need a key


def _readme_config(hooks: HookRepo, heading: str = "## Pre-commit") -> str:
    """The README's `.pre-commit-config.yaml` under `heading` with its placeholders filled in:
    the hook repository's path for `repo:` and its commit for `rev:`."""
    (snippet,) = code_blocks(section(heading), "yaml")
    config = yaml.safe_load(snippet)
    (entry,) = config["repos"]
    assert "<your-host>" in entry["repo"] and entry["rev"].startswith("<"), "the placeholders are marked as such"
    defined = [hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))]
    shown = SIGNING_HOOKS if heading == "## Signing" else [h for h in defined if h not in SIGNING_HOOKS]
    assert [hook["id"] for hook in entry["hooks"]] == shown, "the README shows every hook"
    entry["repo"], entry["rev"] = str(hooks.path), hooks.sha
    return yaml.safe_dump(config, sort_keys=False)


def _run_all_files(tmp_path: Path, hooks: HookRepo, files: dict[str, str]) -> tuple[int, str]:
    project = _project(tmp_path / "project", hooks, {".pre-commit-config.yaml": _readme_config(hooks), **files})
    commit_all(project, hooks.env, "scripts and the README's pre-commit config")
    proc = run([*hooks.pre_commit, "run", "--all-files"], project, hooks.env)
    return proc.returncode, proc.stdout + proc.stderr


def _hook_lines(output: str) -> dict[str, str]:
    """`aetherlint....Passed` lines of pre-commit's report, by hook name: Passed or Failed."""
    return {
        line.split(".")[0].rstrip(): line.rsplit(".", 1)[-1].strip()
        for line in output.splitlines()
        if line.endswith(("Passed", "Failed"))
    }


def test_readme_config_passes_a_valid_file(tmp_path: Path, hooks: HookRepo) -> None:
    code, out = _run_all_files(tmp_path, hooks, {"good.aether": VALID_FILE.read_text(encoding="utf-8")})
    assert code == 0, out
    assert _hook_lines(out) == {"aetherlint": "Passed", "aetherlint migrate (check for legacy syntax)": "Passed"}, out


def test_readme_config_fails_on_a_broken_file(tmp_path: Path, hooks: HookRepo) -> None:
    code, out = _run_all_files(tmp_path, hooks, {"bad.aether": BAD_FILE.read_text(encoding="utf-8")})
    assert code == 1, out
    assert _hook_lines(out)["aetherlint"] == "Failed", out
    assert "bad.aether:" in out and "AE2004 unbalanced-bracket" in out, out


def test_readme_config_fails_on_legacy_syntax(tmp_path: Path, hooks: HookRepo) -> None:
    code, out = _run_all_files(tmp_path, hooks, {"legacy.aether": LEGACY})
    assert code == 1, out
    assert _hook_lines(out) == {"aetherlint": "Passed", "aetherlint migrate (check for legacy syntax)": "Failed"}, out
    assert "legacy.aether: would change (intent-to-goal x1, quote-goal-text x2)" in out, out


def test_the_verify_hook_fails_until_a_file_is_signed(tmp_path: Path, hooks: HookRepo) -> None:
    """The Signing section's hook, with the key in the environment: an unsigned or edited file
    fails the commit, a file signed with the key passes."""
    env = {**hooks.env, "AETHERLINT_SIGNING_KEY": "s3cret"}
    signing = HookRepo(hooks.path, hooks.sha, env, hooks.pre_commit)
    project = _project(tmp_path / "project", signing, {".pre-commit-config.yaml": _readme_config(hooks, "## Signing"),
                                                       "flow.aether": VALID_FILE.read_text(encoding="utf-8")})
    commit_all(project, env, "an unsigned script")
    failing = run([*hooks.pre_commit, "run", "--all-files"], project, env)
    out = failing.stdout + failing.stderr
    assert failing.returncode == 1 and _hook_lines(out) == {"aetherlint verify (signatures)": "Failed"}, out
    assert "flow.aether: would sign (no signature)" in out
    assert run([sys.executable, "-m", "aetherlint", "sign", "flow.aether"], project, env).returncode == 0
    commit_all(project, env, "signed")
    passing = run([*hooks.pre_commit, "run", "--all-files"], project, env)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    (project / "flow.aether").write_bytes((project / "flow.aether").read_bytes() + b"# edited\n")
    commit_all(project, env, "edited after signing")
    edited = run([*hooks.pre_commit, "run", "--all-files"], project, env)
    assert edited.returncode == 1 and "flow.aether: would sign (signature does not match the file)" in edited.stdout
    without_key = run([*hooks.pre_commit, "run", "--all-files"], project, hooks.env)
    assert without_key.returncode != 0 and "no signing key" in without_key.stdout
