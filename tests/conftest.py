from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest

from aetherlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
FIXTURES = ROOT / "fixtures"
# What a copy of the repository leaves out: VCS data, build output, caches.
_COPY_IGNORE = shutil.ignore_patterns(
    ".git", "__pycache__", "*.egg-info", "build", "dist", ".venv", ".pytest_cache", ".hypothesis", ".aetherlint_cache"
)


def copy_repository(dest: Path) -> Path:
    """A clean copy of this repository's sources (for building wheels or pre-commit hook repos)."""
    shutil.copytree(ROOT, dest, ignore=_COPY_IGNORE)
    return dest


@pytest.fixture(autouse=True)
def _plain_output(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests see the output a user sees in a pipe: no colour unless a test asks for it; each test
    runs in its own folder, so result caches and artifacts never leak between tests."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for var in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):  # a test run inside GitHub Actions
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(autouse=True)
def _sarif_files_are_valid(tmp_path: Path) -> Iterator[None]:
    """Every SARIF file a test leaves in its folder validates against the official schema."""
    yield
    try:
        found = sorted(p for p in tmp_path.rglob("*.sarif") if p.is_file() and not p.is_symlink())
    except OSError:  # a folder a test made unreadable
        found = []
    if found:
        from sarif_schema import validate_file

        for path in found:
            try:
                validate_file(path)
            except AssertionError as exc:
                pytest.fail(f"{path.relative_to(tmp_path)} is not valid SARIF 2.1.0:\n{exc}")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """Run the real CLI in-process: returns (exit status, stdout, stderr)."""

    def _run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def child_pids(pid: int) -> list[int]:
    """The children of process `pid`, from /proc (Linux only)."""
    out = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            out += [int(c) for c in children.read_text().split()]
        except OSError:
            pass
    return out
