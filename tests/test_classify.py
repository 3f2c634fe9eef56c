"""`aetherlint classify` end to end: artifacts, determinism, suppressions, history, cache, run-cmd."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aetherlint.diagnostic import Diagnostic

from conftest import write

GOOD = 'plugin widget {\n    fn spin(w) {\n        log "spin {w.id}"\n    }\n}\n'
UNKNOWN = "x = frob(1)\ny = frob(2)\nz = zap(3)\n"
BROKEN = "let total = )\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "flows"
    for i in range(6):
        write(root, f"ok/good{i}.aether", GOOD)
    write(root, "bad/unknown.aether", UNKNOWN)
    write(root, "bad/broken.aether", BROKEN)
    write(root, "bad/shell.aether", 'MODE="x"\n')
    write(root, "bad/binary.aether", b"\x00\x01")
    write(root, ".git/ignored.aether", BROKEN)
    return root


def classify(run, root: Path, *args: str) -> tuple[int, str, str]:
    return run("classify", str(root), "--no-history", *args)


def test_artifacts(run, tree, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    code, out, _ = classify(run, tree, "--jobs", "2")
    assert code == 1
    assert out.startswith("Classified 10 workflows: 4 failing (40.0%), 0 suppressed.")
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    records = doc["workflows"]
    assert [r["path"] for r in records] == sorted(r["path"] for r in records)
    unknown = next(r for r in records if r["path"] == "bad/unknown.aether")
    assert unknown == {
        "path": "bad/unknown.aether", "category": "ValidationError", "code": 25, "code_name": "VALIDATION_ERROR",
        "phase": "validate", "line": 1, "col": 5, "message": "unknown function 'frob'",
        "fingerprint": unknown["fingerprint"], "stable_fingerprint": unknown["stable_fingerprint"], "suppressed": False,
        "rule": "AE2501", "severity": "error", "end_line": 1, "end_col": 9, "diagnostics": unknown["diagnostics"],
        "signature_verified": None, "risk_score": 0, "risk": [],
    }
    assert [(d["rule"], d["line"], d["col"], d["end_col"]) for d in unknown["diagnostics"]] == [
        ("AE2501", 1, 5, 9), ("AE2501", 2, 5, 9), ("AE2501", 3, 5, 8)]
    summary = doc["summary"]
    assert summary["categories"]["OK"] == {"count": 6, "examples": [f"ok/good{i}.aether" for i in range(5)]}
    assert {k: v["count"] for k, v in summary["categories"].items()} == {
        "IOError": 1, "OK": 6, "ParseError": 1, "UnsupportedFeature": 1, "ValidationError": 1}
    assert summary["by_code"] == {"IO_ERROR": 1, "PARSE_ERROR": 1, "SUCCESS": 6, "UNSUPPORTED_FEATURE": 1,
                                  "VALIDATION_ERROR": 1}
    assert summary["top_unknown_functions"] == [["frob", 2], ["zap", 1]]
    assert (summary["total"], summary["failed"], summary["failure_rate"]) == (10, 4, 0.4)
    assert summary["timestamp"] == "2026-11-18T11:06:40Z"
    markdown = (tmp_path / "workflow_failures.md").read_text()
    assert "**10** workflows, **4** failing (40.0%)" in markdown
    assert "| frob       |       2 |" in markdown


def test_byte_identical_for_any_jobs(run, tree, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    outputs = []
    for jobs in ("1", "2", "4"):
        classify(run, tree, "--jobs", jobs, "--no-cache", "--output", f"j{jobs}.json", "--markdown", f"j{jobs}.md")
        outputs.append(((tmp_path / f"j{jobs}.json").read_bytes(), (tmp_path / f"j{jobs}.md").read_bytes()))
    assert outputs[0] == outputs[1] == outputs[2]


def test_suppressions_stale_expired_and_strict(run, tree, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18
    classify(run, tree)
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    fps = {r["path"]: r for r in doc["workflows"]}
    lines = [
        f"{fps['bad/unknown.aether']['stable_fingerprint']} owner=inventory  # frob",
        f"{fps['bad/broken.aether']['fingerprint']} expires=2026-11-17",
        "0123456789abcdef",
        "this line is malformed",
        f"{fps['bad/shell.aether']['fingerprint']}",
        f"{fps['bad/binary.aether']['fingerprint']} expires=2026-11-18",
    ]
    write(tmp_path, "supp.txt", "\n".join(lines) + "\n")
    code, out, err = classify(run, tree, "--suppressions", str(tmp_path / "supp.txt"))
    assert code == 1  # broken.aether's entry has expired
    assert "supp.txt:4: not a 16-hex-digit fingerprint\n" in err
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    summary = doc["summary"]
    by_path = {r["path"]: r for r in doc["workflows"]}
    assert by_path["bad/unknown.aether"]["category"] == "Suppressed-ValidationError"
    assert by_path["bad/broken.aether"]["category"] == "ParseError"
    assert (summary["failed"], summary["suppressed_failures"]) == (1, 3)
    assert summary["stale_suppressions"] == ["0123456789abcdef"]
    assert summary["expired_suppressions"] == [fps["bad/broken.aether"]["fingerprint"]]
    write(tree, "bad/broken.aether", GOOD)
    code, _, _ = classify(run, tree, "--suppressions", str(tmp_path / "supp.txt"))
    assert code == 0
    code, _, err = classify(run, tree, "--suppressions", str(tmp_path / "supp.txt"), "--strict-suppressions")
    assert code == 1 and "stale or expired suppressions" in err


def test_suppress_prints_a_block(run, tree, tmp_path) -> None:
    write(tree, "bad/unknown2.aether", UNKNOWN)
    classify(run, tree)
    code, out, _ = run("suppress", "--top", "2", "--owner", "ops", "--expires", "2027-01-01")
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    fp = next(r["stable_fingerprint"] for r in doc["workflows"] if r["path"] == "bad/unknown.aether")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "# VALIDATION_ERROR: unknown function 'frob' (2 files, e.g. bad/unknown.aether)"
    assert lines[1] == f"{fp} owner=ops expires=2027-01-01"
    assert len(lines) == 4


def test_history_snapshots_and_trends(run, tree, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    history = tmp_path / "hist"
    for _ in range(2):  # same second, same stamp: two snapshots all the same
        run("classify", str(tree), "--history-dir", str(history))
    snapshots = sorted(history.glob("*_classification.json"))
    assert len(snapshots) == 2 and all(p.name.startswith("20261118T110640Z-") for p in snapshots)
    (history / "20000101T000000Z-deadbeef_classification.json").write_text("{ torn")  # never read again
    code, _, err = run("classify", str(tree), "--history-dir", str(history))
    assert err == ""
    trends = json.loads((history / "trends.json").read_text())
    assert len(trends) == 3
    assert trends[0] == {"snapshot": trends[0]["snapshot"], "timestamp": "2026-11-18T11:06:40Z", "total": 10,
                         "failed": 4, "suppressed": 0,
                         "categories": {"IOError": 1, "OK": 6, "ParseError": 1, "UnsupportedFeature": 1,
                                        "ValidationError": 1}}
    log_lines = [json.loads(line) for line in (history / "classify.log").read_text().splitlines()]
    assert {entry["event"] for entry in log_lines} >= {"run-recorded"}
    assert len({entry["run_id"] for entry in log_lines}) == 3


def test_concurrent_runs_share_one_history_dir(tree, tmp_path) -> None:
    history = tmp_path / "hist"
    cmd = [sys.executable, "-m", "aetherlint", "classify", str(tree), "--history-dir", str(history), "--jobs", "1"]
    procs = [subprocess.Popen([*cmd, "--output", f"o{i}.json", "--markdown", f"o{i}.md"], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i in range(2)]
    for proc in procs:
        proc.communicate(timeout=300)
        assert proc.returncode == 1
    assert len(list(history.glob("*_classification.json"))) == 2
    trends = json.loads((history / "trends.json").read_text())
    assert len(trends) == 2 and trends[0]["snapshot"] != trends[1]["snapshot"]


def test_cache_hit_and_invalidation(run, tree, tmp_path, monkeypatch) -> None:
    classify(run, tree)
    cache_dir = tree / ".aetherlint_cache"
    assert (cache_dir / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (cache_dir / ".gitignore").read_text().endswith("*\n")
    from aetherlint.runner.cache import ResultCache

    cache = ResultCache(tree)
    key = cache.key((tree / "ok/good0.aether").read_bytes())
    entry = next(cache_dir.rglob(f"{key}.json"))
    tampered = json.loads(entry.read_text())
    tampered["code"], tampered["phase"] = 25, "validate"
    tampered["diagnostics"] = [Diagnostic("AE2501", 1, 1, "unknown function 'cached'").to_plain()]
    entry.write_text(json.dumps(tampered))  # a cache hit now shows this result
    classify(run, tree)
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    assert next(r for r in doc["workflows"] if r["path"] == "ok/good0.aether")["message"] == "unknown function 'cached'"
    classify(run, tree, "--no-cache")
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    assert next(r for r in doc["workflows"] if r["path"] == "ok/good0.aether")["code"] == 0
    write(tree, "ok/good0.aether", GOOD + "\n")  # the file changed: a new key
    classify(run, tree)
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    assert next(r for r in doc["workflows"] if r["path"] == "ok/good0.aether")["code"] == 0
    write(tree, "pyproject.toml", '[tool.aetherlint]\nextend-builtins = ["frob", "zap"]\n')
    classify(run, tree)  # the configuration changed: unknown.aether is checked again
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    assert next(r for r in doc["workflows"] if r["path"] == "bad/unknown.aether")["code"] == 0
    monkeypatch.setattr("aetherlint.runner.cache.grammar_hash", lambda: "a-new-grammar")  # a grammar upgrade
    assert ResultCache(tree).key(b"goal: x\n") != cache.key(b"goal: x\n")
    code, out, _ = run("clean", str(tree))
    assert code == 0 and out.startswith("Removed") and not cache_dir.exists()


def test_timeout_does_not_stall_the_run(run, tree, tmp_path) -> None:
    write(tree, "huge.aether", "x = len(1)\n" * 200_000)
    code, _, _ = classify(run, tree, "--timeout", "0.3", "--jobs", "2", "--no-cache")
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    huge = next(r for r in doc["workflows"] if r["path"] == "huge.aether")
    assert (huge["category"], huge["message"]) == ("Timeout", "timed out after 0.3 s")
    assert doc["summary"]["categories"]["OK"]["count"] == 6


INTERPRETER = '''
import json, sys, time
args = sys.argv[1:]
path = args[-1]
text = open(path, encoding="utf-8").read()
if "sleepy" in text:
    time.sleep(30)
if "boom" in text:
    if "--json-status" in args:
        print(json.dumps({"ok": False, "code": 21, "code_name": "RUNTIME_ERROR", "file": path,
                          "phase": "run", "message": "boom happened", "line": 2, "col": 1}))
    else:
        print("AETHER_ERROR_CODE:21", file=sys.stderr)
    sys.exit(1)
print(json.dumps({"ok": True, "code": 0, "code_name": "SUCCESS", "file": path}))
'''


@pytest.mark.parametrize("status_flag", ["--json-status", "--emit-error-code"])
def test_run_cmd_execution_phase(run, tmp_path, status_flag) -> None:
    root = tmp_path / "flows"
    write(root, "ok.aether", 'log "fine"\n')
    write(root, "boom.aether", 'log "boom"\nlog "again"\n')
    write(root, "sleepy.aether", 'log "sleepy"\n')
    write(root, "broken.aether", BROKEN)
    interpreter = write(tmp_path, "aether.py", INTERPRETER)
    cmd = f'"{sys.executable}" "{interpreter}" {status_flag} {{path}}'
    code, _, _ = classify(run, root, "--run-cmd", cmd, "--timeout", "2", "--no-cache")
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    by_path = {r["path"]: r for r in doc["workflows"]}
    assert code == 1
    assert (by_path["ok.aether"]["category"], by_path["ok.aether"]["phase"]) == ("OK", "run")
    assert by_path["boom.aether"]["category"] == "RuntimeError"
    if status_flag == "--json-status":
        assert (by_path["boom.aether"]["message"], by_path["boom.aether"]["line"]) == ("boom happened", 2)
    assert by_path["sleepy.aether"]["category"] == "Timeout"
    assert by_path["broken.aether"]["category"] == "ParseError"  # never executed


def test_usage_errors(run, tmp_path) -> None:
    code, _, err = run("classify", str(tmp_path / "missing"))
    assert code == 2 and "not a directory" in err
    code, _, err = run("classify", str(tmp_path), "--jobs", "0")
    assert code == 2
    code, _, err = run("classify", str(tmp_path), "--suppressions", str(tmp_path / "nope.txt"))
    assert code == 2 and "suppressions file not found" in err
    code, _, err = run("suppress", "--from", str(tmp_path / "nope.json"))
    assert code == 2 and "run `aetherlint classify` first" in err


def test_empty_tree_and_exit_zero(run, tree, tmp_path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _ = classify(run, empty)
    assert code == 0 and out.startswith("Classified 0 workflows: 0 failing (0.0%)")
    code, _, _ = classify(run, tree, "--exit-zero")
    assert code == 0
