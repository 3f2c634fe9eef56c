"""`check` under a policy: inline and listed suppressions, AE2901, rule selection, what fails."""

from __future__ import annotations

import json

import pytest

from conftest import write

UNKNOWN = "x = frob(1)  # aetherlint: ignore[AE2501] injected by the host\ny = frob(2)\n"


def test_an_inline_suppression_hides_its_line_only(run, tmp_path) -> None:
    path = write(tmp_path, "a.aether", UNKNOWN)
    code, out, _ = run("check", str(path))
    assert code == 1
    assert "a.aether:2:5: AE2501" in out and "a.aether:1:" not in out
    assert out.splitlines()[-1] == "Checked 1 file: 0 passed, 1 failed (1 suppressed); 1 finding in 1 file (1 unknown-function)."


@pytest.mark.parametrize("selector", ["AE2501", "unknown-function", "AE25", "VALIDATION_ERROR", "AE2501, AE2502"])
def test_selectors_in_comments(run, tmp_path, selector) -> None:
    path = write(tmp_path, "a.aether", f"x = frob(1)  # aetherlint: ignore[{selector}]\n")
    assert run("check", str(path))[0] == 0


def test_slash_comments_bare_ignore_and_ignore_file(run, tmp_path) -> None:
    write(tmp_path, "a.aether", "x = frob(1)  // aetherlint: ignore[AE2501]\n")
    write(tmp_path, "b.aether", "x = frob(1)  # aetherlint: ignore\n")
    write(tmp_path, "c.aether", "# aetherlint: ignore-file[unknown-function] generated\nx = frob(1)\ny = zap(2)\n")
    code, out, _ = run("check", str(tmp_path))
    assert code == 0, out
    assert out.splitlines()[-1] == "Checked 3 files: all passed (4 suppressed)."


def test_a_directive_inside_a_string_is_not_one(run, tmp_path) -> None:
    path = write(tmp_path, "a.aether", 'x = frob("# aetherlint: ignore[AE2501]")\n')
    code, out, _ = run("check", str(path))
    assert code == 1 and "AE2501" in out and "AE2901" not in out


def test_ignore_file_only_in_the_first_ten_lines(run, tmp_path) -> None:
    path = write(tmp_path, "a.aether", "\n" * 10 + "# aetherlint: ignore-file[AE2501]\nx = frob(1)\n")
    assert run("check", str(path))[0] == 1


def test_unused_suppressions_are_warnings_or_errors_with_strict(run, tmp_path) -> None:
    path = write(tmp_path, "a.aether", "x = 1  # aetherlint: ignore[AE2501]\ny = 2  # aetherlint: ignore[AE9999]\n")
    code, out, _ = run("check", str(path))
    assert code == 0
    assert "a.aether:1:8: AE2901 unused-suppression (warning): unused suppression: no finding of AE2501 on this line" in out
    assert "unknown rule or code 'AE9999'" in out
    code, out, _ = run("check", "--strict-suppressions", str(path))
    assert code == 1 and "AE2901 unused-suppression: unused" in out


def test_no_suppressions_disregards_inline_and_listed(run, tmp_path) -> None:
    path = write(tmp_path, "a.aether", UNKNOWN)
    (tmp_path / "pyproject.toml").write_text("[tool.aetherlint]\n")
    code, out, _ = run("check", "--no-suppressions", str(path))
    assert code == 1 and out.count(": AE2501 ") == 2 and "AE2901" not in out


def test_a_listed_stable_fingerprint_suppresses_in_check(run, tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.aetherlint]\n")
    path = write(tmp_path, "flows/a.aether", "x = frob(1)\n")
    _, out, _ = run("check", "--json-status", str(path))
    from aetherlint.reports.fingerprints import stable_fingerprint

    (diag,) = json.loads(out)["diagnostics"]
    entry = stable_fingerprint("VALIDATION_ERROR", diag["source"], diag["occurrence"])
    write(tmp_path, "suppressions.txt", f"{entry}  # accepted\n")
    write(tmp_path, "flows/b.aether", "\n\nx = frob(1)\n")  # the same line, moved down: same entry
    code, out, _ = run("check", "--json-status", str(path), str(tmp_path / "flows" / "b.aether"))
    statuses = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [s["suppressed"] for s in statuses] == [1, 1]
    assert statuses[0]["diagnostics"][0]["suppressed"] == "external"


def test_select_ignore_and_extend_select(run, tmp_path) -> None:
    path = write(tmp_path, "a.aether", "escalate_to()\nx = frob(1)\n")
    assert run("check", "--ignore", "AE2501,AE2502", str(path))[0] == 0
    code, out, _ = run("check", "--select", "builtin-arity", str(path))
    assert code == 1 and "AE2502" in out and "AE2501" not in out
    code, out, _ = run("check", "--select", "AE2502", "--extend-select", "AE2501", str(path))
    assert "AE2502" in out and "AE2501" in out
    assert run("check", "--select", "AE2501", str(write(tmp_path, "p.aether", "let x = )\n")))[0] == 1  # parse errors stay


def test_an_unknown_selector_is_a_usage_error(run, tmp_path) -> None:
    path = write(tmp_path, "a.aether", "x = 1\n")
    code, _, err = run("check", "--ignore", "unknown-functon", str(path))
    assert code == 2 and err == "aetherlint: error: --ignore names no rule: 'unknown-functon' (did you mean 'unknown-function'?)\n"


def test_exit_zero_and_severity_threshold(run, tmp_path) -> None:
    bad = write(tmp_path, "bad.aether", "x = frob(1)\n")
    warned = write(tmp_path, "warned.aether", "function f(x):\n    return x + nowhere\n")
    assert run("check", "--exit-zero", str(bad))[0] == 0
    assert run("check", str(warned))[0] == 0
    assert run("check", "--severity-threshold", "warning", str(warned))[0] == 1


def test_statistics_table(run, tmp_path) -> None:
    path = write(tmp_path, "a.aether", UNKNOWN + "z = zap(3)\n")
    code, out, _ = run("check", "--statistics", str(path))
    rows = [line.split() for line in out.splitlines() if "AE2501" in line and ":" not in line]
    assert code == 1 and rows == [["2", "AE2501", "unknown-function", "error"], ["1", "AE2501", "unknown-function", "error", "suppressed"]]


def test_classify_reports_show_what_its_suppressions_suppress(run, tmp_path) -> None:
    write(tmp_path, "flows/a.aether", "x = frob(1)\n")
    write(tmp_path, "flows/b.aether", "y = zap(1)  # aetherlint: ignore[AE2501]\n")
    run("classify", "flows", "--no-history")
    record = json.loads((tmp_path / "workflow_failures.json").read_text())["workflows"][0]
    write(tmp_path, "flows/suppressions.txt", f"{record['stable_fingerprint']}\n")
    code, _, _ = run("classify", "flows", "--no-history", "--sarif", "out.sarif")
    results = json.loads((tmp_path / "out.sarif").read_text())["runs"][0]["results"]
    assert code == 0
    assert sorted(r["suppressions"][0]["kind"] for r in results) == ["external", "inSource"]


def test_rule_settings_come_from_configuration_too(run, tmp_path) -> None:
    write(tmp_path, "aetherlint.toml", 'ignore = ["unknown-function"]\nseverity-threshold = "warning"\n'
                                       '[[per-file]]\npaths = ["legacy/**"]\nignore = ["AE2502"]\n')
    write(tmp_path, "new/a.aether", "x = frob(1)\nescalate_to()\n")
    write(tmp_path, "legacy/b.aether", "x = frob(1)\nescalate_to()\n")
    write(tmp_path, "warned.aether", "function f(x):\n    return x + nowhere\n")
    code, out, _ = run("check", "new", "legacy")
    assert code == 1 and "new/a.aether:2:1: AE2502" in out and "legacy/b.aether" not in out and "AE2501" not in out
    assert run("check", "warned.aether")[0] == 1  # severity-threshold = "warning"
    assert run("check", "--config", 'severity-threshold="error"', "warned.aether")[0] == 0


def test_the_option_table_lists_every_report_format() -> None:
    from aetherlint.reports.formats import CHOICES
    from aetherlint.settings.options import FORMATS

    assert FORMATS == CHOICES


def test_classify_selection_makes_files_pass_not_suppressed(run, tmp_path) -> None:
    write(tmp_path, "flows/a.aether", "x = frob(1)\n")
    code, _, _ = run("classify", "flows", "--no-history", "--ignore", "AE2501")
    (record,) = json.loads((tmp_path / "workflow_failures.json").read_text())["workflows"]
    assert code == 0 and (record["category"], record["suppressed"]) == ("OK", False)


def test_the_readme_suppression_example_passes(run, tmp_path) -> None:
    from readme import code_blocks, section

    example = next(b for b in code_blocks(section("### Suppressing and selecting findings")) if "ignore[AE2501]" in b)
    path = write(tmp_path, "flows/a.aether", example)
    code, out, _ = run("check", str(path))
    assert code == 0 and "(1 suppressed)" in out
