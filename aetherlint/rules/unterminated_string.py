"""AE2003 unterminated-string: a string literal (or a `key: |` block scalar) is never closed."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2003",
    name="unterminated-string",
    code=20,
    phase="parse",
    summary="A string literal (or a `key: |` block scalar) is never closed.",
    explanation=(
        "What it finds: a quote with no closing quote on the same line (triple-quoted strings "
        "may span lines), or a `|` block scalar without its closing `|` line.\n"
        "Example:\n"
        '    log "bench tidy\n'
        "Fix:\n"
        '    log "bench tidy"'
    ),
)
