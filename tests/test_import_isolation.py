"""`check` stays light: it must not import what only classification needs."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES

CLASSIFY_ONLY = ["tabulate", "concurrent_log_handler", "portalocker"]


def test_check_does_not_import_classification_modules() -> None:
    target = next((FIXTURES / "valid" / "brace").glob("*.aether"))
    code = (
        "import sys, json\n"
        "from aetherlint.cli import main\n"
        f"status = main(['check', '-q', {str(target)!r}])\n"
        f"print(json.dumps([status, [m for m in {CLASSIFY_ONLY!r} if m in sys.modules]]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    status, imported = json.loads(proc.stdout.strip().splitlines()[-1])
    assert status == 0, proc.stderr
    assert imported == []
