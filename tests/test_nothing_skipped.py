"""Nothing is skipped silently: an unlistable folder is an IO_ERROR entry that fails the run, a
FIFO, socket or device is reported without being opened, links not followed are counted."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write

GOOD = 'plugin widget {\n    fn spin(w) {\n        log "spin {w.id}"\n    }\n}\n'
POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, sockets, devices and symlinks are POSIX")
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def _aetherlint(*args: str, cwd: Path, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """The real CLI in a subprocess (a FIFO opened by mistake blocks: the timeout fails the test)."""
    cmd = [*prefix, sys.executable, "-m", "aetherlint", *args]
    return subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=120)


def _without_root_privileges() -> tuple[str, ...]:
    """A command prefix under which permissions apply: nothing for a normal user; for root,
    setpriv dropping the capabilities that bypass them (skip if that is not possible)."""
    if os.name == "nt":
        pytest.skip("POSIX permissions")
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, and setpriv is missing to drop CAP_DAC_OVERRIDE")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search")


@pytest.fixture
def locked_tree(tmp_path):
    root = tmp_path / "flows"
    write(root, "a.aether", GOOD)
    write(root, "locked/b.aether", GOOD)
    (root / "locked").chmod(0)
    yield root
    (root / "locked").chmod(0o755)


def test_unreadable_folder_is_an_io_error_that_fails(tmp_path, locked_tree) -> None:
    prefix = _without_root_privileges()
    proc = _aetherlint("check", str(locked_tree), cwd=tmp_path, prefix=prefix)
    assert proc.returncode == 1, proc.stderr
    assert f"{locked_tree.as_posix()}/locked/:1:1: AE2606 unreadable-directory: permission denied" in proc.stdout
    assert proc.stdout.splitlines()[-1] == "Checked 2 files: 1 passed, 1 failed; 1 finding in 1 file (1 unreadable-directory)."
    proc = _aetherlint("check", "--json-status", str(locked_tree / "locked"), cwd=tmp_path, prefix=prefix)
    assert (proc.returncode, proc.stderr) == (1, "")  # passed explicitly: no PermissionError traceback
    status = json.loads(proc.stdout)
    assert (status["file"], status["code_name"], status["message"]) == (
        f"{(locked_tree / 'locked').as_posix()}/", "IO_ERROR", "permission denied")
    proc = _aetherlint("classify", str(locked_tree), "--no-history", "--no-cache", cwd=tmp_path, prefix=prefix)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    assert [(r["path"], r["category"], r["message"]) for r in doc["workflows"]] == [
        ("a.aether", "OK", "ok"), ("locked/", "IOError", "permission denied")]
    assert doc["summary"]["failed"] == 1


def _too_deep(root: Path) -> Path:
    """A folder whose path is longer than the OS allows (PATH_MAX): listing it fails even for
    root. Built with relative steps, which the OS does allow."""
    name = "d" * 200
    here = os.getcwd()
    try:
        os.chdir(root)
        for _ in range(24):
            os.mkdir(name)
            os.chdir(name)
        Path("deep.aether").write_text(GOOD)
    finally:
        os.chdir(here)
    return root


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="relies on Linux's PATH_MAX of 4096 bytes")
def test_folder_that_cannot_be_listed_even_as_root(run, tmp_path) -> None:
    root = tmp_path / "flows"
    write(root, "a.aether", GOOD)
    _too_deep(root)
    code, out, err = run("check", str(root))
    assert (code, err) == (1, "")
    assert "AE2606 unreadable-directory: file name too long" in out
    assert out.splitlines()[-1] == "Checked 2 files: 1 passed, 1 failed; 1 finding in 1 file (1 unreadable-directory)."
    code, out, _ = run("classify", str(root), "--no-history")
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    assert code == 1 and doc["summary"]["categories"]["IOError"]["count"] == 1
    assert doc["summary"]["failed"] == 1


@POSIX_ONLY
def test_special_files_are_never_opened(tmp_path) -> None:
    root = tmp_path / "flows"
    write(root, "a.aether", GOOD)
    os.mkfifo(root / "pipe.aether")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(root / "sock.aether"))
    try:
        proc = _aetherlint("check", str(root), str(root / "pipe.aether"), "/dev/null", cwd=tmp_path)
        assert proc.returncode == 1, proc.stderr
        lines = proc.stdout.splitlines()
        assert f"{root.as_posix()}/pipe.aether:1:1: AE2604 not-a-regular-file: not a regular file (FIFO)" in lines
        assert f"{root.as_posix()}/sock.aether:1:1: AE2604 not-a-regular-file: not a regular file (socket)" in lines
        assert "/dev/null:1:1: AE2604 not-a-regular-file: not a regular file (character device)" in lines
        # pipe.aether, found in the folder and named again, is reported once
        assert sum("pipe.aether:1:1:" in line for line in lines) == 1
        assert lines[-1] == "Checked 4 files: 1 passed, 3 failed; 3 findings in 3 files (3 not-a-regular-file)."
        proc = _aetherlint("classify", str(root), "--no-history", cwd=tmp_path)
        assert proc.returncode == 1, proc.stderr
        doc = json.loads((tmp_path / "workflow_failures.json").read_text())
        assert {r["path"]: r["code_name"] for r in doc["workflows"]} == {
            "a.aether": "SUCCESS", "pipe.aether": "IO_ERROR", "sock.aether": "IO_ERROR"}
    finally:
        server.close()


@POSIX_ONLY
def test_links_not_followed_are_counted_and_listed_with_verbose(run, tmp_path) -> None:
    root = tmp_path / "flows"
    write(root, "a.aether", GOOD)
    write(tmp_path, "outside/secret.aether", GOOD)
    os.symlink(tmp_path / "outside" / "secret.aether", root / "secret.aether")
    os.symlink(tmp_path / "outside", root / "escape")
    os.symlink(root / "nowhere.aether", root / "dangling.aether")
    note = " Skipped 3 symlinks (2 leading outside the root, 1 dangling; -v lists them)."
    code, out, err = run("check", str(root))
    assert (code, out, err) == (0, "Checked 1 file: all passed." + note + "\n", "")
    code, out, err = run("check", "-v", str(root))
    assert err.splitlines() == [
        f"{root.as_posix()}/escape: skipped symlink leading outside the root",
        f"{root.as_posix()}/secret.aether: skipped symlink leading outside the root",
        f"{root.as_posix()}/dangling.aether: skipped dangling symlink",
    ]
    code, out, err = run("classify", str(root), "--no-history", "-v")
    assert code == 0 and out.rstrip("\n").endswith(note)
    assert err.splitlines() == [
        "escape: skipped symlink leading outside the root",
        "secret.aether: skipped symlink leading outside the root",
        "dangling.aether: skipped dangling symlink",
    ]


def test_migrate_reports_an_unreadable_folder(tmp_path, locked_tree) -> None:
    prefix = _without_root_privileges()
    proc = _aetherlint("migrate", "--check", str(locked_tree), cwd=tmp_path, prefix=prefix)
    assert proc.returncode == 0, proc.stderr
    assert f"{locked_tree.as_posix()}/locked/: skipped: IO_ERROR: cannot list the folder (permission denied)" in proc.stderr
    assert "1 skipped" in proc.stdout
