"""Resource bounds: `max-file-size` (never reading a larger file whole) and `check --timeout`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, write

GOOD = 'plugin widget {\n    fn spin(w) {\n        log "spin {w.id}"\n    }\n}\n'
BIG = "x = len(1)\n" * 280_000  # about 3 MB of valid Aether: seconds of work, far over the timeouts below
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def _sparse(path, size: int):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.truncate(size)  # no disk space used; reading it would still produce `size` bytes
    return path


def test_default_limit_is_5_mb(run, tmp_path) -> None:
    big = _sparse(tmp_path / "big.aether", 12_000_000)
    code, out, _ = run("check", "--json-status", str(big))
    status = json.loads(out)
    assert (code, status["code_name"], status["phase"]) == (1, "IO_ERROR", "read")
    assert status["message"] == "file too large (12.0 MB > 5 MB limit)"


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_a_larger_file_is_never_read_whole(tmp_path) -> None:
    """With 1 GB of address space, reading a 40 GB file whole would fail with MemoryError."""
    _sparse(tmp_path / "flows" / "huge.aether", 40 * 10**9)
    write(tmp_path, "flows/ok.aether", GOOD)

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (10**9, 10**9))

    for args in (["check", "flows"], ["classify", "flows", "--no-history", "--jobs", "1"]):
        proc = subprocess.run([sys.executable, "-m", "aetherlint", *args], cwd=tmp_path, env=ENV, text=True,
                              capture_output=True, timeout=120, preexec_fn=limit_memory)
        assert (proc.returncode, proc.stderr) == (1, ""), args
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    huge = next(r for r in doc["workflows"] if r["path"] == "huge.aether")
    assert (huge["category"], huge["message"]) == ("IOError", "file too large (40.0 GB > 5 MB limit)")


def test_option_and_config_set_the_limit(run, tmp_path) -> None:
    root = tmp_path / "flows"
    path = write(root, "medium.aether", "# " + "x" * 2397 + "\n")  # 2.4 kB of valid Aether
    code, out, _ = run("check", "--max-file-size", "1kB", str(path))
    assert code == 1 and "AE2605 file-too-large: file too large (2.4 kB > 1 kB limit)" in out
    write(tmp_path, "pyproject.toml", '[tool.aetherlint]\nmax-file-size = "2kB"\n')
    code, out, _ = run("check", str(path))
    assert code == 1 and "(2.4 kB > 2 kB limit)" in out
    assert run("check", "--max-file-size", "3000", str(path))[0] == 0  # the option wins over config
    run("classify", str(root), "--no-history")
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    assert doc["workflows"][0]["message"] == "file too large (2.4 kB > 2 kB limit)"
    run("classify", str(root), "--no-history", "--max-file-size", "5MB")
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    assert doc["workflows"][0]["category"] == "OK"


@pytest.mark.parametrize("value", ["nan", "0", "-5MB", "5XB", "1" * 5000])
def test_bad_limits_are_usage_errors(run, tmp_path, value) -> None:
    path = write(tmp_path, "a.aether", GOOD)
    code, _, err = run("check", "--max-file-size", value, str(path))
    assert code == 2 and "Traceback" not in err
    assert "Error: Invalid value for '--max-file-size': expected a positive size such as 5MB" in err
    write(tmp_path, "pyproject.toml", f"[tool.aetherlint]\nmax-file-size = {json.dumps(value)}\n")
    code, _, err = run("check", str(path))
    assert code == 2 and err.startswith("aetherlint: error:") and len(err.splitlines()) == 1


def test_check_timeout_is_a_timeout_error_for_that_file(run, tmp_path) -> None:
    big = write(tmp_path, "big.aether", BIG)
    good = write(tmp_path, "good.aether", GOOD)
    bad = write(tmp_path, "bad.aether", "let total = )\n")
    code, out, _ = run("check", "--json-status", "--timeout", "0.3", "--no-cache", str(big), str(good), str(bad))
    statuses = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [(s["code"], s["code_name"]) for s in statuses] == [
        (23, "TIMEOUT_ERROR"), (0, "SUCCESS"), (20, "PARSE_ERROR")]
    assert statuses[0]["message"] == "timed out after 0.3 s"
    code, out, _ = run("check", "--timeout", "60", str(good))  # within the limit: the same answer as without
    assert (code, out) == (0, "Checked 1 file: all passed.\n")


@pytest.mark.parametrize("value", ["nan", "0", "-1", "soon"])
def test_bad_check_timeout_is_a_usage_error(run, tmp_path, value) -> None:
    code, _, err = run("check", "--timeout", value, str(write(tmp_path, "a.aether", GOOD)))
    assert code == 2 and "Traceback" not in err
