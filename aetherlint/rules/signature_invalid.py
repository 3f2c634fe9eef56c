"""AE2202 signature-invalid: a file's signature does not prove that a trusted key signed it."""

from __future__ import annotations

from aetherlint.rules.base import Rule

RULE = Rule(
    id="AE2202",
    name="signature-invalid",
    code=22,
    phase="read",
    suppressible=False,
    summary="The `# @signature:` header does not verify: mismatch, unknown key, revoked key or malformed.",
    explanation=(
        "What it finds: with `check --require-signature` (or `require-signature = true`; "
        "`classify` too), a file whose signature header does not verify, and the message says "
        "why: the signature does not match the file (a byte of it changed after signing, or "
        "another key signed it), an Ed25519 signature by a key id that is not in the "
        "trusted-keys file (unknown key) or that the revocation list names (revoked key), a "
        "header that is neither 64 hex digits nor `ed25519:<key-id>:<base64>` (malformed), or "
        "an HMAC signature when no HMAC key is configured. The comparison is constant-time. No "
        "inline comment or suppressions.txt entry hides this finding.\n"
        "Example: a signed script edited by hand afterwards.\n"
        "Fix: review the change and sign the file again (`aetherlint sign`); re-sign files of a "
        "revoked key with a current one."
    ),
)
