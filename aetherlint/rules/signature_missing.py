"""AE2201 signature-missing: a file that must be signed carries no signature."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2201",
    name="signature-missing",
    code=22,
    phase="read",
    suppressible=False,
    summary="The file must be signed and its first line is not a `# @signature:` header.",
    explanation=(
        "What it finds: with `check --require-signature` (or `require-signature = true` in the "
        "configuration; `classify` too), a file whose first line is not `# @signature: ...`. "
        "Workflows run with the AI OS's privileges, so a team that signs its trusted scripts "
        "wants an unsigned one to fail before anything runs it. The signature is checked on the "
        "bytes as they are on disk, before parsing; no inline comment or suppressions.txt entry "
        "hides this finding (a comment in an unsigned file would sign it off itself).\n"
        "Example: a new script that was never signed.\n"
        "Fix: sign it with the team's key, `aetherlint sign flows/new.aether` (the key from "
        "AETHERLINT_SIGNING_KEY or `--key-file`; see the README, Signing)."
    ),
)
