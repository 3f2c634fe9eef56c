"""AE2002 unexpected-character: a character that no .aether token uses."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2002",
    name="unexpected-character",
    code=20,
    phase="parse",
    summary="A character that no .aether token uses.",
    explanation=(
        "What it finds: characters such as `@`, `^` or a backtick outside strings and comments.\n"
        "Example:\n"
        "    @@@ tidy ^^^\n"
        "Fix: remove the character, or put the text inside a string or a comment."
    ),
)
