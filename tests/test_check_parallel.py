"""`check` on many files uses the parallel engine (-j/--jobs), with output byte-identical to one
process and in sorted order; one file is checked in-process; the cache answers unchanged files."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, child_pids, write

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds worker processes through /proc")
LINE = 'log "tidy the bench, tidy the bench, tidy the bench, tidy the bench, tidy it"\n'  # 80 bytes
FILLER = LINE * 200  # 16 kB of valid Aether


def _corpus(root: Path, files: int = 40) -> None:
    """Enough bytes (640 kB) for several workers; every third file calls an unknown function, a
    few others do not parse (both reported with context lines)."""
    for i in range(files):
        tail = f"frob_{i}(1)\n" if i % 3 == 0 else "let x = )\n" if i % 7 == 1 else 'log "ok"\n'
        write(root, f"flows/{i % 4}/f{i:02}.aether", FILLER + tail)


def _check(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "aetherlint", "check", *args]
    return subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300)


def test_output_is_byte_identical_whatever_jobs_is(tmp_path) -> None:
    _corpus(tmp_path)
    runs = {
        name: _check("--no-cache", *args, "flows", "flows/0", cwd=tmp_path)
        for name, args in [("jobs 1", ["--jobs", "1"]), ("jobs 2", ["--jobs", "2"]), ("jobs 3", ["-j", "3"]),
                           ("timeout", ["--jobs", "2", "--timeout", "60"])]
    }
    reference = runs["jobs 1"]
    assert reference.returncode == 1 and reference.stderr == ""
    assert reference.stdout.count("AE2501 unknown-function") == 14
    names = [line.split(":")[0] for line in reference.stdout.splitlines() if "AE2501" in line]
    assert names == sorted(names)
    for name, proc in runs.items():
        assert (proc.returncode, proc.stdout, proc.stderr) == (1, reference.stdout, ""), name
    json_runs = [_check("--no-cache", "--json-status", "-j", j, "flows", cwd=tmp_path).stdout for j in ("1", "2")]
    strip = [[line.rsplit('"timestamp"', 1)[0] for line in out.splitlines()] for out in json_runs]
    assert strip[0] == strip[1] and len(strip[0]) == 40


def test_a_warm_cache_answers_every_file_whatever_jobs_is(run, tmp_path) -> None:
    _corpus(tmp_path)  # enough to start workers when cold
    cold = run("check", "--jobs", "2", "flows")
    for entry in (tmp_path / ".aetherlint_cache").rglob("*.json"):
        entry.write_text(entry.read_text().replace("unknown function", "(from the cache) unknown function"))
    warm = run("check", "--jobs", "2", "flows")
    assert cold[0] == warm[0] == 1
    assert warm[1].count("(from the cache)") == cold[1].count("unknown function") == 14
    assert run("check", "--jobs", "1", "flows")[1] == warm[1]


def _children_seen(args: list[str], cwd: Path) -> tuple[int, subprocess.CompletedProcess]:
    """The most child processes `check` had at once while it ran."""
    cmd = [sys.executable, "-m", "aetherlint", "check", *args]
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    most = 0
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        most = max(most, len(child_pids(proc.pid)))
        time.sleep(0.005)
    out, err = proc.communicate(timeout=60)
    return most, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


@LINUX
def test_many_files_start_workers_and_one_file_does_not(tmp_path) -> None:
    for i in range(4):
        write(tmp_path, f"many/f{i}.aether", LINE * 2_500)  # 200 kB each: enough work for 2 workers
    write(tmp_path, "one/big.aether", LINE * 10_000)
    most, proc = _children_seen(["--no-cache", "--jobs", "2", "many"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert most == 2
    most, proc = _children_seen(["--no-cache", "--jobs", "2", "one/big.aether"], tmp_path)
    assert (proc.returncode, most) == (0, 0)
    most, proc = _children_seen(["--no-cache", "--jobs", "1", "many"], tmp_path)
    assert (proc.returncode, most) == (0, 0)
