"""`aetherlint baseline` and `aetherlint gate`: every exit path, thresholds, per-file lists."""

from __future__ import annotations

import json

import pytest

from conftest import write


def baseline(tmp_path, name: str, by_code: dict, files: list | None = None) -> str:
    path = tmp_path / name
    path.write_text(json.dumps({"timestamp": "t", "total": 0, "by_code": by_code, "failure_rate": 0, "files": files or []}))
    return str(path)


def gate(run, new: str, ref: str, *args: str) -> tuple[int, dict | None, str]:
    code, out, err = run("gate", "--new", new, "--ref", ref, *args)
    return code, (json.loads(out) if out.strip() else None), err


@pytest.mark.parametrize(
    ("old", "new", "regressed"),
    [
        (100, 105, False),  # +5: equal to the absolute threshold is not more
        (100, 106, False),  # +6 > 5 but +6% is not more than 10%
        (50, 55, False),  # +5, +10%: equal to both
        (50, 56, True),  # +6 and +12%: more than both
        (0, 5, False),  # from 0: 100%, but +5 is not more than 5
        (0, 6, True),  # from 0: +6 and 100%
    ],
)
def test_thresholds_at_and_past_the_boundary(run, tmp_path, old, new, regressed) -> None:
    ref = baseline(tmp_path, "ref.json", {"PARSE_ERROR": old})
    new_path = baseline(tmp_path, "new.json", {"PARSE_ERROR": new})
    code, report, _ = gate(run, new_path, ref)
    assert code == (1 if regressed else 0)
    assert report["ok"] is not regressed
    if regressed:
        delta = new - old
        assert report["regressions"] == [{"code": "PARSE_ERROR", "old": old, "new": new, "delta": delta,
                                          "relative_increase": round(delta / old, 4) if old else 1.0}]


def test_nested_by_code_shape_and_custom_thresholds(run, tmp_path) -> None:
    ref = baseline(tmp_path, "ref.json", {"VALIDATION_ERROR": {"count": 10}})
    new = baseline(tmp_path, "new.json", {"VALIDATION_ERROR": {"count": 12}})
    code, report, _ = gate(run, new, ref, "--abs-threshold", "1", "--rel-threshold", "0.1")
    assert code == 1 and report["regressions"][0]["delta"] == 2
    assert (report["ref_counts"], report["new_counts"]) == ({"VALIDATION_ERROR": 10}, {"VALIDATION_ERROR": 12})


def test_codes_option_limits_what_is_gated(run, tmp_path) -> None:
    ref = baseline(tmp_path, "ref.json", {"IO_ERROR": 0, "PARSE_ERROR": 0})
    new = baseline(tmp_path, "new.json", {"IO_ERROR": 50, "PARSE_ERROR": 0})
    assert gate(run, new, ref)[0] == 0
    assert gate(run, new, ref, "--codes", "io_error")[0] == 1


def test_new_internal_error_fails_whatever_the_thresholds(run, tmp_path) -> None:
    ref = baseline(tmp_path, "ref.json", {"INTERNAL_ERROR": 1},
                   [{"path": "a.aether", "code_name": "INTERNAL_ERROR"}, {"path": "b.aether", "code_name": "SUCCESS"}])
    new = baseline(tmp_path, "new.json", {"INTERNAL_ERROR": 2},
                   [{"path": "a.aether", "code_name": "INTERNAL_ERROR"}, {"path": "b.aether", "code_name": "INTERNAL_ERROR"}])
    code, report, _ = gate(run, new, ref, "--abs-threshold", "100")
    assert code == 1
    assert report["new_internal_errors"] == ["b.aether"] and report["regressions"] == []


def test_newly_failing_and_fixed_lists(run, tmp_path) -> None:
    ref_files = [{"path": "fixed.aether", "code_name": "PARSE_ERROR"}, {"path": "broke.aether", "code_name": "SUCCESS"},
                 {"path": "gone.aether", "code_name": "VALIDATION_ERROR"}, {"path": "still.aether", "code_name": "PARSE_ERROR"}]
    new_files = [{"path": "fixed.aether", "code_name": "SUCCESS"}, {"path": "broke.aether", "code_name": "PARSE_ERROR"},
                 {"path": "added.aether", "code_name": "VALIDATION_ERROR"}, {"path": "still.aether", "code_name": "PARSE_ERROR"}]
    ref = baseline(tmp_path, "ref.json", {"PARSE_ERROR": 2}, ref_files)
    new = baseline(tmp_path, "new.json", {"PARSE_ERROR": 2}, new_files)  # totals equal: a fix hides a break
    code, report, _ = gate(run, new, ref)
    assert code == 0
    assert report["newly_failing"] == [
        {"path": "added.aether", "code_name": "VALIDATION_ERROR", "was": None},
        {"path": "broke.aether", "code_name": "PARSE_ERROR", "was": "SUCCESS"},
    ]
    assert report["fixed"] == [
        {"path": "fixed.aether", "code_name": "PARSE_ERROR", "now": "SUCCESS"},
        {"path": "gone.aether", "code_name": "VALIDATION_ERROR", "now": None},
    ]


def test_missing_ref(run, tmp_path) -> None:
    new = baseline(tmp_path, "new.json", {"PARSE_ERROR": 3})
    code, report, err = gate(run, new, str(tmp_path / "none.json"))
    assert code == 0 and report["ref_counts"] == {}
    assert "not found; comparing against zero counts" in err
    code, report, err = gate(run, new, str(tmp_path / "none.json"), "--fail-on-missing-ref")
    assert (code, report) == (2, None)
    assert err.strip() == f"aetherlint: error: reference baseline {tmp_path / 'none.json'}: file not found"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "not JSON (Expecting value at line 1)"),
        ("{not json", "not JSON (Expecting property name enclosed in double quotes at line 1)"),
        ("[1, 2]", "expected a JSON object, got list"),
        ('{"total": 3}', "'by_code' must be an object of counts"),
        ('{"by_code": {"PARSE_ERROR": "3"}}', "count for 'PARSE_ERROR' is not a non-negative integer: '3'"),
        ('{"by_code": {"PARSE_ERROR": true}}', "count for 'PARSE_ERROR' is not a non-negative integer: True"),
        ('{"by_code": {"PARSE_ERROR": {"count": 1.5}}}', "count for 'PARSE_ERROR' is not a non-negative integer: 1.5"),
    ],
)
def test_bad_input_is_exit_2_with_one_line(run, tmp_path, content, message) -> None:
    ref = baseline(tmp_path, "ref.json", {"PARSE_ERROR": 0})
    bad = tmp_path / "new.json"
    bad.write_text(content)
    code, report, err = gate(run, str(bad), ref)
    assert (code, report) == (2, None)
    assert err == f"aetherlint: error: new baseline {bad}: {message}\n"


def test_unknown_code_name_and_missing_new(run, tmp_path) -> None:
    ref = baseline(tmp_path, "ref.json", {})
    assert gate(run, ref, ref, "--codes", "PARSE_ERROR,NOPE_ERROR")[0] == 2
    code, _, err = gate(run, str(tmp_path / "absent.json"), ref)
    assert code == 2 and "new baseline" in err and "file not found" in err


def test_results_and_sign_off_artifacts(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    ref = baseline(tmp_path, "ref.json", {"PARSE_ERROR": 0, "VALIDATION_ERROR": 4})
    new = baseline(tmp_path, "new.json", {"PARSE_ERROR": 9, "VALIDATION_ERROR": 4})
    write(tmp_path, "wf.json", json.dumps({"summary": {"stale_suppressions": ["0123456789abcdef"],
                                                       "expired_suppressions": []}}))
    code, _, _ = gate(run, new, ref, "--results", "gate_results.json", "--sign-off", "gate_sign_off.md",
                      "--classification", str(tmp_path / "wf.json"))
    assert code == 1
    results = json.loads((tmp_path / "gate_results.json").read_text())
    assert results["_meta"] == {"ts": "1970-01-01T00:00:00Z", "all_passed": False}
    assert {k: (v["ok"], v["manual"]) for k, v in results.items() if k != "_meta"} == {
        "parse_regression": (False, False), "validation_regression": (True, False),
        "internal_errors": (True, False), "stale_suppressions": (False, False)}
    sign_off = (tmp_path / "gate_sign_off.md").read_text()
    assert sign_off.startswith("## aetherlint go/no-go: NO-GO ❌")
    assert "| parse_regression | ❌ fail | PARSE_ERROR: 0 → 9 |" in sign_off
    assert "| stale_suppressions | ❌ fail | 1 stale, 0 expired |" in sign_off


def test_baseline_schema_and_byte_identical_for_any_jobs(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    root = tmp_path / "flows"
    for i in range(5):
        write(root, f"ok{i}.aether", 'log "fine"\n')
    write(root, "sub/bad.aether", "let x = )\n")
    write(root, "sub/unknown.aether", "frob(1)\n")
    outputs = []
    for jobs in ("1", "2"):
        code, out, _ = run("baseline", str(root), "--jobs", jobs, "--no-cache", "--output", f"b{jobs}.json")
        assert code == 0 and out.startswith("Baseline of 7 workflows")
        outputs.append((tmp_path / f"b{jobs}.json").read_bytes())
    assert outputs[0] == outputs[1]
    doc = json.loads(outputs[0])
    assert doc["by_code"] == {"PARSE_ERROR": 1, "SUCCESS": 5, "VALIDATION_ERROR": 1}
    assert (doc["total"], doc["failure_rate"], doc["timestamp"]) == (7, 0.2857, "1970-01-01T00:00:00Z")
    assert doc["files"][-1] == {"path": "sub/unknown.aether", "code": 25, "code_name": "VALIDATION_ERROR", "line": 1,
                                "message": "unknown function 'frob'", "fingerprint": doc["files"][-1]["fingerprint"],
                                "stable_fingerprint": doc["files"][-1]["stable_fingerprint"]}
    # and it feeds the gate: the same tree against itself passes
    code, report, _ = gate(run, str(tmp_path / "b1.json"), str(tmp_path / "b2.json"))
    assert code == 0 and report["newly_failing"] == [] and report["fixed"] == []
