"""Workers never outlive classify: not after SIGKILL of the parent (the kernel or a watchdog
ends them), not after SIGTERM (handled like Ctrl-C: workers stopped, nothing written, exit 143).
Real processes, real signals; workers are found through /proc."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, child_pids, write

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="finds worker processes through /proc (Linux only)"
)
SLOW = "x = len(1)\n" * 360_000  # about 4 MB: seconds of work per file, far under the timeout
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper that never comes in a container counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _start_classify(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    root = tmp_path / "flows"
    for i in range(6):
        write(root, f"slow{i}.aether", SLOW)
    cmd = [sys.executable, "-m", "aetherlint", "classify", str(root), "--jobs", "2", "--timeout", "600",
           "--no-cache", "--no-history"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while len(child_pids(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = child_pids(proc.pid)
    assert len(workers) == 2, "classify did not start its two workers"
    return proc, workers


def _gone_within(workers: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.02)
    return [p for p in workers if _alive(p)]


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_workers_never_outlive_classify(tmp_path, signum) -> None:
    proc, workers = _start_classify(tmp_path)
    try:
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=60)
        survivors = _gone_within(workers, 2.0)
        assert survivors == [], f"workers {survivors} outlived classify"
    finally:
        for pid in workers:  # only the processes this test started
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    if signum == signal.SIGTERM:
        assert proc.returncode == 143
        assert err.splitlines() == ["aetherlint: terminated by SIGTERM; stopped without writing results"]
        assert out == ""
        assert not (tmp_path / "workflow_failures.json").exists()
        assert not (tmp_path / "workflow_failures.md").exists()
