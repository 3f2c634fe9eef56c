"""AE2901 unused-suppression: a suppression that matched nothing."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2901",
    name="unused-suppression",
    code=25,
    phase="suppress",
    severity="warning",
    summary="An inline suppression comment matched no finding, or names no rule.",
    explanation=(
        "What it finds: a `# aetherlint: ignore[...]` (or `// aetherlint: ignore[...]`) comment "
        "with no finding of the rules it names on its line, an `ignore-file[...]` comment whose "
        "rules report nothing in the file, and a selector in the brackets that names no rule or "
        "code. A suppression that no longer suppresses anything hides the next real finding on "
        "that line; remove it. Listed suppressions (suppressions.txt) that matched nothing are "
        "reported by `classify` as stale. AE29xx are aetherlint's own rules about suppressions; "
        "they are counted under 25 VALIDATION_ERROR. A warning; an error with "
        "`--strict-suppressions`. `--no-suppressions` disregards every suppression, and so "
        "reports none of these.\n"
        "Example:\n    x = count(1)   # aetherlint: ignore[AE2501]\n"
        "where `count` is now defined.\n"
        "Fix: remove the comment, or correct the rule it names."
    ),
)
