"""AE2401 shell-script: the file is a bash-like shell script, not Aether."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2401",
    name="shell-script",
    code=24,
    phase="parse",
    summary="The file is a bash-like shell script, not Aether.",
    explanation=(
        'What it finds: top-level `NAME="value"` assignments or `NAME() {` function definitions '
        "(the env-shell dialect). Such files are internally consistent shell, but no Aether "
        "interpreter runs them.\n"
        "Example:\n"
        '    SHOP_MODE="quiet"\n'
        "    SWEEP() {\n"
        '        echo "sweeping"\n'
        "    }\n"
        'Fix: rename the file to .sh, or rewrite it in Aether (`shop_mode = "quiet"`, `fn '
        'sweep() { log "sweeping" }`).'
    ),
)
