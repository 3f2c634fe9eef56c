"""AE2004 unbalanced-bracket: a bracket is never closed, or closes something it does not match."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2004",
    name="unbalanced-bracket",
    code=20,
    phase="parse",
    summary="A bracket is never closed, or closes something it does not match.",
    explanation=(
        "What it finds: an opening `(`, `[` or `{` that is never closed, or a closing bracket "
        "with no opener or of the wrong kind. Indentation tells where the missing closer goes, "
        "the way rustc does it: the first line inside the bracket that is back at the opener's "
        "indentation (or shallower), a closer that starts a line shallower than its opener's "
        "line, or the end of the file when the block runs to it. The error is reported there, "
        "with the opener as a related location (the `note:` line). A closer followed by lines "
        "still indented as the block it closed is reported as the stray one. Without such "
        "evidence: at the innermost unclosed opener, or at the closer that does not match.\n"
        "Example:\n"
        "    plugin widget {\n"
        "        fn spin() {\n"
        '            log "spin"\n'
        "\n"
        "        fn stop() {\n"
        '            log "stop"\n'
        "        }\n"
        "    }\n"
        "reports `'{' opened at line 2 is never closed: insert '}' before line 5`.\n"
        "Fix: add the missing `}` where the message says (here, to close `fn spin() {`)."
    ),
)
