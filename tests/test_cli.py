"""The CLI as a whole: a bare `aetherlint`, every command's documented exit statuses, and output
to streams that cannot encode every character."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from conftest import write

GOOD = 'plugin widget {\n    fn spin(w) {\n        log "spin {w.id}"\n    }\n}\n'
BAD = "let total = )\n"
LEGACY = "intent: oil hinges\n"


def _aetherlint(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "aetherlint", *args], capture_output=True, cwd=cwd, env=env, timeout=120)


def test_bare_aetherlint_prints_help_on_stdout_and_exits_0(tmp_path) -> None:
    proc = _aetherlint(cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().startswith("Usage: aetherlint [OPTIONS] COMMAND [ARGS]...")
    assert "Commands:" in proc.stdout.decode()
    assert proc.stderr == b""


# --- Exit statuses: each command's --help lists them, and each one happens as described. ---

def _baselines(tmp_path: Path, run, ref_broken: int, new_broken: int) -> list[str]:
    for name, broken in (("ref", ref_broken), ("new", new_broken)):
        write(tmp_path, f"{name}/ok.aether", GOOD)
        for i in range(broken):
            write(tmp_path, f"{name}/bad{i}.aether", BAD)
        assert run("baseline", name, "--output", f"{name}.json")[0] == 0
    return ["gate", "--new", "new.json", "--ref", "ref.json"]


def _classified(tmp_path: Path, run) -> list[str]:
    write(tmp_path, "flows/bad.aether", BAD)
    run("classify", "flows", "--no-history")
    return ["suppress", "--from", "workflow_failures.json"]


def _stale_suppression(tmp_path: Path, run) -> list[str]:
    write(tmp_path, "f/a.aether", GOOD)
    write(tmp_path, "s.txt", "3f9a0c2d1e4b5a67\n")
    return ["classify", "f", "--no-history", "--suppressions", "s.txt", "--strict-suppressions"]


STRICT = "failures (or stale/expired suppressions with --strict-suppressions)"
Setup = Callable[[Path, Callable], list[str]]
# (command, exit status, what the help says it means, how to get there)
CASES: list[tuple[str, int, str, Setup]] = [
    ("check", 0, "every file passed", lambda p, r: ["check", str(write(p, "a.aether", GOOD))]),
    ("check", 1, "at least one file failed", lambda p, r: ["check", str(write(p, "a.aether", BAD))]),
    ("check", 2, "usage error", lambda p, r: ["check"]),
    ("explain", 0, "explained", lambda p, r: ["explain", "AE2501"]),
    ("explain", 2, "unknown code or usage error", lambda p, r: ["explain", "AE9999"]),
    ("classify", 0, "no unsuppressed failure (always with --exit-zero)", lambda p, r: ["classify", str(write(p, "f/a.aether", GOOD).parent), "--no-history"]),
    ("classify", 0, "no unsuppressed failure (always with --exit-zero)", lambda p, r: ["classify", str(write(p, "f/a.aether", BAD).parent), "--no-history", "--exit-zero"]),
    ("classify", 1, STRICT, lambda p, r: ["classify", str(write(p, "f/a.aether", BAD).parent), "--no-history"]),
    ("classify", 1, STRICT, _stale_suppression),
    ("classify", 2, "usage error", lambda p, r: ["classify", "missing-folder"]),
    # A baseline records failures; writing it is the success, whatever the files hold.
    ("baseline", 0, "baseline written (failing files included)", lambda p, r: ["baseline", str(write(p, "f/a.aether", BAD).parent)]),
    ("baseline", 2, "usage error", lambda p, r: ["baseline", "missing-folder"]),
    ("gate", 0, "no regression", lambda p, r: _baselines(p, r, 0, 0)),
    ("gate", 1, "regression", lambda p, r: _baselines(p, r, 0, 6)),
    ("gate", 2, "input or usage problem", lambda p, r: ["gate", "--new", "missing.json", "--ref", "missing.json"]),
    ("migrate", 0, "done (or nothing to change)", lambda p, r: ["migrate", "--apply", str(write(p, "a.aether", LEGACY))]),
    ("migrate", 1, "--check found pending changes or a migration bug", lambda p, r: ["migrate", "--check", str(write(p, "a.aether", LEGACY))]),
    ("migrate", 2, "usage error", lambda p, r: ["migrate", str(write(p, "a.aether", LEGACY))]),
    ("suppress", 0, "printed", _classified),
    ("suppress", 2, "no readable classification or usage error", lambda p, r: ["suppress", "--from", "missing.json"]),
    ("report", 0, "written", lambda p, r: _classified(p, r) and ["report"]),  # from its workflow_failures.json
    ("report", 2, "unreadable input, jinja2 missing, or usage error", lambda p, r: ["report", "--classification", "missing.json"]),
    ("clean", 0, "removed or nothing to remove", lambda p, r: ["clean", str(p)]),
    ("clean", 2, "not a cache directory or usage error", lambda p, r: ["clean", str(write(p, "r/.aetherlint_cache", "").parent)]),
    ("sign", 0, "signed (or already signed)", lambda p, r: ["sign", "--key-file", str(write(p, "k", "s3cret\n")), str(write(p, "a.aether", GOOD))]),
    ("sign", 1, "--check found files to sign or a file could not be signed",
     lambda p, r: ["sign", "--check", "--key-file", str(write(p, "k", "s3cret\n")), str(write(p, "a.aether", GOOD))]),
    ("sign", 2, "usage error", lambda p, r: ["sign", str(write(p, "a.aether", GOOD))]),  # no key
    ("verify", 0, "every file verified (unsigned ones pass without --strict)",
     lambda p, r: ["verify", "--key-file", str(write(p, "k", "s3cret\n")), str(write(p, "a.aether", GOOD))]),
    ("verify", 1, "a file failed", lambda p, r: ["verify", "--strict", "--key-file", str(write(p, "k", "s3cret\n")), str(write(p, "a.aether", GOOD))]),
    ("verify", 2, "usage error", lambda p, r: ["verify", str(write(p, "a.aether", GOOD))]),  # no key
    ("risk", 0, "no file scores above --fail-above (always without it)", lambda p, r: ["risk", str(write(p, "a.aether", 'os.system("ls")\n'))]),
    ("risk", 1, "one does or could not be analysed", lambda p, r: ["risk", "--fail-above", "3", str(write(p, "a.aether", 'os.system("ls")\n'))]),
    ("risk", 2, "usage error", lambda p, r: ["risk"]),
    ("keygen", 0, "key written", lambda p, r: ["keygen", str(p / "k.key")]),
    ("keygen", 2, "the file exists or cannot be written", lambda p, r: ["keygen", str(write(p, "k.key", "x"))]),
    ("config", 0, "shown", lambda p, r: ["config", "--show", str(p)]),
    ("config", 2, "usage error (including an invalid configuration)",
     lambda p, r: ["config", "--show", str(write(p, "c/pyproject.toml", "[tool.aetherlint]\nexlude = 1\n").parent)]),
]
# `server` speaks the Language Server Protocol on stdin and stdout: its statuses happen in
# test_server_units.py (0 after `exit`, 2 without the extra)
ELSEWHERE = {"server": {0: "after the editor's exit notification", 2: "the server extra is not installed"}}
COMMANDS = sorted({case[0] for case in CASES} | set(ELSEWHERE))


def _documented(run, command: str) -> dict[int, str]:
    """`Exit status: 0 …, 1 …, 2 ….` from the command's --help, by status."""
    code, out, _ = run(command, "--help")
    assert code == 0
    text = " ".join(out.split())
    found = re.search(r"Exit status: (.*?)\.(?: |$)", text)
    assert found, f"`aetherlint {command} --help` gives no exit status"
    return {int(n): meaning for n, meaning in re.findall(r"(\d+) (.*?)(?:, (?=\d+ )|$)", found.group(1))}


def test_every_command_is_covered(run) -> None:
    code, out, _ = run("--help")
    listed = re.findall(r"^  (\w+)  ", out.split("Commands:")[1], re.MULTILINE)
    assert sorted(listed) == COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_help_lists_exactly_the_exit_statuses(run, command) -> None:
    expected = {status: meaning for name, status, meaning, _ in CASES if name == command} or ELSEWHERE[command]
    assert _documented(run, command) == expected


@pytest.mark.parametrize(("command", "status", "meaning", "setup"), CASES, ids=lambda v: v if isinstance(v, (str, int)) else "")
def test_exit_status_happens_as_documented(run, tmp_path, command, status, meaning, setup) -> None:
    argv = setup(tmp_path, run)
    code, out, err = run(*argv)
    assert code == status, out + err


def test_group_help_points_to_each_commands_exit_statuses(run) -> None:
    _, out, _ = run("--help")
    assert "every file passed" not in out  # that is `check`'s
    assert "Exit status: see each command's --help" in " ".join(out.split())


# --- Streams that cannot encode the output ---

@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
@pytest.mark.parametrize("mode", [[], ["--json-status"], ["-v", "--emit-error-code"]])
def test_unencodable_path_and_message_never_raise(tmp_path, encoding, mode) -> None:
    write(tmp_path, "☃.aether", "拡張()\n")
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    proc = _aetherlint("check", "--no-cache", *mode, "☃.aether", cwd=tmp_path, env=env)
    assert proc.returncode == 1, proc.stderr.decode(errors="replace")
    assert b"Traceback" not in proc.stderr
    out = proc.stdout.decode(encoding)
    if mode == ["--json-status"]:
        # backslashreplace writes \u2603, which JSON reads back as the character
        assert json.loads(out)["file"] == "☃.aether"
        assert json.loads(out)["message"] == "unexpected character '拡'"  # names are ASCII
    else:
        assert out.splitlines()[0] == r"\u2603.aether:1:1: AE2002 unexpected-character: unexpected character '\u62e1'"


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_unencodable_usage_error_on_stderr(tmp_path, encoding) -> None:
    proc = _aetherlint("classify", "☃-missing", cwd=tmp_path, env={**os.environ, "PYTHONIOENCODING": encoding})
    assert proc.returncode == 2
    # click writes an ASCII stream as UTF-8 (it takes ASCII for a misconfigured locale)
    shown = proc.stderr.decode("utf-8" if encoding == "ascii" else encoding)
    assert shown.replace("\\u2603", "☃") == "aetherlint: error: ☃-missing: not a directory\n"


# --- One of a thing is singular in every human line ---

def test_one_workflow_is_singular_in_every_summary(run, tmp_path) -> None:
    write(tmp_path, "f/a.aether", BAD)
    assert run("check", "f")[1].splitlines()[-1] == (
        "Checked 1 file: 0 passed, 1 failed; 1 finding in 1 file (1 unbalanced-bracket).")
    assert run("classify", "f", "--no-history")[1].startswith("Classified 1 workflow: 1 failing (100.0%), 0 suppressed.")
    assert "\n**1** workflow, **1** failing (100.0%), **0** suppressed." in (tmp_path / "workflow_failures.md").read_text()
    assert run("baseline", "f", "--output", "b.json")[1] == "Baseline of 1 workflow (PARSE_ERROR 1) written to b.json.\n"
    assert run("migrate", "--check", "f")[1] == "Migrate: 1 file scanned, 0 would change, 1 skipped (1 does not parse).\n"


def test_gate_sign_off_is_singular_for_one(run, tmp_path) -> None:
    write(tmp_path, "new.json", '{"by_code": {"INTERNAL_ERROR": 1}, "files": [{"path": "a.aether", "code_name": "INTERNAL_ERROR"}]}')
    code, _, _ = run("gate", "--new", "new.json", "--ref", "missing.json", "--abs-threshold", "1", "--sign-off", "s.md")
    sign_off = (tmp_path / "s.md").read_text(encoding="utf-8")
    assert code == 1
    assert "| internal_errors | ❌ fail | 1 new internal error |" in sign_off
    assert "- Thresholds: more than 1 file and more than 10%" in sign_off


def test_size_limit_of_one_byte_is_singular(run, tmp_path) -> None:
    code, out, _ = run("check", "--json-status", "--max-file-size", "1", str(write(tmp_path, "a.aether", "x\n")))
    assert code == 1
    assert json.loads(out)["message"] == "file too large (2 bytes > 1 byte limit)"
