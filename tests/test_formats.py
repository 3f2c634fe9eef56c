"""Output formats of `check` and `classify` (--output-format, -o, --sarif, --junit), through the
real CLI on real files, and the renderers on results built by hand where the CLI cannot produce
the case yet (suppressed findings, info severity, line breaks in messages)."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, unquote

import junitparser
import pytest

from conftest import FIXTURES, write
from sarif_schema import schema, validate, validate_file

from aetherlint.codes import code_name
from aetherlint.diagnostic import Diagnostic, Edit, Fix
from aetherlint.reports.fingerprints import stable_fingerprint
from aetherlint.reports.formats import CHOICES, render
from aetherlint.reports.formats.report import build
from aetherlint.result import FileResult
from aetherlint.rules import RULES

EPOCH = "1800000000"
STAMP = "2027-01-15T08:00:00Z"
UNKNOWN = 'fn main() {\n    frobnicate(1)\n}\n'  # AE2501 at 2:5
UNCLOSED = 'fn main() {\n    log "a"\n'  # AE2004 with a fix and a related place
WARNING = "define spin(w):\n    return wheel * w\n"  # AE2503 as a warning at 2:12
CLEAN = 'log "ok"\n'


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _corpus(tmp_path: Path) -> None:
    write(tmp_path, "flows/unknown.aether", UNKNOWN)
    write(tmp_path, "flows/unclosed.aether", UNCLOSED)
    write(tmp_path, "flows/warn.aether", WARNING)
    write(tmp_path, "flows/clean.aether", CLEAN)


def _report(results: list[FileResult], command: str = "check", root: str = "/project"):
    return build(command, results, 1, STAMP, root, "Checked it.")


def _diag(rule: str, line: int = 1, col: int = 1, message: str = "m", **fields) -> Diagnostic:
    fields.setdefault("severity", RULES[rule].severity)
    return Diagnostic(rule, line, col, message, **fields)


# --- every format -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", CHOICES)
def test_exit_status_does_not_depend_on_the_format(run, tmp_path, fmt) -> None:
    _corpus(tmp_path)
    assert run("check", "flows", "--output-format", fmt)[0] == 1
    assert run("check", "flows/clean.aether", "flows/warn.aether", "--output-format", fmt)[0] == 0


@pytest.mark.parametrize("fmt", [f for f in CHOICES if f != "text"])
def test_output_file_gets_the_report_and_stdout_keeps_the_text(run, tmp_path, fmt) -> None:
    _corpus(tmp_path)
    code, to_stdout, _ = run("check", "flows", "--output-format", fmt)
    code_file, text, err = run("check", "flows", "--output-format", fmt, "-o", "report.out")
    assert (code, code_file, err) == (1, 1, "")
    assert (tmp_path / "report.out").read_text(encoding="utf-8") == to_stdout
    assert text == run("check", "flows")[1]  # the usual text, the report went to the file
    assert run("check", "flows", "--output-format", fmt, "-o", "-")[1] == to_stdout


def test_text_to_an_output_file(run, tmp_path) -> None:
    _corpus(tmp_path)
    _, expected, _ = run("check", "flows")
    code, out, _ = run("check", "flows", "-o", "report.txt")
    assert (code, out) == (1, "")
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == expected


def test_output_file_replaces_an_existing_one_and_refuses_a_folder(run, tmp_path) -> None:
    _corpus(tmp_path)
    (tmp_path / "r.json").write_text("old and much longer than the new report" * 1000)
    assert run("check", "flows", "--output-format", "json", "-o", "r.json")[0] == 1
    assert json.loads((tmp_path / "r.json").read_text())["version"] == 1
    (tmp_path / "folder.sarif").mkdir()
    code, out, err = run("check", "flows", "--sarif", "folder.sarif")
    assert (code, out) == (2, "")  # checked before any work
    assert "not a regular file (a directory)" in err


@pytest.mark.parametrize(
    "args",
    [
        ("--output-format", "json", "--sarif", "-"),
        ("--output-format", "sarif", "--json-status"),
        ("--sarif", "same.xml", "--junit", "same.xml"),
        ("--output-format", "json", "-o", "same.xml", "--junit", "same.xml"),
    ],
)
def test_two_reports_in_one_place_is_a_usage_error(run, tmp_path, args) -> None:
    _corpus(tmp_path)
    code, out, err = run("check", "flows", *args)
    assert (code, out) == (2, "")
    assert "aetherlint: error:" in err and not (tmp_path / "same.xml").exists()


def test_json_status_with_a_format_written_to_a_file(run, tmp_path) -> None:
    _corpus(tmp_path)
    code, out, _ = run("check", "flows", "--json-status", "--output-format", "sarif", "-o", "r.sarif")
    assert code == 1
    assert [json.loads(line)["file"] for line in out.splitlines()][0] == "flows/clean.aether"
    validate_file(tmp_path / "r.sarif")


def test_unknown_format_is_a_click_choice_error(run, tmp_path) -> None:
    _corpus(tmp_path)
    code, out, err = run("check", "flows", "--output-format", "xml")
    assert (code, out) == (2, "")
    assert "Invalid value for '--output-format'" in err and "'junit'" in err
    assert run("classify", "flows", "--no-history", "--output-format", "xml")[0] == 2


def test_one_run_writes_every_sink(run, tmp_path) -> None:
    _corpus(tmp_path)
    code, out, _ = run("check", "flows", "--output-format", "github", "--sarif", "a.sarif", "--junit", "a.xml")
    assert code == 1
    assert out.startswith("::error file=flows/unclosed.aether,")
    assert len(validate_file(tmp_path / "a.sarif")["runs"][0]["results"]) == 3
    assert ET.parse(tmp_path / "a.xml").getroot().find("testsuite").get("failures") == "2"


# --- concise, json, jsonl ---------------------------------------------------------------------


def test_concise(run, tmp_path) -> None:
    _corpus(tmp_path)
    code, out, _ = run("check", "flows", "--output-format", "concise")
    assert code == 1
    assert out.splitlines() == [
        "flows/unclosed.aether:2:12: AE2004 unbalanced-bracket: '{' opened at line 1 is never closed: "
        "insert '}' at the end of the file (its block runs to the last line)",
        "flows/unknown.aether:2:5: AE2501 unknown-function: unknown function 'frobnicate'",
        "flows/warn.aether:2:12: AE2503 undefined-name (warning): undefined name 'wheel'",
        "Checked 4 files: 2 passed, 2 failed; 3 findings (1 warning) in 3 files (1 unbalanced-bracket, "
        "1 undefined-name, 1 unknown-function).",
    ]
    assert run("check", "flows", "--output-format", "concise", "-q")[1] == out.split("Checked")[0]


def test_json_document(run, tmp_path) -> None:
    _corpus(tmp_path)
    code, out, _ = run("check", "flows/warn.aether", "flows/unknown.aether", "--output-format", "json")
    document = json.loads(out)
    assert code == 1
    assert list(document) == ["version", "results", "summary"]
    assert [r["path"] for r in document["results"]] == ["flows/unknown.aether", "flows/warn.aether"]  # sorted
    first = document["results"][0]
    assert (first["code"], first["code_name"], first["phase"]) == (25, "VALIDATION_ERROR", "validate")
    assert first["diagnostics"][0]["rule"] == "AE2501" and first["diagnostics"][0]["end_col"] == 15
    assert document["summary"] == {
        "files": 2, "passed": 1, "failed": 1, "errors": 1, "warnings": 1, "infos": 0, "suppressed": 0,
        "by_rule": {"AE2501": 1, "AE2503": 1}, "exit_code": 1, "command": "check", "timestamp": STAMP,
        "tool_version": document["summary"]["tool_version"],
    }


def test_jsonl_is_the_json_status_shape_in_path_order(run, tmp_path) -> None:
    _corpus(tmp_path)
    _, status, _ = run("check", "flows/warn.aether", "flows/clean.aether", "--json-status")
    _, lines, _ = run("check", "flows/warn.aether", "flows/clean.aether", "--output-format", "jsonl")
    assert lines.splitlines() == sorted(status.splitlines(), key=lambda line: json.loads(line)["file"])
    assert json.loads(lines.splitlines()[0])["timestamp"] == STAMP


# --- SARIF ------------------------------------------------------------------------------------


def test_sarif_log(run, tmp_path) -> None:
    _corpus(tmp_path)
    code, out, _ = run("check", "flows", "--output-format", "sarif")
    log = validate(out)
    assert code == 1
    assert log["version"] == "2.1.0" and log["$schema"] == schema()["id"]
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert (driver["name"], driver["informationUri"]) == ("aetherlint", "https://aetherlint.invalid/docs")
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    undefined = driver["rules"][list(RULES).index("AE2503")]
    assert undefined["defaultConfiguration"]["level"] == RULES["AE2503"].severity
    assert undefined["shortDescription"]["text"] == RULES["AE2503"].summary
    assert "AE2503 undefined-name" in undefined["help"]["text"] and undefined["help"]["markdown"]
    assert sarif_run["automationDetails"]["id"] == "aetherlint/check/"
    assert sarif_run["invocations"] == [{"executionSuccessful": True, "exitCode": 1}]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    unclosed, unknown, warn = sarif_run["results"]
    assert [r["ruleId"] for r in (unclosed, unknown, warn)] == ["AE2004", "AE2501", "AE2503"]
    assert all(driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in sarif_run["results"])
    assert [r["level"] for r in (unclosed, unknown, warn)] == ["error", "error", "warning"]
    location = unknown["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "flows/unknown.aether", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 2, "startColumn": 5, "endLine": 2, "endColumn": 15}
    assert unknown["message"]["text"] == "unknown function 'frobnicate'"
    assert unknown["partialFingerprints"] == {
        "aetherlint/v1": stable_fingerprint("VALIDATION_ERROR", "frobnicate(1)", 0)}
    assert unclosed["relatedLocations"] == [{
        "id": 1, "message": {"text": "'{' opened here"},
        "physicalLocation": {"artifactLocation": {"uri": "flows/unclosed.aether", "uriBaseId": "%SRCROOT%"},
                             "region": {"startLine": 1, "startColumn": 11}}}]
    (fix,) = unclosed["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["replacements"] == [{"deletedRegion": {"startLine": 3, "startColumn": 1, "endLine": 3,
                                                         "endColumn": 1}, "insertedContent": {"text": "}\n"}}]
    assert "suppressions" not in unknown


def test_sarif_extra_sink_of_classify(run, tmp_path) -> None:
    _corpus(tmp_path)
    code, out, _ = run("classify", "flows", "--no-history", "--sarif", "c.sarif")
    assert code == 1 and out.startswith("Classified 4 workflows")
    (sarif_run,) = validate_file(tmp_path / "c.sarif")["runs"]
    assert sarif_run["automationDetails"]["id"] == "aetherlint/classify/"
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif_run["results"]]
    assert uris == ["flows/unclosed.aether", "flows/unknown.aether", "flows/warn.aether"]  # from the cwd


@pytest.mark.parametrize("name", ["with space/a b.aether", "hash#1.aether", "per%cent.aether", "café/ünï.aether",
                                  "colon:first.aether", "que?ry.aether"])
def test_sarif_uris_are_percent_encoded(run, tmp_path, name) -> None:
    write(tmp_path, f"flows/{name}", UNKNOWN)
    _, out, _ = run("check", "flows", "--output-format", "sarif")
    (result,) = validate(out)["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "flows/" + quote(name, safe="/")
    assert unquote(uri) == f"flows/{name}" and " " not in uri and "#" not in uri and uri.isascii()


def test_sarif_root_and_files_outside_it(run, tmp_path, monkeypatch) -> None:
    write(tmp_path, "outside/x y.aether", UNKNOWN)
    (tmp_path / "project dir#1").mkdir()
    monkeypatch.chdir(tmp_path / "project dir#1")
    _, out, _ = run("check", "../outside/x y.aether", "--output-format", "sarif")
    (sarif_run,) = validate(out)["runs"]
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/project%20dir%231/")
    (result,) = sarif_run["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": (tmp_path / "outside" / "x y.aether").as_uri()}


def test_sarif_result_at_line_1_for_a_file_that_cannot_be_read(run, tmp_path) -> None:
    (tmp_path / "latin1.aether").write_bytes(b"caf\xe9\n")
    code, out, _ = run("check", "latin1.aether", "--output-format", "sarif")
    (result,) = validate(out)["runs"][0]["results"]
    assert code == 1 and result["ruleId"] == "AE2603"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_sarif_suppressed_results_are_kept_with_their_kind() -> None:
    results = [FileResult("a.aether", 0, "validate", (
        _diag("AE2501", 2, 5, "unknown function 'f'", suppressed="inSource", source="f(1)"),
        _diag("AE2501", 3, 5, "unknown function 'g'", suppressed="external", source="g(1)"),
        _diag("AE2503", 4, 1, "undefined name 'x'", severity="info"),
    ))]
    (sarif_run,) = validate(render("sarif", _report(results)))["runs"]
    inline, external, info = sarif_run["results"]
    assert inline["suppressions"] == [{"kind": "inSource"}] and external["suppressions"] == [{"kind": "external"}]
    assert info["level"] == "note" and "suppressions" not in info
    assert inline["partialFingerprints"]["aetherlint/v1"] == stable_fingerprint(code_name(25), "f(1)", 0)


def test_sarif_of_the_bundled_corpus(run, tmp_path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    code, _, _ = run("check", "fixtures", "--sarif", "corpus.sarif")
    (sarif_run,) = validate_file(tmp_path / "corpus.sarif")["runs"]
    assert code == 1 and len(sarif_run["results"]) == sum(1 for r in sarif_run["results"] if r["level"] == "error")
    assert {r["ruleId"] for r in sarif_run["results"]} >= {"AE2001", "AE2004", "AE2501", "AE2602", "AE2603"}


def test_sarif_of_a_folder_and_a_multi_line_fix() -> None:
    fix = Fix("replace", (Edit(1, 1, 3, 2, "x\n"), Edit(4, 1, 4, 1, "")), "unsafe")
    results = [FileResult("b.aether", 20, "parse", (_diag("AE2004", 1, 1, "m", end_line=3, end_col=2, fix=fix),)),
               FileResult("dir/", 26, "read", (_diag("AE2606", 1, 1, "cannot list"),))]
    (sarif_run,) = validate(render("sarif", _report(results)))["runs"]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif_run["results"]] == \
        ["b.aether", "dir/"]
    assert sarif_run["results"][0]["fixes"][0]["properties"] == {"applicability": "unsafe"}


# --- GitHub -----------------------------------------------------------------------------------


def test_github_annotations_escape_message_and_file_name(run, tmp_path) -> None:
    name = "we:ird,na%me\r\nx.aether"
    write(tmp_path, name, "%%%\n")  # unexpected '%' (expected an expression, end of line or end of file)
    code, out, _ = run("check", ".", "--output-format", "github")
    assert code == 1
    annotation = out.splitlines()[0]
    assert annotation == (
        "::error file=we%3Aird%2Cna%25me%0D%0Ax.aether,line=1,col=1,endLine=1,endColumn=2,"
        "title=AE2001 parse-error::unexpected '%25' (expected an expression, end of line or end of file)")


def test_github_escapes_line_breaks_in_messages() -> None:
    results = [FileResult("a,b.aether", 25, "validate", (_diag("AE2501", 1, 1, "one\r\ntwo: 100%, \x1b[2J"),))]
    out = render("github", _report(results))
    assert out.splitlines()[0] == ("::error file=a%2Cb.aether,line=1,col=1,endLine=1,endColumn=2,"
                                   "title=AE2501 unknown-function::one%0D%0Atwo: 100%25, \\x1b[2J")


def test_github_multi_line_finding_has_no_columns() -> None:
    results = [FileResult("a.aether", 20, "parse", (_diag("AE2004", 2, 3, "m", end_line=5, end_col=1),))]
    assert render("github", _report(results)).startswith(
        "::error file=a.aether,line=2,endLine=5,title=AE2004 unbalanced-bracket::m\n")


def test_github_shows_ten_errors_and_ten_warnings_most_important_first(run, tmp_path) -> None:
    for i in range(12):
        write(tmp_path, f"flows/a{i:02}_unknown.aether", UNKNOWN)
    for i in range(13):
        write(tmp_path, f"flows/w{i:02}.aether", WARNING)
    write(tmp_path, "flows/z_parse.aether", "let total = )\n")
    write(tmp_path, "flows/zz_io.aether", b"log \"caf\xe9\"\n")
    code, out, _ = run("check", "flows", "--output-format", "github")
    lines = out.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert code == 1 and (len(errors), len(warnings)) == (10, 10)
    assert errors[0].startswith("::error file=flows/z_parse.aether,")  # parse errors before validation
    assert all("AE2501" in line for line in errors[1:]) and "flows/a00_unknown" in errors[1]
    assert lines[20] == ("::notice::aetherlint: 4 more errors and 3 more warnings not shown as annotations; "
                         "see the log or the SARIF report")
    start, end = lines[21], lines[-2]
    assert start.startswith("::stop-commands::aetherlint-") and end == f"::{start.split('::')[2]}::"
    assert len(lines[22:-2]) == 27  # every finding, as concise lines
    assert lines[22:-2] == run("check", "flows", "--output-format", "concise")[1].splitlines()[:-1]
    assert lines[-1].startswith("Checked 27 files: 13 passed, 14 failed; 27 findings (13 warnings)")


def test_github_no_notice_when_nothing_is_cut(run, tmp_path) -> None:
    _corpus(tmp_path)
    out = run("check", "flows", "--output-format", "github")[1]
    assert "::notice::" not in out and out.count("::error ") == 2 and out.count("::warning ") == 1


def test_github_notices_leave_room_for_the_closing_notice() -> None:
    infos = tuple(_diag("AE2503", i, 1, "n", severity="info") for i in range(1, 11))
    errors = tuple(_diag("AE2501", i, 1, "e") for i in range(1, 12))
    out = render("github", _report([FileResult("a.aether", 25, "validate", errors + infos)])).splitlines()
    assert sum(line.startswith("::notice file=") for line in out) == 9
    assert ("::notice::aetherlint: 1 more error and 1 more notice not shown as annotations; see the log or the "
            "SARIF report") in out


def test_github_file_names_cannot_add_workflow_commands(run, tmp_path) -> None:
    write(tmp_path, "::error::pwned.aether", UNKNOWN)
    out = run("check", ".", "--output-format", "github")[1].splitlines()
    token = out[1].split("::")[2]
    assert out[1] == f"::stop-commands::{token}" and out[2].startswith("::error::pwned") and out[3] == f"::{token}::"
    assert token not in out[2]


def test_github_is_the_default_under_github_actions_with_a_step_summary(run, tmp_path, monkeypatch) -> None:
    _corpus(tmp_path)
    summary = tmp_path / "summary.md"
    summary.write_text("## earlier step\n\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run("check", "flows")
    assert code == 1 and out.startswith("::error file=flows/unclosed.aether,")
    run("classify", "flows", "--no-history")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## earlier step\n\n### aetherlint check\n\n")  # appended, never overwritten
    assert "**4** files checked, **2** failed, **3** findings." in text
    assert "| AE2501 | unknown-function | error | 1 |" in text and "| AE2503 | undefined-name | warning | 1 |" in text
    assert text.count("### aetherlint classify") == 1
    # an explicit format wins, and writes no step summary
    assert run("check", "flows", "--output-format", "text")[1] == _text(run, monkeypatch)
    assert text == summary.read_text(encoding="utf-8")


def _text(run, monkeypatch) -> str:
    monkeypatch.delenv("GITHUB_ACTIONS")
    return run("check", "flows")[1]


def test_github_default_is_not_taken_when_stdout_holds_an_artifact(run, tmp_path, monkeypatch) -> None:
    _corpus(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, err = run("classify", "flows", "--no-history", "--output", "-", "--markdown", "")
    assert json.loads(out)["summary"]["total"] == 4 and err.startswith("Classified 4 workflows")
    assert run("check", "flows", "--json-status")[1].startswith("{")


def test_step_summary_that_cannot_be_written_is_a_warning(run, tmp_path, monkeypatch) -> None:
    _corpus(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "missing" / "summary.md"))
    code, out, err = run("check", "flows", "--output-format", "github")
    assert code == 1 and out.startswith("::error")
    assert "aetherlint: warning: GITHUB_STEP_SUMMARY: cannot append" in err


# --- GitLab -----------------------------------------------------------------------------------


def test_gitlab_code_quality(run, tmp_path) -> None:
    _corpus(tmp_path)
    write(tmp_path, "flows/copy.aether", UNKNOWN)
    write(tmp_path, "flows/two.aether", "fn main() {\n    frobnicate(1) + frobnicate(2)\n}\n")
    code, out, _ = run("check", "flows", "--output-format", "gitlab")
    issues = json.loads(out)
    assert code == 1
    assert issues[0] == {
        "description": "AE2501 unknown-function: unknown function 'frobnicate'",
        "check_name": "AE2501",
        "fingerprint": issues[0]["fingerprint"],
        "severity": "major",
        "location": {"path": "flows/copy.aether", "lines": {"begin": 2}},
    }
    assert [i["severity"] for i in issues if i["check_name"] == "AE2503"] == ["minor"]
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints) == 6  # identical files, two findings on one line
    assert json.loads(run("check", "flows", "--output-format", "gitlab")[1]) == issues  # stable


def test_gitlab_leaves_suppressed_findings_out() -> None:
    results = [FileResult("a.aether", 0, "validate", (_diag("AE2501", suppressed="external"),
                                                      _diag("AE2503", 2, 1, severity="info")))]
    (issue,) = json.loads(render("gitlab", _report(results)))
    assert (issue["check_name"], issue["severity"]) == ("AE2503", "info")


# --- JUnit ------------------------------------------------------------------------------------


def test_junit(run, tmp_path) -> None:
    _corpus(tmp_path)
    code, out, _ = run("check", "flows", "--output-format", "junit")
    assert code == 1 and out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    (suite,) = ET.fromstring(out.encode("utf-8"))
    assert (suite.get("name"), suite.get("tests"), suite.get("failures")) == ("aetherlint", "4", "2")
    cases = {case.get("name"): case for case in suite}
    assert list(cases) == ["flows/clean.aether", "flows/unclosed.aether", "flows/unknown.aether", "flows/warn.aether"]
    (failure,) = cases["flows/unknown.aether"].findall("failure")
    assert failure.get("type") == "AE2501"
    assert failure.get("message") == "2:5: AE2501 unknown-function: unknown function 'frobnicate'"
    assert not cases["flows/warn.aether"].findall("failure")
    assert cases["flows/warn.aether"].findtext("system-out") == (
        "flows/warn.aether:2:12: AE2503 undefined-name (warning): undefined name 'wheel'\n")
    (tmp_path / "j.xml").write_text(out, encoding="utf-8")
    (parsed,) = junitparser.JUnitXml.fromfile(str(tmp_path / "j.xml"))
    assert (parsed.tests, parsed.failures) == (4, 2)
    assert sorted(case.name for case in parsed if not case.is_passed) == ["flows/unclosed.aether",
                                                                         "flows/unknown.aether"]


def test_junit_text_xml_cannot_hold_is_escaped(run, tmp_path) -> None:
    write(tmp_path, "flows/bell\x07esc\x1b<&\">.aether", UNKNOWN)
    code, _, _ = run("check", "flows", "--junit", "j.xml")
    root = ET.parse(tmp_path / "j.xml").getroot()
    assert code == 1
    assert root.find("testsuite/testcase").get("name") == 'flows/bell\\x07esc\\x1b<&">.aether'
    results = [FileResult("a\udce9.aether", 25, "validate", (_diag("AE2501", message="\x00\ufffe\x85 ok\ttab"),))]
    failure = ET.fromstring(render("junit", _report(results)).encode("utf-8")).find("testsuite/testcase/failure")
    assert failure.get("message") == "1:1: AE2501 unknown-function: \\x00\\ufffe\x85 ok\ttab"
    assert failure.text.startswith("a\\udce9.aether:1:1:")


def test_junit_suppressed_errors_do_not_fail_the_case() -> None:
    results = [FileResult("a.aether", 0, "validate", (_diag("AE2501", suppressed="inSource"),))]
    case = ET.fromstring(render("junit", _report(results)).encode("utf-8")).find("testsuite/testcase")
    assert case.findall("failure") == []
    assert case.findtext("system-out") == "a.aether:1:1: AE2501 unknown-function: m (suppressed: inSource)\n"


# --- classify ---------------------------------------------------------------------------------


def test_classify_text_is_the_summary_line(run, tmp_path) -> None:
    _corpus(tmp_path)
    _, default, _ = run("classify", "flows", "--no-history")
    assert run("classify", "flows", "--no-history", "--output-format", "text")[1] == default
    assert default.startswith("Classified 4 workflows") and len(default.splitlines()) == 1


def test_classify_report_paths_are_relative_to_the_current_folder(run, tmp_path) -> None:
    _corpus(tmp_path)
    code, out, _ = run("classify", "flows", "--no-history", "--output-format", "concise")
    assert code == 1
    assert out.splitlines()[1] == "flows/unknown.aether:2:5: AE2501 unknown-function: unknown function 'frobnicate'"
    assert out.splitlines()[-1].startswith("Classified 4 workflows: 2 failing")


def test_classify_machine_report_moves_the_summary_line_to_stderr(run, tmp_path) -> None:
    _corpus(tmp_path)
    code, out, err = run("classify", "flows", "--no-history", "--output-format", "json")
    assert code == 1 and json.loads(out)["summary"]["command"] == "classify"
    assert err.startswith("Classified 4 workflows")
    code, out, err = run("classify", "flows", "--no-history", "--output-format", "json", "-o", "r.json")
    assert out.startswith("Classified 4 workflows") and json.loads((tmp_path / "r.json").read_text())["results"]
    assert run("classify", "flows", "--no-history", "--output", "-", "--output-format", "json")[0] == 2


@pytest.mark.parametrize("fmt", [f for f in CHOICES if f != "text"])
def test_classify_report_is_byte_identical_for_any_jobs(run, tmp_path, fmt) -> None:
    _corpus(tmp_path)
    for i in range(12):
        write(tmp_path, f"flows/more/m{i}.aether", [UNKNOWN, UNCLOSED, WARNING, CLEAN][i % 4])
    outputs = []
    for jobs in ("1", "2"):
        code, out, _ = run("classify", "flows", "--no-history", "--no-cache", "--jobs", jobs, "--output-format", fmt,
                           "--sarif", f"j{jobs}.sarif", "--junit", f"j{jobs}.xml")
        outputs.append((code, out, (tmp_path / f"j{jobs}.sarif").read_bytes(), (tmp_path / f"j{jobs}.xml").read_bytes()))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 1 and outputs[0][1]
