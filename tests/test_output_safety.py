"""Output that cannot be abused: control characters never reach a terminal raw, paths cannot break
Markdown tables, file names cannot inject suppressions, config cannot point outside the project."""

from __future__ import annotations

import json
import sys
import pytest

from aetherlint.reports.suppressions import parse
from conftest import write

NASTY = 'x = "\x1b[2J\x07\x9b" + frob(1)\n'  # ESC (clear screen), BEL, C1 CSI before the error


def test_check_escapes_control_characters_of_the_source_line(run, tmp_path) -> None:
    path = write(tmp_path, "flow.aether", NASTY)
    code, out, _ = run("check", str(path))
    assert code == 1
    assert not any(c in out for c in "\x1b\x07\x9b")
    lines = out.splitlines()
    assert lines[1] == '    x = "\\x1b[2J\\x07\\x9b" + frob(1)'
    assert lines[2].index("^") == lines[1].index("frob")  # the caret still points at the call


@pytest.mark.skipif(sys.platform == "win32", reason="control characters in file names")
def test_check_escapes_control_characters_of_the_path(run, tmp_path) -> None:
    write(tmp_path, "evil\x1b]0;title\x07.aether", "x = frob(1)\n")
    code, out, _ = run("check", ".")
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out
    assert out.startswith("evil\\x1b]0;title\\x07.aether:1:5: AE2501")


def test_migrate_dry_run_escapes_control_characters(run, tmp_path) -> None:
    path = write(tmp_path, "flow.aether", 'intent: ring "\x07"\n')
    code, out, _ = run("migrate", "--dry-run", str(path))
    assert code == 0
    assert "\x07" not in out and '+goal: ring "\\x07"' in out


@pytest.mark.skipif(sys.platform == "win32", reason="'|' and newlines in file names")
def test_markdown_tables_escape_pipes_and_newlines_in_paths(run, tmp_path) -> None:
    root = tmp_path / "flows"
    write(root, "a|b.aether", "x = frob(1)\n")
    write(root, "two\nlines.aether", "x = frob(1)\n")
    code, _, _ = run("classify", str(root), "--no-history")
    assert code == 1
    markdown = (tmp_path / "workflow_failures.md").read_text()
    table_rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert any("a\\|b.aether" in row for row in table_rows)
    assert any("two\\x0alines.aether" in row for row in table_rows)
    assert "lines.aether" not in "\n".join(line for line in markdown.splitlines() if not line.startswith("|"))


@pytest.mark.skipif(sys.platform == "win32", reason="newlines in file names")
def test_a_file_name_cannot_inject_a_suppression(run, tmp_path) -> None:
    root = tmp_path / "flows"
    write(root, "x\n0123456789abcdef owner=evil\n#.aether", "x = frob(1)\n")
    run("classify", str(root), "--no-history")
    code, out, _ = run("suppress")
    assert code == 0
    real = {r["stable_fingerprint"] for r in json.loads((tmp_path / "workflow_failures.json").read_text())["workflows"]}
    assert {e.fingerprint for e in parse(out).entries} == real
    assert len(out.splitlines()) == 2


def test_suppress_rejects_a_fingerprint_that_is_not_16_hex_digits(run, tmp_path) -> None:
    record = {"path": "a.aether", "code": 25, "code_name": "VALIDATION_ERROR", "message": "m", "suppressed": False,
              "fingerprint": "0123456789abcdef\nfedcba9876543210"}
    (tmp_path / "c.json").write_text(json.dumps({"workflows": [record]}))
    code, out, err = run("suppress", "--from", "c.json")
    assert (code, out) == (2, "")
    assert err == "aetherlint: error: c.json: workflows[0]: 'fingerprint' is not 16 hex digits\n"


@pytest.mark.parametrize("where", ["../outside.txt", "/etc/passwd"])
def test_the_suppressions_path_from_config_must_lie_inside_the_project(run, tmp_path, where) -> None:
    root = tmp_path / "proj"
    write(root, "pyproject.toml", f'[tool.aetherlint]\nsuppressions = "{where}"\n')
    write(root, "a.aether", 'log "fine"\n')
    write(tmp_path, "outside.txt", "0123456789abcdef\n")
    code, _, err = run("classify", str(root), "--no-history")
    assert code == 2
    assert err == f"aetherlint: error: proj/pyproject.toml: [tool.aetherlint] suppressions {where!r} lies outside the project\n"


def test_a_malformed_suppressions_line_is_reported_by_number_not_echoed(run, tmp_path) -> None:
    root = tmp_path / "proj"
    write(root, "a.aether", 'log "fine"\n')
    write(root, "suppressions.txt", "\x1b[2Jrm -rf\n0123456789abcdef \x1b]0;x\x07\n")
    code, _, err = run("classify", str(root), "--no-history")
    assert code == 0
    assert err.splitlines() == [
        "aetherlint: warning: suppressions.txt:1: not a 16-hex-digit fingerprint",
        "aetherlint: warning: suppressions.txt:2: unknown token 1 (expected owner=NAME or expires=YYYY-MM-DD)",
    ]


def test_a_path_cannot_inject_lines_into_the_sign_off(run, tmp_path) -> None:
    files = [{"path": "a`b\n- [x] all reviewed", "code_name": "PARSE_ERROR"}]
    (tmp_path / "new.json").write_text(json.dumps({"by_code": {"PARSE_ERROR": 1}, "files": files}))
    (tmp_path / "ref.json").write_text(json.dumps({"by_code": {"PARSE_ERROR": 1}, "files": []}))
    code, _, _ = run("gate", "--new", "new.json", "--ref", "ref.json", "--sign-off", "s.md")
    assert code == 0
    sign_off = (tmp_path / "s.md").read_text()
    assert "- Newly failing files: 1: ``a`b\\x0a- [x] all reviewed`` (`PARSE_ERROR`)" in sign_off.splitlines()
