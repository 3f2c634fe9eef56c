"""Run history: snapshots are pruned to `history-keep`, trends.json grows from each new run alone,
and no run loses its snapshot to another one holding the lock."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import portalocker
import pytest

from conftest import write


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "flows"
    write(root, "ok.aether", 'log "fine"\n')
    write(root, "bad.aether", "let total = )\n")
    return root


def classify_cmd(tree: Path, history: Path, i: int) -> list[str]:
    return [sys.executable, "-m", "aetherlint", "classify", str(tree), "--history-dir", str(history), "--jobs", "1",
            "--output", f"o{i}.json", "--markdown", f"o{i}.md"]


def snapshots(history: Path) -> list[str]:
    return sorted(p.name for p in history.glob("*_classification.json"))


def test_six_concurrent_runs_keep_all_their_snapshots(tree, tmp_path) -> None:
    history = tmp_path / "hist"
    procs = [subprocess.Popen(classify_cmd(tree, history, i), cwd=tmp_path, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for i in range(6)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert (proc.returncode, err) == (1, "")
    names = snapshots(history)
    assert len(names) == 6
    assert sorted(p["snapshot"] for p in json.loads((history / "trends.json").read_text())) == names


def test_a_run_writes_its_snapshot_while_another_holds_the_lock(tree, tmp_path) -> None:
    history = tmp_path / "hist"
    history.mkdir()
    with portalocker.Lock(str(history / ".lock"), timeout=5):
        proc = subprocess.Popen(classify_cmd(tree, history, 0), cwd=tmp_path, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while not snapshots(history) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        written = snapshots(history)  # the big write never waits for the lock
    proc.communicate(timeout=300)
    assert proc.returncode == 1
    assert len(written) == 1
    assert [p["snapshot"] for p in json.loads((history / "trends.json").read_text())] == written


def test_trends_grow_from_the_new_run_alone(run, tree, tmp_path) -> None:
    history = tmp_path / "hist"
    run("classify", str(tree), "--history-dir", str(history))
    first = history / snapshots(history)[0]
    planted = json.loads(first.read_text())
    planted["summary"]["total"] = 999  # a snapshot trends.json does not list is never read again
    (history / "20000101T000000Z-planted0_classification.json").write_text(json.dumps(planted))
    run("classify", str(tree), "--history-dir", str(history))
    assert [p["total"] for p in json.loads((history / "trends.json").read_text())] == [2, 2]


def test_an_unreadable_trends_file_restarts_from_this_run(run, tree, tmp_path) -> None:
    history = tmp_path / "hist"
    run("classify", str(tree), "--history-dir", str(history))
    (history / "trends.json").write_text("{ torn")
    code, _, err = run("classify", str(tree), "--history-dir", str(history))
    assert code == 1
    assert err == "aetherlint: warning: trends.json is not readable (not JSON); it restarts from this run\n"
    trends = json.loads((history / "trends.json").read_text())
    assert len(trends) == 1 and len(snapshots(history)) == 2


def test_pruning_keeps_the_last_history_keep_snapshots(run, tree, tmp_path) -> None:
    write(tree, "pyproject.toml", "[tool.aetherlint]\nhistory-keep = 3\n")
    history = tmp_path / "hist"
    created = []
    for _ in range(5):
        before = set(snapshots(history)) if history.exists() else set()
        code, _, err = run("classify", str(tree), "--history-dir", str(history))
        assert (code, err) == (1, "")
        created += sorted(set(snapshots(history)) - before)
    assert len(created) == 5
    assert snapshots(history) == sorted(created[-3:])
    assert [p["snapshot"] for p in json.loads((history / "trends.json").read_text())] == created[-3:]


@pytest.mark.parametrize("value", ["0", "-1", '"50"', "true", "2.5"])
def test_history_keep_must_be_a_positive_integer(run, tree, value) -> None:
    write(tree, "pyproject.toml", f"[tool.aetherlint]\nhistory-keep = {value}\n")
    code, _, err = run("classify", str(tree), "--no-history")
    assert code == 2
    assert err.endswith("[tool.aetherlint] history-keep must be an integer from 1 to 100000\n")


def test_a_lock_that_stays_taken_is_one_line_and_the_snapshot_is_kept(run, tree, tmp_path, monkeypatch) -> None:
    history = tmp_path / "hist"
    history.mkdir()
    monkeypatch.setattr("aetherlint.reports.history.LOCK_TIMEOUT", 0.5)  # a stuck run, without waiting a minute
    with portalocker.Lock(str(history / ".lock"), timeout=5):
        code, _, err = run("classify", str(tree), "--history-dir", str(history))
    assert code == 2
    names = snapshots(history)
    assert len(names) == 1
    assert err == (f"aetherlint: error: history: {history / '.lock'} stayed locked for 0.5 s; {names[0]} is written, "
                   "trends.json is not updated\n")
