"""The README's snippets do what it says when copied: commands, example outputs, configuration,
suppressions, synopses, and the `.gitignore` for the artifacts they write. (The pre-commit
config is run in test_pre_commit.py, the GitHub Actions job in test_ci_integration.py.)"""

from __future__ import annotations

import calendar
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, write
from readme import README, code_blocks, section
from scratch_repos import clean_env, commit_all, git, init_repo

TEXT = README.read_text(encoding="utf-8")
BLOCKS = code_blocks(TEXT)


def _block(start: str) -> str:
    (found,) = [b for b in BLOCKS if b.startswith(start)]
    return found


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The bundled corpus as `fixtures/` in the current folder, as in a checkout."""
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    return tmp_path


def test_quick_start_checks_the_bundled_corpus(run, corpus) -> None:
    first = _block("python -m pip install . && aetherlint check").splitlines()[0]
    command = first.split("&&")[1].split("#")[0]
    claim = re.search(r"ends with exit status (\d) and a summary such as\s+`(Checked [^`]*?) \(\.\.\.\)`", TEXT)
    code, out, _ = run(*shlex.split(command)[1:])
    assert code == int(claim.group(1))
    assert out.splitlines()[-1].startswith(" ".join(claim.group(2).split()) + " (")


def test_check_example_output(run, corpus) -> None:
    example = _block("fixtures/invalid/parse/let_close_paren.aether:")
    code, out, _ = run("check", "fixtures/invalid/parse/let_close_paren.aether")
    assert code == 1
    assert out == example


def test_missing_closer_example_output(run, tmp_path) -> None:
    example = _block("flows/kettle.aether:")
    write(tmp_path, "flows/kettle.aether", 'plugin kettle {\n    fn heat() {\n        log "warming"\n\n    fn stop() {\n'
          '        log "off"\n    }\n}\n')
    code, out, _ = run("check", "flows/kettle.aether")
    assert code == 1
    assert out.splitlines()[: len(example.splitlines())] == example.splitlines()


def _toml_blocks() -> list[str]:
    return code_blocks(TEXT, "toml")


@pytest.mark.parametrize("snippet", _toml_blocks(), ids=lambda s: s.splitlines()[1].split(" =")[0])
def test_configuration_snippet_is_accepted(run, tmp_path, snippet) -> None:
    write(tmp_path, "pyproject.toml", snippet)
    code, out, err = run("check", str(write(tmp_path, "a.aether", 'log "ok"\n')))
    assert (code, err) == (0, ""), out


def test_extend_builtins_snippet_makes_the_calls_known(run, tmp_path) -> None:
    (snippet,) = [s for s in _toml_blocks() if s.startswith("[tool.aetherlint]\nextend-builtins")]
    flow = write(tmp_path, "flows/a.aether", "count_crates(1)\nnotify(\"done\")\n")
    assert run("check", str(flow))[0] == 1
    write(tmp_path, "pyproject.toml", snippet)
    assert run("check", str(flow))[:2] == (0, "Checked 1 file: all passed.\n")


def test_renames_snippet_renames_the_calls(run, tmp_path) -> None:
    (snippet,) = [s for s in _toml_blocks() if s.startswith("[tool.aetherlint.renames]")]
    write(tmp_path, "pyproject.toml", snippet)
    flow = write(tmp_path, "a.aether", "x = analyze_plugins()\n")
    code, out, _ = run("migrate", "--check", str(flow))
    assert code == 1
    assert f"{flow}: would change (rename-functions x1)" in out


def test_suppressions_example_parses(run, tmp_path) -> None:
    example = _block("# comments, and inline comments after whitespace")
    write(tmp_path, "suppressions.txt", example)
    write(tmp_path, "flows/a.aether", 'log "ok"\n')
    code, out, err = run("classify", "flows", "--no-history")
    assert code == 0
    assert "warning" not in err  # no malformed line; the entry is stale, which only --strict-suppressions fails


def test_classify_markdown_example(run, corpus, monkeypatch) -> None:
    example = _block("**42** workflows")
    stamp = re.search(r"Generated (\S+) by", example).group(1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(calendar.timegm(time.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ"))))
    code, out, _ = run("classify", "fixtures", "--no-history", "--output", "-", "--markdown", "out.md")
    produced = (corpus / "out.md").read_text(encoding="utf-8")
    assert example.splitlines()[0] in produced.splitlines()
    rows = {r[0]: r[1:] for r in _table(produced)}
    for category, files, examples in _table(example)[2:]:
        assert rows[category][0] == files
        assert rows[category][1].startswith(examples.removesuffix(", ..."))


def _table(markdown: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in markdown.splitlines() if line.startswith("|")]


def test_migrate_dry_run_example(run, tmp_path) -> None:
    example = _block("$ aetherlint migrate --dry-run flows/")
    command, *output = example.splitlines()
    # flows/: the file the diff shows (its old lines), one that does not parse, one that is not
    # UTF-8 and one already migrated, as the summary line counts them
    diff = [line for line in output if line[:1] in (" ", "-") and not line.startswith("---")]
    write(tmp_path, "flows/hinges.aether", "".join(line[1:] + "\n" for line in diff))
    write(tmp_path, "flows/broken.aether", "let a = )\n")
    write(tmp_path, "flows/latin1.aether", b'log "caf\xe9"\n')
    write(tmp_path, "flows/done.aether", 'goal: "fine"\n')
    code, out, _ = run(*shlex.split(command)[2:])
    assert code == 0
    assert out.splitlines() == output


def test_artifact_on_stdout_pipe(corpus) -> None:
    example = _block("aetherlint classify fixtures --no-history --output -")
    total = re.search(r"Checked (\d+) files", TEXT).group(1)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(["bash", "-c", example], cwd=corpus, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"{total}\n"


def test_report_snippet_writes_the_same_page_from_the_run_and_from_its_artifacts(corpus) -> None:
    lines = [line.split("#")[0].strip() for line in _block("aetherlint classify fixtures --html").splitlines()]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "SOURCE_DATE_EPOCH": "1790000000"}
    pages = []
    for line, status in zip(lines, (1, 0)):
        proc = subprocess.run(["bash", "-c", line], cwd=corpus, env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == status, proc.stderr
        pages.append((corpus / "aetherlint-report.html").read_bytes())
    assert pages[0] == pages[1] and b'<table id="trend-table">' in pages[0]


def _synopses() -> list[tuple[str, str]]:
    """(command, the options its synopsis lines show) for each `aetherlint COMMAND ...` block line."""
    found = []
    for block in BLOCKS:
        for line in re.split(r"\n(?=aetherlint )", block):
            if re.match(r"aetherlint \w+ .*--", line) and "|" not in line.split()[1]:
                found += [(line.split()[1], option) for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", line)]
    return found


@pytest.mark.parametrize(("command", "option"), _synopses(), ids=lambda v: v)
def test_synopsis_options_exist(run, command, option) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert re.search(rf"(?<![\w-]){option}\b", out), f"`aetherlint {command}` has no {option}"


def test_gitignore_lists_the_artifacts_of_the_documented_commands(tmp_path) -> None:
    """In a project that copied this `.gitignore`, the commands the README runs leave nothing to commit."""
    env = clean_env()
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    project = init_repo(tmp_path / "project", env)
    shutil.copyfile(ROOT / ".gitignore", project / ".gitignore")
    write(project, "flows/a.aether", 'log "ok"\n')
    write(project, "flows/b.aether", "let total = )\n")
    commit_all(project, env, "workflows")
    for command in ("aetherlint classify .", "aetherlint baseline .",
                    "aetherlint gate --new parse_baseline.json --ref parse_baseline.json"
                    " --results gate_results.json --sign-off gate_sign_off.md",
                    "aetherlint migrate --dry-run flows --report migration_report.md",
                    "aetherlint check flows --output-format concise --sarif aetherlint.sarif --junit aetherlint-junit.xml",
                    "aetherlint check . --output-format gitlab -o gl-code-quality-report.json --junit aetherlint-junit.xml",
                    "aetherlint report -o aetherlint-report.html"):
        proc = subprocess.run(shlex.split(command), cwd=project, env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode in (0, 1), proc.stderr
    assert git(["status", "--porcelain", "--untracked-files=all", "--ignored=no"], project, env) == ""
    ignored = git(["status", "--porcelain", "--ignored", "--untracked-files=all"], project, env)
    assert "!! workflow_failures.json" in ignored and "!! .aetherra/" in ignored  # they were written


def test_output_formats_example(corpus) -> None:
    """The one-run command of Output formats: its output as shown, and the SARIF and JUnit files
    it writes (the SARIF is validated by conftest when the test ends)."""
    command = _block("aetherlint check fixtures --output-format concise").strip()
    example = _block("fixtures/invalid/io/invalid_utf8.aether:2:10: AE2603").splitlines()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(["bash", "-c", command], cwd=corpus, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    cut = example.index("...")
    assert lines[:cut] == example[:cut] and lines[-1] == example[-1]
    assert ET.parse(corpus / "aetherlint-junit.xml").getroot().find("testsuite").get("tests") == "42"
    assert (corpus / "aetherlint.sarif").is_file()


def test_github_annotation_example(run, tmp_path, monkeypatch) -> None:
    example = re.search(r"`(::error file=(\S+?),line=.*?::unknown function '(\w+)')`", section("## Output formats"))
    write(tmp_path, example.group(2), f"fn main() {{\n    {example.group(3)}(1)\n}}\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run("check", example.group(2))
    assert (code, out.splitlines()[0]) == (1, example.group(1))


def test_gitlab_ci_job_runs_its_script(tmp_path) -> None:
    """The GitLab job's script (its install line is the GitHub job's, run in test_ci_integration)
    on a project with a broken workflow: the job fails, and both reports are there."""
    import yaml

    (snippet,) = [b for b in code_blocks(section("## Output formats"), "yaml")]
    (job,) = yaml.safe_load(snippet).values()
    install, *script = job["script"]
    assert install.startswith('python -m pip install "aetherlint @ git+https://<your-host>/')
    write(tmp_path, "flows/a.aether", 'log "ok"\n')
    write(tmp_path, "flows/b.aether", "let total = )\n")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(["bash", "-eo", "pipefail", "-c", "\n".join(script)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr  # a failing workflow fails the job; `when: always` keeps the reports
    reports = job["artifacts"]["reports"]
    (issue,) = json.loads((tmp_path / reports["codequality"]).read_text(encoding="utf-8"))
    assert issue["location"] == {"path": "flows/b.aether", "lines": {"begin": 1}} and issue["severity"] == "major"
    suite = ET.parse(tmp_path / reports["junit"]).getroot().find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
