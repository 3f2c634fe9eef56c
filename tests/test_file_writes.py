"""Writes keep what they do not own: artifacts never replace a device, a FIFO or a symlink, and
`migrate --apply` keeps links, hard links, owner, mode and extended attributes of the user's file."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types and metadata")
LEGACY = "goal: free text priority: high\n"
MIGRATED = b'goal: "free text" priority: high\n'


def _baseline(tmp_path: Path) -> str:
    path = tmp_path / "base.json"
    path.write_text(json.dumps({"by_code": {"PARSE_ERROR": 0}, "files": []}))
    return str(path)


def _commands(tmp_path: Path, target: str) -> dict[str, list[str]]:
    flows = tmp_path / "flows"
    write(flows, "a.aether", 'log "fine"\n')
    base = _baseline(tmp_path)
    return {
        "classify --output": ["classify", str(flows), "--no-history", "--output", target],
        "classify --markdown": ["classify", str(flows), "--no-history", "--markdown", target],
        "baseline --output": ["baseline", str(flows), "--output", target],
        "gate --results": ["gate", "--new", base, "--ref", base, "--results", target],
        "gate --sign-off": ["gate", "--new", base, "--ref", base, "--sign-off", target],
        "migrate --report": ["migrate", "--check", str(flows), "--report", target],
    }


COMMANDS = ["classify --output", "classify --markdown", "baseline --output", "gate --results", "gate --sign-off",
            "migrate --report"]


@POSIX
@pytest.mark.parametrize("which", COMMANDS)
def test_an_output_that_is_a_fifo_is_a_usage_error_and_stays_a_fifo(run, tmp_path, which) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    code, _, err = run(*_commands(tmp_path, str(fifo))[which])
    assert code == 2
    assert err.strip().splitlines() == [f"aetherlint: error: {fifo}: exists and is not a regular file (a FIFO)"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@POSIX
@pytest.mark.parametrize("which", ["classify --output", "gate --results"])
def test_an_output_that_is_a_device_or_a_directory_is_a_usage_error(run, tmp_path, which) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    code, _, err = run(*_commands(tmp_path, str(folder))[which])
    assert (code, err) == (2, f"aetherlint: error: {folder}: exists and is not a regular file (a directory)\n")
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("creating a device node needs root on Linux")
    code, _, err = run(*_commands(tmp_path, str(device))[which])
    assert (code, err) == (2, f"aetherlint: error: {device}: exists and is not a regular file (a character device)\n")
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_dash_writes_the_artifact_to_stdout(run, tmp_path) -> None:
    flows = tmp_path / "flows"
    write(flows, "a.aether", 'log "fine"\n')
    code, out, err = run("classify", str(flows), "--no-history", "--output", "-", "--markdown", "")
    assert code == 0
    assert json.loads(out)["summary"]["total"] == 1  # the summary line moved to stderr
    assert err.startswith("Classified 1 workflow:")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("spelling", ["same.json", "./sub/../same.json"])
def test_the_same_file_for_two_outputs_is_a_usage_error(run, tmp_path, spelling) -> None:
    (tmp_path / "sub").mkdir()
    flows = tmp_path / "flows"
    write(flows, "a.aether", 'log "fine"\n')
    code, _, err = run("classify", str(flows), "--no-history", "--output", "same.json", "--markdown", spelling)
    assert code == 2
    assert err == f"aetherlint: error: --output and --markdown name the same file ({spelling})\n"
    assert not (tmp_path / "same.json").exists()
    base = _baseline(tmp_path)
    code, _, err = run("gate", "--new", base, "--ref", base, "--results", "same.json", "--sign-off", spelling)
    assert code == 2 and "--results and --sign-off name the same file" in err


@POSIX
def test_the_same_file_through_a_symlink_is_a_usage_error(run, tmp_path) -> None:
    flows = tmp_path / "flows"
    write(flows, "a.aether", 'log "fine"\n')
    (tmp_path / "real.json").write_text("{}")
    (tmp_path / "link.md").symlink_to("real.json")
    code, _, err = run("classify", str(flows), "--no-history", "--output", "real.json", "--markdown", "link.md")
    assert code == 2 and "name the same file" in err
    assert (tmp_path / "real.json").read_text() == "{}"


@POSIX
def test_an_output_symlink_is_kept_and_its_target_written(run, tmp_path) -> None:
    flows = tmp_path / "flows"
    write(flows, "a.aether", 'log "fine"\n')
    (tmp_path / "artifacts").mkdir()
    (tmp_path / "out.json").symlink_to("artifacts/real.json")
    code, _, _ = run("classify", str(flows), "--no-history", "--output", "out.json")
    assert code == 0
    assert os.readlink(tmp_path / "out.json") == "artifacts/real.json"
    assert json.loads((tmp_path / "artifacts/real.json").read_text())["summary"]["total"] == 1


@POSIX
def test_an_existing_artifact_keeps_its_mode(run, tmp_path) -> None:
    flows = tmp_path / "flows"
    write(flows, "a.aether", 'log "fine"\n')
    (tmp_path / "out.json").write_text("{}")
    (tmp_path / "out.json").chmod(0o640)
    run("classify", str(flows), "--no-history", "--output", "out.json")
    assert stat.S_IMODE((tmp_path / "out.json").stat().st_mode) == 0o640


def test_debris_of_a_killed_write_is_removed_by_the_next_run(run, tmp_path) -> None:
    flows = tmp_path / "flows"
    write(flows, "a.aether", 'log "fine"\n')
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    debris = tmp_path / f".workflow_failures.json.aetherlint-{dead_pid}-k1ll3d00.tmp"
    live = tmp_path / f".workflow_failures.md.aetherlint-{os.getpid()}-wr1t1ng0.tmp"  # a write in progress
    old = tmp_path / f".trends.json.aetherlint-{os.getpid()}-0ld0ld00.tmp"
    foreign = tmp_path / ".notes.txt.tmp"  # not ours
    for path in (debris, live, old, foreign):
        path.write_text("partial")
    os.utime(old, (1, 1))  # a day-old temp file is debris whoever's pid it names
    code, _, _ = run("classify", str(flows), "--no-history")
    assert code == 0
    assert not debris.exists() and not old.exists()
    assert live.exists() and foreign.exists()


# ---- migrate --apply --------------------------------------------------------------------------


@POSIX
def test_migrate_rewrites_the_target_of_a_symlink_inside_root_and_keeps_the_link(run, tmp_path) -> None:
    target = write(tmp_path, "proj/real/flow.aether", LEGACY)
    link = tmp_path / "proj/flow.aether"
    link.symlink_to("real/flow.aether")
    code, out, err = run("migrate", "--apply", str(link))
    assert code == 0, out + err
    assert link.is_symlink() and os.readlink(link) == "real/flow.aether"
    assert target.read_bytes() == MIGRATED


@POSIX
def test_migrate_skips_a_symlink_leading_outside_root(run, tmp_path) -> None:
    outside = write(tmp_path, "elsewhere/flow.aether", LEGACY)
    (tmp_path / "proj").mkdir()
    link = tmp_path / "proj/flow.aether"
    link.symlink_to(outside)
    code, out, err = run("migrate", "--apply", str(link))
    assert code == 0
    assert err == f"{link}: skipped: symbolic link leading outside the project ({outside})\n"
    assert link.is_symlink() and outside.read_text() == LEGACY


@POSIX
def test_migrate_keeps_hard_links(run, tmp_path) -> None:
    first = write(tmp_path, "proj/a.aether", LEGACY)
    second = tmp_path / "proj/b.aether"
    os.link(first, second)
    inode = first.stat().st_ino
    code, out, err = run("migrate", "--apply", str(first))
    assert code == 0, out + err
    assert (first.stat().st_ino, first.stat().st_nlink) == (inode, 2)
    assert second.read_bytes() == MIGRATED


@pytest.mark.skipif(not hasattr(os, "chown") or os.geteuid() != 0, reason="changing a file's owner needs root")
def test_migrate_keeps_owner_and_group(run, tmp_path) -> None:
    path = write(tmp_path, "proj/a.aether", LEGACY)
    os.chown(path, 12345, 23456)
    code, out, err = run("migrate", "--apply", str(path))
    assert code == 0, out + err
    assert (path.stat().st_uid, path.stat().st_gid) == (12345, 23456)
    assert path.read_bytes() == MIGRATED


@pytest.mark.skipif(not hasattr(os, "setxattr"), reason="extended attributes are Linux-only in os")
def test_migrate_keeps_extended_attributes(run, tmp_path) -> None:
    path = write(tmp_path, "proj/a.aether", LEGACY)
    try:
        os.setxattr(path, "user.aetherlint.test", b"kept")
    except OSError as exc:
        pytest.skip(f"this file system refuses user xattrs ({exc.strerror})")
    code, out, err = run("migrate", "--apply", str(path))
    assert code == 0, out + err
    assert "user.aetherlint.test" in os.listxattr(path)
    assert os.getxattr(path, "user.aetherlint.test") == b"kept"
    assert path.read_bytes() == MIGRATED


@POSIX
def test_migrate_skips_a_read_only_file_unless_forced(run, tmp_path) -> None:
    path = write(tmp_path, "proj/a.aether", LEGACY)
    path.chmod(0o444)
    code, out, err = run("migrate", "--apply", str(path))
    assert code == 0
    assert err == f"{path}: skipped: read-only (--force rewrites it)\n"
    assert path.read_text() == LEGACY
    code, out, err = run("migrate", "--apply", "--force", str(path))
    assert code == 0, out + err
    assert path.read_bytes() == MIGRATED
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


@POSIX
def test_migrate_never_opens_a_fifo(tmp_path) -> None:
    (tmp_path / "proj").mkdir()
    fifo = tmp_path / "proj/pipe.aether"
    os.mkfifo(fifo)
    # A FIFO without a writer blocks whoever opens it: a subprocess, so a regression hangs no test run.
    proc = subprocess.run([sys.executable, "-m", "aetherlint", "migrate", "--apply", str(fifo)],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stderr == f"{fifo}: skipped: not a regular file (a FIFO)\n"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
