"""`aetherlint report` and `classify --html` without a browser: what the page holds, escaping,
determinism, size, and bad input (tests/test_report_browser.py opens it in Chromium)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import write
from report_pages import DAY, EPOCH, SCRIPT_MESSAGE, XSS_NAME, classified_tree, classify, large_classification, tables
from aetherlint.reports.html import charts, dashboard


@pytest.fixture(scope="module")
def _classified(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("classified")
    classified_tree(folder)
    return folder


@pytest.fixture
def tree(_classified: Path, tmp_path: Path) -> Path:
    """A copy of the classified tree, its history and classification in the test's folder."""
    for name in ("flows", "hist"):
        shutil.copytree(_classified / name, tmp_path / name)
    shutil.copyfile(_classified / "workflow_failures.json", tmp_path / "workflow_failures.json")
    return tmp_path / "flows"


def report(run, *args: str) -> tuple[int, str, str]:
    return run("report", "--history-dir", "hist", *args)


def test_the_page_holds_totals_change_trend_categories_and_files(run, tree, tmp_path) -> None:
    code, out, err = report(run)
    assert (code, err) == (0, "")
    assert out == "Wrote aetherlint-report.html: 6 workflows, 5 failing (83.3%), 3 runs of history.\n"
    html = (tmp_path / "aetherlint-report.html").read_text(encoding="utf-8")
    assert '<dd id="total">6</dd>' in html and '<dd id="failed">5</dd>' in html and '<dd id="failure-rate">83.3%</dd>' in html
    assert "Since the previous run (2026-09-22T14:13:20Z): failing -1, failure rate -2.4 pp, workflows -1" in html
    found = tables(html)
    assert [row[:3] for row in found.tables["trend-table"]] == [
        ["2026-09-21T14:13:20Z", "8", "7"], ["2026-09-22T14:13:20Z", "7", "6"], ["2026-09-23T14:13:20Z", "6", "5"]]
    assert len(re.findall(r'<circle class="point s0"', html.split('id="trend-chart"')[1].split("</svg>")[0])) == 3
    assert found.tables["unknown-table"] == [["frobnicate", "1"]]
    files = found.tables["files"]
    assert [row[0] for row in files] == sorted(row[0] for row in files)  # by path
    assert [XSS_NAME, "ParseError", "AE2004", "1"] == files[0][:4]
    assert "ok.aether" not in [row[0] for row in files]  # OK files are counted, not listed
    assert ["sub/deep.aether", "ParseError", "AE2004", "7"] == [row[:4] for row in files if row[0] == "sub/deep.aether"][0]
    assert "<!DOCTYPE html>" in html.splitlines()[0]


def test_markup_in_names_messages_and_sources_is_text(run, tree, tmp_path) -> None:
    assert report(run)[0] == 0
    html = (tmp_path / "aetherlint-report.html").read_text(encoding="utf-8")
    assert "<img" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;.aether" in html
    assert html.count("<script") == 1 and html.count("</script>") == 1  # ours, at the end
    assert "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in html
    rows = {row[0]: row for row in tables(html).tables["files"]}
    assert rows["unknown.aether"][4:] == [SCRIPT_MESSAGE, "    </script><b>bold</b>"]


def test_nothing_is_loaded_from_anywhere_and_only_our_script_may_run(run, tree, tmp_path) -> None:
    assert report(run)[0] == 0
    html = (tmp_path / "aetherlint-report.html").read_text(encoding="utf-8")
    assert re.findall(r'\b(?:src|href|action|xlink:href)="([^"]*)"', html) == ["#trend", "#categories", "#unknown-functions",
                                                                             "#suppressions", "#files"] + ["#files"] * 2
    assert "url(" not in html and "@import" not in html and "http:" not in html and "https:" not in html
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
    assert csp.startswith("default-src &#39;none&#39;; style-src &#39;sha256-")
    script = re.search(r"<script>(.*)</script>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src &#39;sha256-{digest}&#39;" in csp


def test_byte_identical_for_the_same_inputs_whatever_the_clock(run, tree, tmp_path, monkeypatch) -> None:
    assert report(run, "-o", "a.html")[0] == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 400 * DAY))
    assert report(run, "-o", "b.html")[0] == 0
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_classify_html_is_deterministic_and_ends_its_trend_with_the_run(tmp_path) -> None:
    root = tmp_path / "flows"
    write(root, "a.aether", 'log "ok"\n')
    write(root, "b.aether", "let total = )\n")
    pages = []
    for name in ("one", "two"):
        folder = tmp_path / name
        folder.mkdir()
        proc = classify(folder, root, EPOCH, "--html", "r.html")
        assert proc.stdout.endswith("Wrote workflow_failures.json, workflow_failures.md, r.html.\n")
        pages.append((folder / "r.html").read_bytes())
    assert pages[0] == pages[1]  # another run id, the same page
    found = tables(pages[0].decode())
    assert found.tables["trend-table"] == [["2026-09-21T14:13:20Z", "2", "1", "50.0%", "0", "1"]]
    assert [row[0] for row in found.tables["files"]] == ["b.aether"]


def test_suppressions_show_owner_expiry_and_state(run, tree, tmp_path) -> None:
    document = json.loads((tmp_path / "workflow_failures.json").read_text(encoding="utf-8"))
    deep = next(r for r in document["workflows"] if r["path"] == "sub/deep.aether")
    write(tmp_path, "suppressions.txt",
          f"{deep['fingerprint']} owner=inventory expires=2026-09-01\n"  # before the classification day
          "0123456789abcdef owner=ops expires=2026-10-10\n"  # within 30 days
          "fedcba9876543210 owner=ops expires=2027-01-01\n"
          "aaaaaaaaaaaaaaaa\n"
          "not-a-fingerprint\n")
    document["summary"]["stale_suppressions"] = ["0123456789abcdef", "bbbbbbbbbbbbbbbb"]
    document["summary"]["suppression_problems"] = ["suppressions.txt:5: not a 16-hex-digit fingerprint"]
    (tmp_path / "workflow_failures.json").write_text(json.dumps(document), encoding="utf-8")
    assert report(run)[0] == 0
    html = (tmp_path / "aetherlint-report.html").read_text(encoding="utf-8")
    found = tables(html)
    assert found.tables["suppressions-table"] == [
        [deep["fingerprint"], "inventory", "2026-09-01", "expired", "1", "1"],
        ["0123456789abcdef", "ops", "2026-10-10", "expiring, stale", "0", "2"],
        ["fedcba9876543210", "ops", "2027-01-01", "active", "0", "3"],
        ["aaaaaaaaaaaaaaaa", "", "", "active", "0", "4"],
        ["bbbbbbbbbbbbbbbb", "", "", "active, stale", "0", ""],
    ]
    assert found.row_classes["suppressions-table"][:2] == ["expired", "expiring stale"]
    stale = re.search(r'<ul id="stale-list">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r"<code>(\w+)</code>", stale) == ["0123456789abcdef", "bbbbbbbbbbbbbbbb"]
    assert "suppressions.txt:5: not a 16-hex-digit fingerprint" in html


def test_gates_when_given(run, tree, tmp_path) -> None:
    assert 'id="gates"' not in (report(run) and (tmp_path / "aetherlint-report.html").read_text(encoding="utf-8"))
    assert run("baseline", str(tree), "--output", "new.json")[0] == 0
    write(tmp_path, "ref.json", json.dumps({"by_code": {"PARSE_ERROR": 0}}))
    code, _, _ = run("gate", "--new", "new.json", "--ref", "ref.json", "--abs-threshold", "0", "--results", "gates.json",
                     "--classification", "workflow_failures.json")
    assert code == 1
    assert report(run, "--gate-results", "gates.json")[0] == 0
    html = (tmp_path / "aetherlint-report.html").read_text(encoding="utf-8")
    assert "NO-GO" in html
    assert tables(html).tables["gates-table"] == [
        ["parse_regression", "fail", "PARSE_ERROR: 0 → 3"], ["validation_regression", "fail", "VALIDATION_ERROR: 0 → 1"],
        ["internal_errors", "pass", "none new"], ["stale_suppressions", "pass", "0 stale, 0 expired"]]


def test_without_history_the_page_says_so(run, tree, tmp_path) -> None:
    code, out, _ = run("report", "--history-dir", str(tmp_path / "flows"))  # a folder without trends.json
    assert code == 0 and out.endswith("0 runs of history.\n")
    html = (tmp_path / "aetherlint-report.html").read_text(encoding="utf-8")
    assert "No history:" in html and "No earlier run in the history" in html and 'id="trend-chart"' not in html


def test_control_characters_surrogates_and_long_lines_are_shown_safely(run, tree, tmp_path) -> None:
    document = json.loads((tmp_path / "workflow_failures.json").read_text(encoding="utf-8"))
    record = document["workflows"][0]
    record["path"] = "esc\x1b[31m\udce9.aether"
    record["message"] = "line one\nline two \x07"
    record["diagnostics"] = [{"rule": record["rule"], "line": record["line"], "source": "x" * 100_000}]
    (tmp_path / "workflow_failures.json").write_text(json.dumps(document), encoding="utf-8")
    assert report(run)[0] == 0
    html = (tmp_path / "aetherlint-report.html").read_bytes().decode("utf-8")
    row = next(r for r in tables(html).tables["files"] if r[0].startswith("esc"))
    assert row[0] == "esc\\x1b[31m\\udce9.aether"
    assert row[4] == "line one line two \\x07"
    assert row[5] == "x" * 299 + "…"
    assert "\x1b" not in html and "\x07" not in html


def test_a_large_classification_gives_a_small_page(run, tmp_path) -> None:
    """10,000 failing files, realistic lengths (each also carries its diagnostics): under 5 MB."""
    write(tmp_path, "big.json", json.dumps(large_classification(10_000)))
    started = time.perf_counter()
    assert run("report", "--classification", "big.json", "-o", "big.html")[0] == 0
    elapsed = time.perf_counter() - started
    size = (tmp_path / "big.html").stat().st_size
    assert size < 5_000_000, size
    assert elapsed < 20, elapsed  # about 0.5 s here; a generous bound for shared machines


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.pop("workflows"), "workflows: not a list"),
    (lambda d: d["workflows"][0].update(line="7"), "workflows[0].line: not an integer or null"),
    (lambda d: d["workflows"][0].update(line=True), "workflows[0].line: not an integer or null"),
    (lambda d: d["workflows"][1].update(path=None), "workflows[1].path: not a string"),
    (lambda d: d["summary"].update(failure_rate=2), "summary.failure_rate: not a number from 0 to 1"),
    (lambda d: d["summary"].update(timestamp="yesterday"), "summary.timestamp: not a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)"),
    (lambda d: d["summary"].update(timestamp="2026-02-30T00:00:00Z"), "summary.timestamp: not a date and time that exists"),
    (lambda d: d["summary"]["categories"].update({"Bad\x1b": {"count": -1}}),
     "summary.categories.Bad\\x1b.count: not a count (an integer of at least 0)"),
    (lambda d: d["summary"].update(top_unknown_functions=[["f"]]), "summary.top_unknown_functions[0]: not a [name, count] pair"),
])
def test_a_bad_classification_is_one_line(run, tree, tmp_path, change, message) -> None:
    document = json.loads((tmp_path / "workflow_failures.json").read_text(encoding="utf-8"))
    change(document)
    (tmp_path / "workflow_failures.json").write_text(json.dumps(document), encoding="utf-8")
    assert report(run) == (2, "", f"aetherlint: error: classification workflow_failures.json: {message}\n")
    assert not (tmp_path / "aetherlint-report.html").exists()


@pytest.mark.parametrize(("args", "content", "message"), [
    (["--classification", "missing.json"], None, "classification missing.json: file not found"),
    (["--classification", "bad.json"], "{", "classification bad.json: not JSON (Expecting property name enclosed in double quotes at line 1)"),
    (["--classification", "bad.json"], b"\xff", "classification bad.json: not UTF-8 text"),
    (["--classification", "bad.json"], "[" * 100_000, "classification bad.json: not JSON (nested too deeply)"),
    (["--gate-results", "bad.json"], '{"g": {"ok": 1}}', "gate results bad.json: g: 'ok' and 'manual' must be true or false"),
    (["--gate-results", "missing.json"], None, "gate results missing.json: file not found"),
    (["--history-dir", "nowhere"], None, "--history-dir nowhere: not a directory"),
    (["-o", "."], None, ".: exists and is not a regular file (a directory)"),
])
def test_bad_input_and_usage_are_one_line(run, tree, tmp_path, args, content, message) -> None:
    if content is not None:
        write(tmp_path, "bad.json", content)
    code, out, err = run("report", *args)
    assert (code, out, err) == (2, "", f"aetherlint: error: {message}\n")


def test_a_bad_trends_file_names_it(run, tree, tmp_path) -> None:
    trends = json.loads((tmp_path / "hist" / "trends.json").read_text(encoding="utf-8"))
    trends[1]["total"] = "nine"
    (tmp_path / "hist" / "trends.json").write_text(json.dumps(trends), encoding="utf-8")
    code, _, err = report(run)
    assert (code, err) == (2, f"aetherlint: error: {Path('hist') / 'trends.json'}: [1].total: not a count (an integer of at least 0)\n")


def test_without_jinja2_a_one_line_error_before_any_work(tmp_path) -> None:
    write(tmp_path, "flows/a.aether", 'log "ok"\n')
    code = ("import sys; sys.modules['jinja2'] = None\n"  # as if it were not installed
            "from aetherlint.cli import main\n"
            "raise SystemExit(main(sys.argv[1:]))\n")
    for args in (["report"], ["classify", "flows", "--html", "r.html"]):
        proc = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert (proc.returncode, proc.stderr) == (
            2, "aetherlint: error: the HTML report needs jinja2: python -m pip install 'aetherlint[report]'\n")
    assert not (tmp_path / "workflow_failures.json").exists()


def test_report_to_standard_output(run, tree) -> None:
    code, out, err = report(run, "-o", "-")
    assert code == 0 and out.startswith("<!DOCTYPE html>") and err.startswith("Wrote standard output: 6 workflows")


@pytest.mark.parametrize(("largest", "expected"), [(0, (1, 1)), (3, (3, 1)), (17, (20, 5)), (100, (100, 20)),
                                                    (10_000, (10_000, 2_000)), (10_001, (15_000, 5_000))])
def test_axis_scale(largest, expected) -> None:
    assert charts.scale(largest) == expected


def test_line_chart_has_a_point_per_run_and_ticks_up_to_the_top() -> None:
    chart = charts.line_chart(["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"], [("total", [10, 17]), ("failed", [3, 0])])
    assert [len(line.points) for line in chart.lines] == [2, 2]
    assert [t.label for t in chart.y_ticks] == ["0", "5", "10", "15", "20"]
    assert chart.lines[1].points[1].y == chart.bottom  # 0 sits on the axis
    assert chart.x_ticks[0].label == "2026-01-01 00:00"
    single = charts.line_chart(["2026-01-01T00:00:00Z"], [("total", [4])])
    assert float(single.lines[0].points[0].x) > float(chart.lines[0].points[0].x)  # one run: in the middle


@pytest.mark.parametrize(("value", "text"), [(3, "+3"), (-1.2, "-1.2"), (0, "0"), (round(-0.0001, 1), "0")])
def test_signed_changes(value, text) -> None:
    assert dashboard.signed(value) == text
