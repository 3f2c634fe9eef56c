"""Every diagnostic has a rule, a severity, a start and an end, related locations and maybe a fix;
the same data reaches --json-status, the cache and classify records."""

from __future__ import annotations

import json

import pytest

from aetherlint.check import check_bytes
from aetherlint.fixes import apply_edits
from aetherlint.rules import RULES
from conftest import write


def findings(text: str):
    return check_bytes(text.encode("utf-8"), "t.aether").diagnostics


def test_an_unknown_call_ends_after_its_name() -> None:
    (d,) = findings("x = count_crates(shelf)\n")
    assert (d.rule, d.line, d.col, d.end) == ("AE2501", 1, 5, (1, 17))


def test_an_unexpected_token_spans_the_token() -> None:
    (d,) = findings('let total = "abc" "def"\n')
    assert (d.rule, d.line, d.col, d.end) == ("AE2001", 1, 19, (1, 24))


def test_an_unterminated_string_runs_to_the_end_of_its_line() -> None:
    (d,) = findings('log "bench tidy\n')
    assert (d.rule, d.col, d.end) == ("AE2003", 5, (1, 16))


def test_every_rule_has_a_default_severity_and_its_diagnostics_use_it() -> None:
    assert {r.severity for r in RULES.values()} <= {"error", "warning", "info"}
    (d,) = findings("function f(x):\n    return x + nowhere\n")
    assert d.severity == RULES["AE2503"].severity == "error" or d.severity == "warning"
    assert d.severity == "warning"  # colon functions allow implicit globals


MISSING_CLOSER = """plugin widget {
    fn spin() {
        log "spin"

    fn stop() {
        log "stop"
    }
}
"""


@pytest.mark.parametrize(
    "text",
    [
        MISSING_CLOSER,
        MISSING_CLOSER.replace("\n", "\r\n"),
        "fn spin() {\n    log 1\n",  # the block runs to the end of the file
        "fn spin() {\n    log 1",  # ... which has no final newline
        "plugin w {\n\tfn spin() {\n\t\tlog 1\n\n\tfn stop() {\n\t\tlog 2\n\t}\n}\n",  # tabs
        "fn a() {\n    log 1\n}\n}\nfn b() {\n    log 2\n}\n",  # a stray closer
        'log "bench tidy\n',
        "log 'bench tidy\nlog 2\n",
    ],
    ids=["missing", "crlf", "eof", "eof-no-newline", "tabs", "stray", "string", "single-quoted"],
)
def test_the_unsafe_fix_of_a_syntax_error_makes_the_file_parse(text: str) -> None:
    (d,) = findings(text)
    assert d.fix is not None and d.fix.applicability == "unsafe", d
    fixed = apply_edits(text, d.fix.edits)
    assert check_bytes(fixed.encode("utf-8"), "t.aether").phase == "validate", (fixed, d.fix)
    assert ("\r\n" in text) == ("\r\n" in fixed) and fixed.count("\n") - text.count("\n") <= 1


def test_the_missing_closer_is_inserted_at_the_opener_s_indentation() -> None:
    (d,) = findings(MISSING_CLOSER)
    assert d.fix.description == "insert '}' before line 5"
    assert apply_edits(MISSING_CLOSER, d.fix.edits).splitlines()[3:6] == ["", "    }", "    fn stop() {"]


def test_a_triple_quoted_string_gets_no_guess() -> None:
    (d,) = findings('page = """\nnever closed\n')
    assert d.rule == "AE2003" and d.fix is None


def test_json_status_and_classify_records_carry_the_model(run, tmp_path) -> None:
    path = write(tmp_path, "flows/w.aether", MISSING_CLOSER)
    code, out, _ = run("check", "--json-status", str(path))
    (diag,) = json.loads(out)["diagnostics"]
    assert code == 1 and diag["related"] == [{"line": 2, "col": 15, "message": "'{' opened here"}]
    assert diag["fix"]["edits"] == [{"line": 5, "col": 1, "end_line": 5, "end_col": 1, "text": "    }\n"}]
    assert run("classify", str(tmp_path / "flows"), "--no-history")[0] == 1
    (record,) = json.loads((tmp_path / "workflow_failures.json").read_text())["workflows"]
    assert (record["rule"], record["severity"], record["end_line"], record["end_col"]) == ("AE2004", "error", 5, 7)
    assert record["diagnostics"] == [diag]


def test_a_cached_result_keeps_severity_end_and_fix(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the same timestamp in both status lines
    path = write(tmp_path, "w.aether", MISSING_CLOSER)
    first = run("check", "--json-status", str(path))
    assert list((tmp_path / ".aetherlint_cache").rglob("*.json"))
    assert run("check", "--json-status", str(path)) == first


def test_apply_edits_rejects_overlaps_and_positions_outside_the_text() -> None:
    from aetherlint.diagnostic import Edit

    with pytest.raises(ValueError):
        apply_edits("abc\n", [Edit(1, 1, 1, 3, "x"), Edit(1, 2, 1, 2, "y")])
    with pytest.raises(ValueError):
        apply_edits("abc\n", [Edit(3, 1, 3, 1, "x")])
    assert apply_edits("abc\n", [Edit(2, 1, 2, 1, "d\n"), Edit(1, 2, 1, 3, "")]) == "ac\nd\n"
