"""`check` stays light: it must not import what only classification needs."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from conftest import FIXTURES

CLASSIFY_ONLY = ["tabulate", "concurrent_log_handler", "portalocker", "cryptography"]
REPORT_ONLY = ["jinja2", "markupsafe", "aetherlint.reports.html", "aetherlint.commands.report"]  # aetherlint[report]
SERVER_ONLY = ["pygls", "lsprotocol", "aetherlint.server"]  # the optional `server` extra


@pytest.mark.parametrize("modules", [CLASSIFY_ONLY, REPORT_ONLY, SERVER_ONLY], ids=["classification", "report", "language-server"])
def test_check_does_not_import_what_only_other_commands_need(modules: list[str]) -> None:
    """Not classification's modules; not the language server's, so the cold start of `check` is
    what it was before the server (pygls is installed here: the test extra has it)."""
    assert importlib.util.find_spec("pygls") is not None
    target = next((FIXTURES / "valid" / "brace").glob("*.aether"))
    code = (
        "import sys, json\n"
        "from aetherlint.cli import main\n"
        f"status = main(['check', '-q', {str(target)!r}])\n"
        f"print(json.dumps([status, [m for m in {modules!r} if m in sys.modules]]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    status, imported = json.loads(proc.stdout.strip().splitlines()[-1])
    assert status == 0, proc.stderr
    assert imported == []


def test_classify_imports_the_html_report_only_for_html(tmp_path) -> None:
    (tmp_path / "a.aether").write_text('log "ok"\n')
    imported = {}
    for name, extra in (("plain", []), ("html", ["--html", "r.html"])):
        code = (
            "import sys, json\n"
            "from aetherlint.cli import main\n"
            f"status = main(['classify', '.', '--no-history', *{extra!r}])\n"
            f"print(json.dumps([status, [m for m in {REPORT_ONLY!r} if m in sys.modules]]))\n"
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
        imported[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    assert imported == {"plain": [0, []], "html": [0, REPORT_ONLY]}


def test_a_cache_hit_does_not_import_the_parser_or_the_ast(tmp_path) -> None:
    """An unchanged file is answered from the cache: the rule registry is loaded for its
    documentation and codes, but not the AST, scopes or lark (tens of milliseconds each)."""
    target = tmp_path / "w.aether"
    target.write_text("fn spin(w) {\n    return w\n}\n")
    heavy = ["lark", "aetherlint.syntax.ast", "aetherlint.scopes", "aetherlint.syntax.parser"]
    code = (
        "import sys, json\n"
        "from aetherlint.cli import main\n"
        f"status = main(['check', '-q', {str(target)!r}])\n"
        f"print(json.dumps([status, [m for m in {heavy!r} if m in sys.modules]]))\n"
    )
    run = lambda: subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    first = json.loads(run().stdout.strip().splitlines()[-1])
    second = json.loads(run().stdout.strip().splitlines()[-1])
    assert first[0] == 0 and set(heavy) - {"lark"} <= set(first[1])  # the first run parses (lark: its tables may be cached)
    assert second == [0, []]


def test_checking_hmac_signatures_does_not_import_cryptography(tmp_path) -> None:
    """`cryptography` (Ed25519) is loaded only where an Ed25519 key or signature is met: a check
    that requires HMAC signatures does without it."""
    target = tmp_path / "w.aether"
    target.write_text('log "x"\n')
    code = (
        "import sys, json\n"
        "from aetherlint.cli import main\n"
        f"status = main(['check', '-q', '--require-signature', {str(target)!r}])\n"
        "print(json.dumps([status, 'cryptography' in sys.modules]))\n"
    )
    env = {**os.environ, "AETHERLINT_SIGNING_KEY": "s3cret"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == [1, False], proc.stderr  # unsigned: fails
