"""`aetherlint check` as a user runs it: exit codes, output formats, stdin."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from aetherlint.commands import check as check_command
from aetherlint.settings.resolver import Overrides
from conftest import write

GOOD = 'plugin widget {\n    fn spin(w) {\n        log "spin {w.id}"\n    }\n}\n'
BAD = "let total = )\n"


def test_good_file_exits_0(run, tmp_path) -> None:
    path = write(tmp_path, "good.aether", GOOD)
    code, out, err = run("check", str(path))
    assert code == 0
    assert out == "Checked 1 file: all passed.\n"
    assert err == ""


def test_parse_error_output_and_exit_1(run, tmp_path) -> None:
    path = write(tmp_path, "bad.aether", "goal: tidy\nlet total = 3 +\n)\n")
    code, out, _ = run("check", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:3:1: AE2004 unbalanced-bracket: unmatched ')'",
        "    )",
        "    ^",
        "Checked 1 file: 0 passed, 1 failed; 1 finding in 1 file (1 unbalanced-bracket).",
    ]


def test_unexpected_token_message_in_plain_words(run, tmp_path) -> None:
    path = write(tmp_path, "bad.aether", "plugin p {\n    let x = = 2\n}\n")
    code, out, _ = run("check", str(path))
    assert code == 1
    assert out.splitlines()[0] == f"{path}:2:13: AE2001 parse-error: unexpected '=' (expected an expression)"


def test_long_token_is_truncated_to_40_characters(run, tmp_path) -> None:
    long_string = '"' + "x" * 60 + '"'
    path = write(tmp_path, "bad.aether", f"let a = 1 {long_string}\n")
    code, out, _ = run("check", "--json-status", str(path))
    status = json.loads(out)
    assert code == 1
    quoted = status["message"].split("unexpected ")[1].split(" (expected")[0]
    assert len(quoted) <= 42 and quoted.endswith("...'")


def test_directory_is_searched_recursively_and_sorted(run, tmp_path) -> None:
    write(tmp_path, "b/two.aether", GOOD)
    write(tmp_path, "a/one.aether", BAD)
    write(tmp_path, "a/notes.txt", BAD)
    code, out, _ = run("check", "--json-status", str(tmp_path))
    files = [json.loads(line)["file"] for line in out.splitlines()]
    assert code == 1
    assert files == [(tmp_path / "a/one.aether").as_posix(), (tmp_path / "b/two.aether").as_posix()]


def test_json_status_shape(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    path = write(tmp_path, "bad.aether", BAD)
    code, out, _ = run("check", "--json-status", str(path))
    assert code == 1
    status = json.loads(out)
    legacy = {key: status.pop(key) for key in ("ok", "code", "code_name", "file", "phase", "message", "line", "col", "timestamp")}
    assert legacy == {  # the legacy interpreter's fields, unchanged
        "ok": False,
        "code": 20,
        "code_name": "PARSE_ERROR",
        "file": str(path),
        "phase": "parse",
        "message": "unmatched ')'",
        "line": 1,
        "col": 13,
        "timestamp": "1970-01-01T00:00:00Z",
    }
    finding = {
        "rule": "AE2004", "severity": "error", "line": 1, "col": 13, "end_line": 1, "end_col": 14,
        "message": "unmatched ')'", "source": BAD.strip(), "occurrence": 0, "related": [],
        "fix": {"description": "remove the ')' at line 1", "applicability": "unsafe",
                "edits": [{"line": 1, "col": 13, "end_line": 1, "end_col": 14, "text": ""}]},
        "suppressed": None,
    }
    assert status == {  # added fields
        "rule": "AE2004", "rule_name": "unbalanced-bracket", "end_line": 1, "end_col": 14,
        "errors": 1, "warnings": 0, "suppressed": 0, "diagnostics": [finding],
    }


def test_json_status_success(run, tmp_path) -> None:
    path = write(tmp_path, "good.aether", GOOD)
    code, out, _ = run("check", "--json-status", str(path))
    status = json.loads(out)
    assert code == 0
    assert (status["ok"], status["code"], status["code_name"], status["phase"]) == (True, 0, "SUCCESS", "validate")


def test_emit_error_code_per_file(run, tmp_path) -> None:
    good = write(tmp_path, "good.aether", GOOD)
    bad = write(tmp_path, "bad.aether", BAD)
    code, _, err = run("check", "--emit-error-code", "-q", str(good), str(bad))
    assert code == 1
    assert err.splitlines() == ["AETHER_ERROR_CODE:0", "AETHER_ERROR_CODE:20"]


def test_a_missing_path_is_a_warning_not_a_file_result(run, tmp_path) -> None:
    good = write(tmp_path, "good.aether", GOOD)
    code, out, err = run("check", "--json-status", "nope.aether", str(good))
    assert code == 0
    assert [json.loads(line)["file"] for line in out.splitlines()] == [str(good)]
    assert err == "aetherlint: warning: nope.aether: no such file or directory\n"


def test_a_folder_without_workflows_is_a_warning(run, tmp_path) -> None:
    write(tmp_path, "docs/readme.txt", "no workflows here")
    code, out, err = run("check", "docs")
    assert (code, out) == (0, "Checked 0 files: all passed.\n")
    assert err == "aetherlint: warning: docs: no .aether files found\n"


def test_strict_paths_makes_an_unmatched_path_a_usage_error(run, tmp_path) -> None:
    good = write(tmp_path, "good.aether", GOOD)
    (tmp_path / "empty").mkdir()
    code, out, err = run("check", "--strict-paths", str(good), "nope.aether", "empty")
    assert (code, out) == (2, "")  # nothing is checked
    assert err == ("aetherlint: error: nope.aether: no such file or directory; empty: no .aether files found "
                   "(--strict-paths)\n")
    write(tmp_path, "aetherlint.toml", "strict-paths = true\n")
    assert run("check", "nope.aether")[0] == 2


def test_no_paths_is_a_usage_error(run) -> None:
    code, _, err = run("check")
    assert code == 2
    assert err.startswith("aetherlint: error: no paths given")


def test_unknown_option_is_a_usage_error(run) -> None:
    code, _, err = run("check", "--frobnicate")
    assert code == 2
    assert "No such option" in err


def test_help_documents_exit_status(run) -> None:
    code, out, _ = run("check", "--help")
    assert code == 0
    assert "0 every file passed, 1 at least one file failed, 2 usage error" in out


def test_stdin_with_filename(tmp_path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = check_command.run(
        ["-"], stdin_filename=str(tmp_path / "piped.aether"), stdin=io.BytesIO(BAD.encode()), stdout=out, stderr=err
    )
    assert code == 1
    assert out.getvalue().startswith(f"{tmp_path / 'piped.aether'}:1:13: AE2004 unbalanced-bracket")


def test_stdin_through_a_real_process(tmp_path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "aetherlint", "check", "--json-status", "--stdin-filename", "x.aether", "-"],
        input=GOOD.encode(),
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["file"] == "x.aether"


@pytest.mark.parametrize(("env", "coloured"), [({}, False), ({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False)])
def test_colour_follows_no_color_and_force_color(run, tmp_path, monkeypatch, env, coloured) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    path = write(tmp_path, "bad.aether", BAD)
    _, out, _ = run("check", str(path))
    assert ("\x1b[" in out) is coloured


@pytest.mark.parametrize(
    ("option", "env", "coloured"),
    [
        ("always", {}, True),  # not a terminal, still coloured
        ("always", {"NO_COLOR": "1"}, True),  # --color beats the environment
        ("never", {"FORCE_COLOR": "1"}, False),
        ("auto", {"FORCE_COLOR": "1"}, True),
        ("auto", {}, False),
    ],
)
def test_color_option_beats_the_environment(run, tmp_path, monkeypatch, option, env, coloured) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    path = write(tmp_path, "bad.aether", BAD)
    code, out, _ = run("check", "--color", option, str(path))
    assert code == 1
    assert ("\x1b[" in out) is coloured


def test_color_option_takes_only_its_values(run, tmp_path) -> None:
    code, _, err = run("check", "--color", "sometimes", str(write(tmp_path, "a.aether", GOOD)))
    assert code == 2
    assert "'sometimes' is not one of 'auto', 'always', 'never'" in err


def _on_a_terminal(tmp_path, args: list[str], term: str) -> str:
    """What `aetherlint check` prints when its stdout is a terminal (a pseudo-terminal here)."""
    pty = pytest.importorskip("pty")
    import os

    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    proc = subprocess.run(
        [sys.executable, "-m", "aetherlint", "check", *args], stdout=follower, stderr=subprocess.PIPE,
        cwd=tmp_path, env={**env, "TERM": term}, timeout=120,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal has no writer left
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.returncode == 1, proc.stderr
    return b"".join(chunks).decode()


@pytest.mark.parametrize(("term", "args", "coloured"), [
    ("xterm-256color", [], True),
    ("dumb", [], False),  # auto: a dumb terminal shows escape codes as garbage
    ("dumb", ["--color", "always"], True),
])
def test_colour_on_a_terminal_unless_term_is_dumb(tmp_path, term, args, coloured) -> None:
    write(tmp_path, "bad.aether", BAD)
    out = _on_a_terminal(tmp_path, [*args, "bad.aether"], term)
    assert "AE2004" in out
    assert ("\x1b[" in out) is coloured


def test_internal_error_is_contained_to_one_file(tmp_path, monkeypatch) -> None:
    """A crash inside the validator becomes INTERNAL_ERROR for that file; the traceback only with -v."""
    import aetherlint.semantic as semantic

    def explode(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(semantic, "validate", explode)  # simulates a bug, not a mock of behaviour under test
    good = write(tmp_path, "good.aether", GOOD)
    out, err = io.StringIO(), io.StringIO()
    flags = {"json-status": True, "verbose": True, "cache": False}
    code = check_command.run([str(good)], Overrides(flags=flags), stdout=out, stderr=err)
    status = json.loads(out.getvalue())
    assert code == 1
    assert status["code_name"] == "INTERNAL_ERROR"
    assert "Traceback" not in status["message"]
    assert "ZeroDivisionError: boom" in err.getvalue()


def test_a_very_long_line_is_shown_cut_around_the_column(run, tmp_path) -> None:
    path = write(tmp_path, "long.aether", "x = [" + "1, " * 300_000 + "frob(1)]\n")
    code, out, _ = run("check", "--no-cache", str(path))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{path}:1:900006: AE2501 unknown-function: unknown function 'frob'"
    assert lines[1] == "    ..." + ("1, " * 30)[-60:] + "frob(1)]"
    assert lines[2] == "    " + " " * 63 + "^"


def test_summary_counts_every_finding_per_rule(run, tmp_path) -> None:
    write(tmp_path, "a.aether", "escalate_to()\nfrob(1)\nblip(2)\n")
    write(tmp_path, "b.aether", GOOD)
    code, out, _ = run("check", "--no-cache", str(tmp_path))
    assert code == 1
    assert out.splitlines()[-1] == (
        "Checked 2 files: 1 passed, 1 failed; 3 findings in 1 file (2 unknown-function, 1 builtin-arity)."
    )
