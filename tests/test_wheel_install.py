"""Build the wheel, install it (non-editable) into a fresh venv and run the installed CLI.

This catches packaging mistakes that the editable install hides, most importantly a wheel
that does not ship the Lark grammar (``aetherlint/grammar/*.lark``, force-included from the
top-level ``grammar/`` directory) or the HTML report's templates (package data).
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import copy_repository

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
VALID_FILE = REPO / "fixtures" / "valid" / "brace" / "crate_ledger.aether"
VALID_DIR = REPO / "fixtures" / "valid"
BAD_FILE = REPO / "fixtures" / "invalid" / "parse" / "extra_brace.aether"
TIMEOUT = 600

def _run(cmd: list[str | os.PathLike[str]], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        **kwargs,
    )


def _check(proc: subprocess.CompletedProcess[str], what: str) -> None:
    assert proc.returncode == 0, (
        f"{what} failed with exit status {proc.returncode}\n"
        f"--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
    )


def _venv_exe(venv: Path, name: str) -> Path:
    if os.name == "nt":
        return venv / "Scripts" / f"{name}.exe"
    return venv / "bin" / name


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build the wheel from a clean copy of the repository and install it into a new venv."""
    base = tmp_path_factory.mktemp("wheel-install")
    src = base / "src"
    copy_repository(src)

    outdir = base / "dist"
    proc = _run([sys.executable, "-m", "build", "--wheel", "--outdir", outdir, src], cwd=src)
    _check(proc, "python -m build --wheel")
    wheels = sorted(outdir.glob("aetherlint-*.whl"))
    assert len(wheels) == 1, f"expected exactly one wheel in {outdir}, found {wheels}"
    wheel = wheels[0]

    venv = base / "venv"
    _check(_run([sys.executable, "-m", "venv", venv]), "python -m venv")
    python = _venv_exe(venv, "python")
    assert python.exists(), f"venv interpreter not found at {python}"

    # Run from a directory outside the source tree so nothing can be imported from it.
    proc = _run(
        [python, "-m", "pip", "install", "--no-input", f"{wheel}[report]"],  # the HTML report's extra too
        cwd=base,
    )
    _check(proc, f"pip install {wheel.name}[report]")

    aetherlint = _venv_exe(venv, "aetherlint")
    assert aetherlint.exists(), f"console script not installed at {aetherlint}"
    return {"base": base, "wheel": wheel, "venv": venv, "python": python, "aetherlint": aetherlint}


def _cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["AETHERLINT_NO_PARSER_CACHE"] = "1"
    env.pop("PYTHONPATH", None)
    env.pop("FORCE_COLOR", None)
    env["NO_COLOR"] = "1"
    return env


def test_wheel_contains_grammar(installed: dict[str, Path]) -> None:
    with zipfile.ZipFile(installed["wheel"]) as zf:
        names = set(zf.namelist())
    assert "aetherlint/grammar/aether.lark" in names, sorted(names)
    # Every grammar file of the source tree must be shipped (aether.lark imports the others).
    for lark in sorted((REPO / "grammar").glob("*.lark")):
        assert f"aetherlint/grammar/{lark.name}" in names, f"{lark.name} missing from the wheel"


def test_installed_package_contains_grammar(installed: dict[str, Path]) -> None:
    proc = _run(
        [
            installed["python"],
            "-c",
            "import pathlib, aetherlint; print(pathlib.Path(aetherlint.__file__).resolve().parent)",
        ],
        cwd=installed["base"],
        env=_cli_env(),
    )
    _check(proc, "import aetherlint in the venv")
    pkg_dir = Path(proc.stdout.strip())
    # Non-editable: the package must live in the venv, not in the source tree.
    assert installed["venv"].resolve() in pkg_dir.parents, pkg_dir
    assert (pkg_dir / "grammar" / "aether.lark").is_file(), f"no grammar/aether.lark in {pkg_dir}"


def test_installed_cli_check_valid_file(installed: dict[str, Path]) -> None:
    proc = _run(
        [installed["aetherlint"], "check", VALID_FILE], cwd=installed["base"], env=_cli_env()
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_installed_cli_check_valid_corpus(installed: dict[str, Path]) -> None:
    # Every dialect has to parse with the installed grammar, not only the brace one.
    proc = _run(
        [installed["aetherlint"], "check", VALID_DIR], cwd=installed["base"], env=_cli_env()
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_installed_cli_check_broken_file(installed: dict[str, Path]) -> None:
    proc = _run(
        [installed["aetherlint"], "check", BAD_FILE], cwd=installed["base"], env=_cli_env()
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "AE2004" in proc.stdout, proc.stdout + proc.stderr


def test_installed_cli_explain(installed: dict[str, Path]) -> None:
    proc = _run(
        [installed["aetherlint"], "explain", "AE2501"], cwd=installed["base"], env=_cli_env()
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "unknown-function" in proc.stdout, proc.stdout + proc.stderr


def test_wheel_contains_the_report_templates(installed: dict[str, Path]) -> None:
    with zipfile.ZipFile(installed["wheel"]) as zf:
        names = set(zf.namelist())
    templates = REPO / "aetherlint" / "reports" / "html" / "templates"
    for template in sorted(templates.iterdir()):
        assert f"aetherlint/reports/html/templates/{template.name}" in names, f"{template.name} missing from the wheel"


def test_installed_cli_report(installed: dict[str, Path], tmp_path: Path) -> None:
    proc = _run([installed["aetherlint"], "classify", VALID_DIR, "--no-history", "--html", "r.html"], cwd=tmp_path,
                env=_cli_env())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = _run([installed["aetherlint"], "report", "-o", "again.html"], cwd=tmp_path, env=_cli_env())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = (tmp_path / "again.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'id="files-table"' in page
    assert page == (tmp_path / "r.html").read_text(encoding="utf-8")
