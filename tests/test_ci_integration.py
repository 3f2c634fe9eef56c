"""The README's GitHub Actions job (## CI integration), run as GitHub would run it, step by step,
on a scratch git repository: a push to main, then pull requests.

Every `run:` step is executed with GitHub's shell (`bash --noprofile --norc -eo pipefail`);
the install step, with its placeholder URL replaced by a `git+file://` URL of a committed copy
of this checkout, runs once into a fresh virtualenv that the other steps find first on PATH.
`uses:` steps are emulated: checkout clones the branch, setup-python is that virtualenv, the
artifact steps keep and restore files, upload-sarif checks that its file exists and is valid
SARIF 2.1.0 (and keeps it for the test), other actions are left out (they run no command of
ours). `if:` conditions are evaluated, so a step added to the README is picked up
automatically, and the first test checks that its runs executed every `run:` step.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES
from readme import code_blocks, section
from sarif_schema import validate_file
from scratch_repos import clean_env, commit_all, committed_copy, git, init_repo, run

pytestmark = pytest.mark.slow

INSTALL_PLACEHOLDER = "git+https://<your-host>/<your-org>/aetherlint@<tag-or-commit>"
GITHUB_SHELL = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]
VALID = sorted((FIXTURES / "valid").rglob("*.aether"))[:10]
BROKEN = (FIXTURES / "invalid" / "parse" / "extra_brace.aether").read_text(encoding="utf-8")


def _steps() -> list[dict[str, Any]]:
    (snippet,) = code_blocks(section("## CI integration"), "yaml")
    (job,) = yaml.safe_load(snippet)["jobs"].values()
    return job["steps"]


def _is_install(step: dict[str, Any]) -> bool:
    return INSTALL_PLACEHOLDER in step.get("run", "")


@dataclass
class Job:
    steps: list[dict[str, Any]]
    env: dict[str, str]  # with the virtualenv aetherlint was installed into first on PATH


@pytest.fixture(scope="module")
def job(tmp_path_factory: pytest.TempPathFactory) -> Job:
    """The install step of the README, run once, on a user's copy of aetherlint at a commit."""
    base = tmp_path_factory.mktemp("ci")
    env = clean_env()
    sha = committed_copy(base / "aetherlint", env)
    venv = base / "venv"
    proc = run([sys.executable, "-m", "venv", venv], base, env)
    assert proc.returncode == 0, proc.stderr
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    env["VIRTUAL_ENV"] = str(venv)
    steps = _steps()
    installs = [i for i, step in enumerate(steps) if _is_install(step)]
    assert len(installs) == 1, "one step installs aetherlint, from the placeholder URL"
    # `file://localhost/...`: a requirement URL needs a host (pip rejects `file:///...` there)
    command = steps[installs[0]]["run"].replace(INSTALL_PLACEHOLDER, f"git+file://localhost{base / 'aetherlint'}@{sha}")
    proc = run([*GITHUB_SHELL, command], base, env)
    assert proc.returncode == 0, f"{command}\n{proc.stdout}\n{proc.stderr}"
    proc = run(["bash", "-c", "command -v aetherlint"], base, env)
    assert proc.stdout.strip() == str(venv / "bin" / "aetherlint"), "the job uses the aetherlint it installed"
    return Job(steps, env)


@dataclass
class Run:
    """One run of the job: the steps that failed and what they wrote to the step summary."""

    failed: list[str] = field(default_factory=list)
    executed: set[int] = field(default_factory=set)  # indices of the `run:` steps executed
    summary: str = ""
    logs: list[str] = field(default_factory=list)
    sarif: list[dict[str, Any]] = field(default_factory=list)  # what upload-sarif uploaded


def _run_job(job: Job, repo: Path, branch: str, event: str, artifacts: dict[str, bytes], workspace: Path) -> Run:
    result = Run()
    summary = workspace.parent / f"{workspace.name}-summary.md"
    env = {**job.env, "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event,
           "GITHUB_WORKSPACE": str(workspace), "GITHUB_STEP_SUMMARY": str(summary)}
    for index, step in enumerate(job.steps):
        if not _condition(step.get("if"), event, ok=not result.failed):
            continue
        name = step.get("name") or step.get("run") or step["uses"]
        if "run" in step:
            result.executed.add(index)
            if _is_install(step):
                continue  # done once by the fixture, into the virtualenv on PATH
            proc = run([*GITHUB_SHELL, step["run"]], workspace, env)
            result.logs.append(f"$ {step['run']}\n{proc.stdout}{proc.stderr}")
            ok = proc.returncode == 0
        else:
            ok = _uses(step, repo, branch, workspace, artifacts, job.env, result)
        if not ok and not step.get("continue-on-error"):
            result.failed.append(name)
    result.summary = summary.read_text(encoding="utf-8") if summary.exists() else ""
    return result


def _condition(expression: str | None, event: str, ok: bool) -> bool:
    """A step's `if:`, for the expressions such a job uses. Without a status function GitHub
    adds `success() &&`."""
    if expression is None:
        return ok
    functions = {"always": lambda: True, "success": lambda: ok, "failure": lambda: not ok, "cancelled": lambda: False}
    python = expression.replace("github.event_name", repr(event)).replace("&&", " and ").replace("||", " or ")
    python = re.sub(r"!(?!=)", " not ", python)
    value = bool(eval(python, {"__builtins__": {}}, functions))  # NameError: teach this test the new expression
    return value if re.search(r"\b(always|success|failure|cancelled)\(\)", expression) else ok and value


def _uses(step: dict[str, Any], repo: Path, branch: str, workspace: Path, artifacts: dict[str, bytes],
          env: dict[str, str], result: Run) -> bool:
    action, options = step["uses"].split("@")[0], step.get("with", {})
    if action == "actions/checkout":
        git(["clone", "-q", "--branch", branch, str(repo), str(workspace)], repo, env)
    elif action == "actions/upload-artifact":
        artifacts[options["name"]] = (workspace / options["path"]).read_bytes()
    elif action == "dawidd6/action-download-artifact":
        if options["name"] not in artifacts:
            return False  # no run of main has uploaded it yet
        folder = workspace / options["path"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "parse_baseline.json").write_bytes(artifacts[options["name"]])
    elif action == "github/codeql-action/upload-sarif":
        sarif = workspace / options["sarif_file"]
        if not sarif.is_file():
            return False
        result.sarif.append(validate_file(sarif))  # AssertionError: not valid SARIF 2.1.0
    return True


def _project(tmp_path: Path, env: dict[str, str]) -> Path:
    """A repository of workflows whose main branch is clean."""
    repo = init_repo(tmp_path / "project", env)
    for i, path in enumerate(VALID):
        shutil.copyfile(path, repo / f"flow_{i}.aether")
    git(["checkout", "-q", "-b", "main"], repo, env)
    commit_all(repo, env, "workflows")
    return repo


def _branch(repo: Path, env: dict[str, str], name: str, broken: int) -> str:
    git(["checkout", "-q", "-b", name, "main"], repo, env)
    for i in range(broken):
        (repo / f"broken_{i}.aether").write_text(BROKEN, encoding="utf-8")
    commit_all(repo, env, f"{broken} broken workflows")
    git(["checkout", "-q", "main"], repo, env)
    return name


def test_job_gates_pull_requests_against_mains_baseline(tmp_path: Path, job: Job) -> None:
    repo = _project(tmp_path, job.env)
    artifacts: dict[str, bytes] = {}
    push = _run_job(job, repo, "main", "push", artifacts, tmp_path / "push")
    assert push.failed == [], push.logs
    assert set(artifacts) == {"parse-baseline-main"}
    assert [len(log["runs"][0]["results"]) for log in push.sarif] == [0]  # main is clean
    assert f"### aetherlint check\n\n**{len(VALID)}** files checked, **0** failed" in push.summary

    # One more broken file than main: within the thresholds, the gate passes.
    small = _run_job(job, repo, _branch(repo, job.env, "small", broken=1), "pull_request", artifacts, tmp_path / "pr1")
    assert small.failed == [], small.logs
    assert small.summary.startswith("## aetherlint go/no-go: GO"), small.summary
    assert "Newly failing files: 1: `broken_0.aether` (`PARSE_ERROR`)" in small.summary

    # Six: the gate fails the job, and the summary still says why.
    big = _run_job(job, repo, _branch(repo, job.env, "big", broken=6), "pull_request", artifacts, tmp_path / "pr2")
    assert big.failed == ["Gate"], big.logs
    assert big.summary.startswith("## aetherlint go/no-go: NO-GO"), big.summary
    assert "| parse_regression | ❌ fail | PARSE_ERROR: 0 → 6 |" in big.summary
    # the lint step still ran: annotations in the log, a table in the summary, SARIF uploaded
    assert "::error file=broken_0.aether,line=28,col=1," in "".join(big.logs)
    assert "| AE2004 | unbalanced-bracket | error | 6 |" in big.summary
    (log,) = big.sarif
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"])
    assert uris == [f"broken_{i}.aether" for i in range(6)]

    runs = {i for i, step in enumerate(job.steps) if "run" in step}
    assert runs - push.executed - small.executed - big.executed == set(), "a run: step no run above executes"


def test_first_pull_request_compares_against_zeros(tmp_path: Path, job: Job) -> None:
    repo = _project(tmp_path, job.env)
    first = _run_job(job, repo, _branch(repo, job.env, "first", broken=1), "pull_request", {}, tmp_path / "pr")
    assert first.failed == [], first.logs
    assert "reference baseline ref/parse_baseline.json not found" in "".join(first.logs)
    assert first.summary.startswith("## aetherlint go/no-go: GO"), first.summary

