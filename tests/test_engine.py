"""The parallel engine: same results in the same order for any --jobs, per-file timeouts, and a
worker that dies costing one file, not the run. Real files, real worker processes."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aetherlint.check import check_path
from aetherlint.runner.engine import Task, default_worker, run_tasks
from aetherlint.result import FileResult

from conftest import FIXTURES, ROOT, write

GOOD = 'plugin widget {\n    fn spin(w) {\n        log "spin {w.id}"\n    }\n}\n'
BIG = "x = len(1)\n" * 280_000  # about 3 MB of valid Aether: seconds of work, far over the timeouts below


def _dying_worker(task: Task, timeout: float) -> FileResult:
    """A test double for a worker killed from outside (the OOM killer): dies on `die.aether`."""
    if Path(task.path).name == "die.aether":
        os._exit(9)
    return default_worker(task, timeout)


def _raising_worker(task: Task, timeout: float) -> FileResult:
    if Path(task.path).name == "raise.aether":
        raise RuntimeError("boom")
    return default_worker(task, timeout)


def _tasks(root: Path, names: list[str]) -> list[Task]:
    return [Task(str(root / name), name) for name in names]


def _expected(tasks: list[Task]) -> list[FileResult]:
    return [check_path(Path(t.path), t.display, t.extra_builtins) for t in tasks]


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, list[str]]:
    """The bundled fixtures (valid and broken, every dialect, IO errors) plus a missing file."""
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURES, root)
    names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.aether"))
    write(root, "extra/unknown.aether", "x = frob(1)\n")
    return root, [*names, "extra/unknown.aether", "extra/missing.aether"]


@pytest.fixture(autouse=True)
def _no_leftover_workers():
    yield
    assert multiprocessing.active_children() == []


def test_same_results_same_order_for_any_jobs(corpus) -> None:
    root, names = corpus
    tasks = _tasks(root, names)
    expected = _expected(tasks)
    assert len(tasks) >= 40
    assert {r.code for r in expected} >= {0, 20, 24, 25, 26}
    for jobs in (1, 2, 4):
        seen: list[int] = []
        results = run_tasks(tasks, jobs=jobs, timeout=30, chunk_size=5, on_result=lambda i, _r: seen.append(i))
        assert results == expected, jobs
        assert [r.diagnostics for r in results] == [r.diagnostics for r in expected]  # source, occurrence…
        assert sorted(seen) == list(range(len(tasks)))


def test_extra_builtins_reach_the_worker(tmp_path: Path) -> None:
    write(tmp_path, "a.aether", "x = frob(1)\n")
    plain, configured = run_tasks(
        [Task(str(tmp_path / "a.aether"), "a.aether"), Task(str(tmp_path / "a.aether"), "a.aether", ("frob",))],
        jobs=2,
        timeout=30,
    )
    assert (plain.code, configured.code) == (25, 0)


def test_timeout_costs_one_file(tmp_path: Path) -> None:
    names = [f"ok{i}.aether" for i in range(10)]
    for name in names:
        write(tmp_path, name, GOOD)
    write(tmp_path, "bad.aether", "let total = )\n")
    write(tmp_path, "big.aether", BIG)
    names[1:1] = ["big.aether", "bad.aether"]  # early in a chunk: the rest of it is re-queued
    tasks = _tasks(tmp_path, names)
    results = run_tasks(tasks, jobs=2, timeout=0.2, chunk_size=4)
    big = results[1]
    assert (big.path, big.code, big.code_name, big.phase) == ("big.aether", 23, "TIMEOUT_ERROR", "parse")
    assert [(d.rule, d.line, d.col, d.message) for d in big.diagnostics] == [("AE2301", 1, 1, "timed out after 0.2 s")]
    others = [t for t in tasks if t.display != "big.aether"]
    assert [r for r in results if r.path != "big.aether"] == _expected(others)
    assert results[2].code == 20


def test_dead_worker_costs_one_file(tmp_path: Path) -> None:
    names = [f"ok{i}.aether" for i in range(12)]
    for name in names:
        write(tmp_path, name, GOOD)
    write(tmp_path, "die.aether", GOOD)
    write(tmp_path, "unknown.aether", "x = frob(1)\n")
    names[5:5] = ["die.aether", "unknown.aether"]
    tasks = _tasks(tmp_path, names)
    seen: list[int] = []
    results = run_tasks(tasks, jobs=2, timeout=30, chunk_size=4, worker=_dying_worker, on_result=lambda i, _r: seen.append(i))
    died = results[5]
    assert (died.path, died.code, died.code_name) == ("die.aether", 27, "INTERNAL_ERROR")
    assert died.first is not None and died.first.rule == "AE2701"
    assert "worker process died (exit code 9)" in died.first.message
    assert [r for r in results if r.path != "die.aether"] == _expected([t for t in tasks if t.display != "die.aether"])
    assert results[6].code == 25
    assert sorted(seen) == list(range(len(tasks)))


def test_worker_exception_is_an_internal_error_for_that_file(tmp_path: Path) -> None:
    write(tmp_path, "raise.aether", GOOD)
    write(tmp_path, "ok.aether", GOOD)
    crashed, ok = run_tasks(_tasks(tmp_path, ["raise.aether", "ok.aether"]), jobs=1, timeout=30, worker=_raising_worker)
    assert (crashed.code, crashed.first.rule, crashed.first.message) == (27, "AE2701", "internal error: RuntimeError")
    assert crashed.traceback and "boom" in crashed.traceback
    assert ok.ok


def test_argument_checks() -> None:
    with pytest.raises(ValueError):
        run_tasks([Task("a.aether", "a.aether")], jobs=0, timeout=1)
    assert run_tasks([], jobs=4, timeout=1) == []


SPAWN_SCRIPT = """
import multiprocessing, sys
from aetherlint.runner.engine import Task, run_tasks

if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    root = sys.argv[1]
    names = ["a.aether", "big.aether", "b.aether"]
    results = run_tasks([Task(f"{root}/{n}", n) for n in names], jobs=2, timeout=0.5, chunk_size=2)
    print([(r.path, r.code) for r in results])
"""


def test_spawn_start_method(tmp_path: Path) -> None:
    """What Windows uses: module-level worker target, picklable tasks, deadlines in the parent."""
    write(tmp_path, "a.aether", GOOD)
    write(tmp_path, "b.aether", "x = frob(1)\n")
    write(tmp_path, "big.aether", BIG)
    script = write(tmp_path, "spawn_run.py", SPAWN_SCRIPT)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run(
        [sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[('a.aether', 0), ('big.aether', 23), ('b.aether', 25)]"
