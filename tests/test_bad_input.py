"""Every bad input is exit status 2 (or a warning where the run can go on) and one line, never a
traceback or a silently wrong result. Each case here was reproduced against an earlier version."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from conftest import write


def one_line_error(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("aetherlint: error: "), err
    return lines[0].removeprefix("aetherlint: error: ")


def baseline_file(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return str(tmp_path / name)


# ---- gate --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "reason"), [
    ("[" * 100_000 + "]" * 100_000, "not JSON (nested too deeply)"),
    ('{"by_code": {"PARSE_ERROR": ' + "9" * 5000 + "}}", "not JSON (a number too long)"),
    ('{"by_code": {"PARSE_ERROR": NaN}}', "not JSON (NaN is not a JSON number)"),
    ('{"by_code": {}, "files": 5}', "'files' must be a list"),
    ('{"by_code": {}, "files": [{"path": "\\ud800", "code_name": "PARSE_ERROR"}]}',
     "files[0]: 'path' is not valid Unicode (a lone surrogate)"),
])
def test_gate_bad_baselines(run, tmp_path, content, reason) -> None:
    new = baseline_file(tmp_path, "new.json", content)
    ref = baseline_file(tmp_path, "ref.json", '{"by_code": {}}')
    code, out, err = run("gate", "--new", new, "--ref", ref, "--sign-off", "s.md")
    assert (code, out) == (2, "")
    assert one_line_error(err) == f"new baseline {new}: {reason}"


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_gate_rel_threshold_must_be_a_finite_number(run, tmp_path, value) -> None:
    new = baseline_file(tmp_path, "new.json", '{"by_code": {"PARSE_ERROR": 100}}')
    ref = baseline_file(tmp_path, "ref.json", '{"by_code": {"PARSE_ERROR": 0}}')
    code, out, err = run("gate", "--new", new, "--ref", ref, "--rel-threshold", value)
    assert (code, out) == (2, "")
    assert one_line_error(err) == "--abs-threshold and --rel-threshold must be finite and not negative"


# ---- classify and baseline options -------------------------------------------------------------


@pytest.mark.parametrize("command", ["classify", "baseline"])
@pytest.mark.parametrize("value", ["nan", "inf", "0", "-1"])
def test_timeout_must_be_a_positive_finite_number(run, tmp_path, command, value) -> None:
    code, _, err = run(command, str(tmp_path), "--timeout", value)
    assert code == 2
    assert one_line_error(err) == "--timeout must be a number of seconds above 0 and at most 86400"


def test_jobs_far_above_the_cpu_count_are_clamped_with_a_warning(run, tmp_path) -> None:
    write(tmp_path, "flows/a.aether", 'log "fine"\n')
    code, _, err = run("classify", str(tmp_path / "flows"), "--no-history", "--jobs", "100000")
    assert code == 0
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert err == f"aetherlint: warning: --jobs 100000 is more than 4 per CPU ({cpus}); using {4 * cpus}\n"


# ---- suppress ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "reason"), [
    ('{"workflows": ' + "[" * 100_000 + "]" * 100_000 + "}", "not JSON (nested too deeply)"),
    ('{"workflows": [{"code": 20, "fingerprint": ["0123456789abcdef"], "path": "a"}]}',
     "workflows[0]: 'fingerprint' is not 16 hex digits"),
    ('{"workflows": [{"code": 20, "fingerprint": "0123456789abcdef", "code_name": "X"}]}',
     "workflows[0]: 'path' is not a string"),
    ("\xff{", "not JSON (Expecting value at line 1)"),
])
def test_suppress_on_nested_or_malformed_json(run, tmp_path, content, reason) -> None:
    (tmp_path / "c.json").write_text(content, encoding="utf-8")
    code, out, err = run("suppress", "--from", "c.json")
    assert (code, out) == (2, "")
    assert one_line_error(err) == f"c.json: {reason}"


@pytest.mark.parametrize("value", ["20270131", "2027-W05-1", "2027-1-31", "2027-02-30"])
def test_expires_must_be_yyyy_mm_dd(run, tmp_path, value) -> None:
    from aetherlint.reports.suppressions import parse

    assert parse(f"0123456789abcdef expires={value}\n").problems == ["suppressions.txt:1: expires must be YYYY-MM-DD"]
    code, _, err = run("suppress", "--expires", value)
    assert code == 2 and one_line_error(err) == f"--expires must be YYYY-MM-DD, got {value!r}"


# ---- the clock ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["--5", "99999999999999999999", "253402300800", "garbage", "-5", "1.5"])
def test_a_bad_source_date_epoch_is_one_warning_and_the_clock(run, tmp_path, monkeypatch, value) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    path = write(tmp_path, "a.aether", 'log "fine"\n')
    code, out, err = run("check", "--json-status", str(path))
    assert code == 0
    assert err == (f"aetherlint: warning: SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds from 0 "
                   "to 253402300799; using the clock\n")
    assert json.loads(out)["timestamp"][:4] == time.strftime("%Y", time.gmtime())


def test_the_largest_source_date_epoch_is_accepted(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    write(tmp_path, "flows/a.aether", 'log "fine"\n')
    code, _, err = run("classify", "flows")
    assert (code, err) == (0, "")
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    assert doc["summary"]["timestamp"] == "9999-12-31T23:59:59Z"


# ---- configuration, working directory, cache, log ----------------------------------------------


@pytest.mark.parametrize(("toml", "reason"), [
    ("tool = 5\n", "[tool] must be a table"),
    ("[tool]\naetherlint = 5\n", "[tool.aetherlint] must be a table"),
])
def test_pyproject_tool_that_is_not_a_table(run, tmp_path, toml, reason) -> None:
    write(tmp_path, "pyproject.toml", toml)
    path = write(tmp_path, "a.aether", 'log "fine"\n')
    code, _, err = run("check", str(path))
    assert code == 2
    assert one_line_error(err) == f"pyproject.toml: {reason}"  # shown relative to the current folder


def test_check_in_a_deleted_current_directory(run, tmp_path) -> None:
    path = write(tmp_path, "a.aether", 'log "fine"\n')
    gone = tmp_path / "gone"
    gone.mkdir()
    os.chdir(gone)
    os.rmdir(gone)
    code, _, err = run("check", str(path))
    assert code == 2
    assert one_line_error(err) == "the current directory no longer exists"


@pytest.mark.parametrize("kind", ["file", "symlink"])
def test_clean_when_the_cache_is_not_a_directory(run, tmp_path, kind) -> None:
    cache = tmp_path / ".aetherlint_cache"
    precious = write(tmp_path, "precious/data.txt", "keep me")
    if kind == "file":
        cache.write_text("not a cache")
    elif sys.platform == "win32":
        pytest.skip("symlinks need privileges on Windows")
    else:
        cache.symlink_to(precious.parent)
    code, out, err = run("clean", str(tmp_path))
    assert (code, out) == (2, "")
    what = "a symbolic link" if kind == "symlink" else "a regular file"
    assert one_line_error(err) == f"{cache}: not a cache directory ({what}); left alone"
    assert precious.read_text() == "keep me" and os.path.lexists(cache)


@pytest.mark.parametrize("where", ["a-file/classify.log", "a-directory"])
def test_a_log_file_that_cannot_be_opened_is_one_warning(run, tmp_path, where) -> None:
    write(tmp_path, "flows/a.aether", 'log "fine"\n')
    write(tmp_path, "flows/suppressions.txt", "bogus\n")  # something to log
    write(tmp_path, "a-file", "")
    (tmp_path / "a-directory").mkdir()
    code, out, err = run("classify", "flows", "--no-history", "--log-file", where)
    assert code == 0 and out.startswith("Classified 1 workflow:")
    assert "Traceback" not in err and "Logging error" not in err
    warnings = [line for line in err.splitlines() if "log" in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"aetherlint: warning: {where}: cannot write the log (")
