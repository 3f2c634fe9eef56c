"""The result cache is untrusted input: a malformed, planted or special entry is a miss, never a
crash or a wrong answer, and a result is only ever stored under the key of the bytes checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aetherlint.diagnostic import Diagnostic
from aetherlint.runner.cache import ResultCache
from conftest import ROOT, child_pids, write

GOOD = 'plugin widget {\n    fn spin(w) {\n        log "spin {w.id}"\n    }\n}\n'
BROKEN = "let total = )\n"
BIG = "x = len(1)\n" * 360_000  # about 4 MB of valid Aether: seconds of work for one worker
POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="symlinks, FIFOs and /dev/zero are POSIX")
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def _entry(run, tmp_path: Path) -> Path:
    """Check a good file once (filling the cache) and return its entry."""
    good = write(tmp_path, "good.aether", GOOD)
    assert run("check", str(good))[0] == 0
    key = ResultCache(tmp_path).key(GOOD.encode())
    return next((tmp_path / ".aetherlint_cache").rglob(f"{key}.json"))


def _good_entry() -> dict:
    return {"path": "good.aether", "code": 0, "phase": "validate", "diagnostics": [], "traceback": None, "directives": []}


def _diag(**changes: object) -> dict:
    """A diagnostic as the cache stores it (Diagnostic.to_plain), with `changes`."""
    plain = Diagnostic("AE2501", 1, 1, "unknown function 'planted'").to_plain()
    plain.update(changes)
    return plain


def _bad_entry(**changes: object) -> str:
    entry = {**_good_entry(), "code": 25, "diagnostics": [_diag()]}
    entry.update(changes)
    return json.dumps(entry)


TAMPERED = {
    "unknown code": _bad_entry(code=99),
    "unknown rule": _bad_entry(diagnostics=[_diag(rule="AE9999")]),
    "string line": _bad_entry(diagnostics=[_diag(line="1")]),
    "bool column": _bad_entry(diagnostics=[_diag(col=True)]),
    "short diagnostic": _bad_entry(diagnostics=[{"rule": "AE2501", "line": 1, "col": 1}]),
    "old list shape": _bad_entry(diagnostics=[["AE2501", 1, 1, "planted", "", 0, []]]),
    "unknown severity": _bad_entry(diagnostics=[_diag(severity="fatal")]),
    "end before start": _bad_entry(diagnostics=[_diag(line=3, end_line=2)]),
    "warning only but failed": _bad_entry(diagnostics=[_diag(severity="warning")]),
    "error but passed": _bad_entry(code=0),
    "unknown phase": _bad_entry(phase="later"),
    "code of another rule": _bad_entry(code=20),
    "failure without a diagnostic": _bad_entry(diagnostics=[]),
    "uncached code": _bad_entry(code=27, diagnostics=[_diag(rule="AE2701")]),
    "extra key": _bad_entry(extra=1),
    "extra diagnostic key": _bad_entry(diagnostics=[_diag(extra=1)]),
    "directive not a list": _bad_entry(directives=[{"line": 1}]),
    "directive of no scope": _bad_entry(directives=[[1, 1, 5, "block", [], ""]]),
    "non-dict JSON": "[1, 2, 3]",
    "nested 100,000 deep": "[" * 100_000 + "]" * 100_000,
    "5,000-digit line": _bad_entry(diagnostics=[_diag(line=7, end_line=7)]).replace("7", "9" * 5000, 1),
    "not UTF-8": b'{"path": "\xff"}',
    "related not a list": _bad_entry(diagnostics=[_diag(related=5)]),
    "related line zero": _bad_entry(diagnostics=[_diag(related=[{"line": 0, "col": 1, "message": "x"}])]),
    "related without a note": _bad_entry(diagnostics=[_diag(related=[{"line": 1, "col": 1}])]),
    "fix with a bad applicability": _bad_entry(
        diagnostics=[_diag(fix={"description": "x", "applicability": "maybe", "edits": []})]
    ),
    "fix edit not text": _bad_entry(
        diagnostics=[_diag(fix={"description": "x", "applicability": "safe",
                                "edits": [{"line": 1, "col": 1, "end_line": 1, "end_col": 1, "text": 5}]})]
    ),
}


@pytest.mark.parametrize("content", list(TAMPERED.values()), ids=list(TAMPERED))
def test_tampered_entry_is_a_miss(run, tmp_path, content) -> None:
    entry = _entry(run, tmp_path)
    entry.write_bytes(content if isinstance(content, bytes) else content.encode())
    code, out, err = run("check", str(tmp_path / "good.aether"))
    assert (code, out, err) == (0, "Checked 1 file: all passed.\n", "")


def test_a_failing_result_is_served_from_the_cache_with_its_related_locations(run, tmp_path) -> None:
    bad = write(tmp_path, "bad.aether", "fn a() {\n    if x {\n        y()\n}\n")
    first = run("check", str(bad))
    key = ResultCache(tmp_path).key(bad.read_bytes())
    entry = next((tmp_path / ".aetherlint_cache").rglob(f"{key}.json"))
    entry.write_text(entry.read_text().replace("is never closed", "(from the cache)"))
    second = run("check", str(bad))
    assert first[0] == second[0] == 1
    assert "(from the cache)" in second[1] and "note: '{' opened here" in second[1]


@POSIX_ONLY
def test_symlinked_entry_is_never_followed(run, tmp_path) -> None:
    entry = _entry(run, tmp_path)
    forged = write(tmp_path, "forged.json", _bad_entry())  # well-formed, so it would be believed
    entry.unlink()
    entry.symlink_to(forged)
    assert run("check", str(tmp_path / "good.aether"))[:2] == (0, "Checked 1 file: all passed.\n")
    folder = entry.parent
    real = tmp_path / "elsewhere"
    folder.rename(real)
    folder.symlink_to(real, target_is_directory=True)  # a symlinked folder inside the cache
    (real / entry.name).unlink()
    (real / entry.name).write_text(_bad_entry())
    assert run("check", str(tmp_path / "good.aether"))[:2] == (0, "Checked 1 file: all passed.\n")


@POSIX_ONLY
@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "huge"])
def test_special_or_huge_entry_is_a_miss_without_reading_it(tmp_path, kind) -> None:
    """In a subprocess with 1 GB of address space: reading /dev/zero or a 40 GB sparse entry whole
    would fail with MemoryError, a FIFO would block forever (the subprocess timeout)."""
    write(tmp_path, "good.aether", GOOD)
    check = [sys.executable, "-m", "aetherlint", "check", "good.aether"]
    subprocess.run(check, cwd=tmp_path, env=ENV, capture_output=True, timeout=120, check=True)
    key = ResultCache(tmp_path).key(GOOD.encode())
    entry = next((tmp_path / ".aetherlint_cache").rglob(f"{key}.json"))
    entry.unlink()
    if kind == "dev-zero":
        entry.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(entry)
    else:
        with open(entry, "wb") as handle:
            handle.truncate(40 * 10**9)
    proc = subprocess.run(check, cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=60,
                          preexec_fn=_limit_memory)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "Checked 1 file: all passed.\n", "")


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (10**9, 10**9))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the worker process through /proc")
def test_file_edited_during_the_run_is_cached_under_its_own_bytes(tmp_path) -> None:
    """The parent reads every file for the cache lookup before any worker starts; `z.aether` is
    edited while the only worker is busy with a slow file, before it reads `z.aether`."""
    root = tmp_path / "flows"
    write(root, "a_slow.aether", BIG)
    target = write(root, "z.aether", GOOD)
    cmd = [sys.executable, "-m", "aetherlint", "classify", str(root), "--no-history", "--jobs", "1", "--timeout", "600"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not child_pids(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    write(root, "z.aether", BROKEN)
    proc.communicate(timeout=600)
    statuses = _statuses(tmp_path)
    assert statuses["a_slow.aether"] == "OK"
    target.write_text(GOOD)  # back to the bytes the parent hashed: they were never checked
    subprocess.run(cmd, cwd=tmp_path, env=ENV, capture_output=True, timeout=600)
    assert _statuses(tmp_path)["z.aether"] == "OK"
    target.write_text(BROKEN)
    subprocess.run(cmd, cwd=tmp_path, env=ENV, capture_output=True, timeout=600)
    assert _statuses(tmp_path)["z.aether"] == "ParseError"


def _statuses(folder: Path) -> dict[str, str]:
    doc = json.loads((folder / "workflow_failures.json").read_text())
    return {r["path"]: r["category"] for r in doc["workflows"]}
