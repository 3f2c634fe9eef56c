"""Judge and sign one file's bytes: the verdict of its signature under a keyring, the finding a
required signature gives, and the signed bytes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from aetherlint.diagnostic import Diagnostic
from aetherlint.result import FileResult, failed
from aetherlint.signing import ed25519, hmac
from aetherlint.signing.header import split, with_signature
from aetherlint.signing.keys import Keyring

OK, MISSING, INVALID = "ok", "missing", "invalid"
MISMATCH = "signature does not match the file (changed after signing, or signed with another key)"


@dataclass(frozen=True)
class Verdict:
    status: str  # OK, MISSING or INVALID
    reason: str  # why it is not OK; for OK, what signed it (`hmac`, `ed25519 key 3f9a…`)
    scheme: str = ""  # "hmac" or "ed25519" when the header is one of them
    key_id: str = ""  # the Ed25519 key id

    @property
    def ok(self) -> bool:
        return self.status == OK


def verify(data: bytes, keyring: Keyring) -> Verdict:
    parts = split(data)
    value = parts.value
    if value is None:
        return Verdict(MISSING, "no signature (the first line is not '# @signature: ...')")
    if hmac.is_value(value):
        if keyring.secret is None:
            return Verdict(INVALID, "HMAC signature, but no HMAC key is configured (AETHERLINT_SIGNING_KEY or "
                                    "--key-file)", "hmac")
        if hmac.verify(keyring.secret, parts.body, value):
            return Verdict(OK, "hmac", "hmac")
        return Verdict(INVALID, MISMATCH, "hmac")
    signed = ed25519.parse_value(value)
    if signed is None:
        return Verdict(INVALID, "malformed signature header (neither 64 hex digits nor ed25519:<key-id>:<base64>)")
    key = signed.key_id
    if key in keyring.revoked:
        return Verdict(INVALID, f"signed by revoked key {key}", ed25519.SCHEME, key)
    public = keyring.public_key(key)
    if public is None:
        return Verdict(INVALID, f"signed by unknown key {key} (not a trusted key)", ed25519.SCHEME, key)
    if ed25519.verify(public, parts.body, signed.signature):
        return Verdict(OK, f"ed25519 key {key}", ed25519.SCHEME, key)
    return Verdict(INVALID, MISMATCH, ed25519.SCHEME, key)


def signed_with(verdict: Verdict, keyring: Keyring) -> bool:
    """Valid and made with the key `sign` would use: a file signed with an older key is signed
    again (rotation)."""
    if not verdict.ok:
        return False
    if keyring.private is not None:
        return verdict.key_id == keyring.public_key_id()
    return verdict.scheme == "hmac"


def sign(data: bytes, keyring: Keyring) -> bytes:
    """`data` with a fresh signature header (the Ed25519 key when there is one, else the HMAC
    secret); every other byte kept."""
    parts = split(data)
    if keyring.private is not None:
        value = keyring.private.sign(parts.body)
    else:
        assert keyring.secret is not None, "the caller checks that there is a key"
        value = hmac.sign(keyring.secret, parts.body)
    return with_signature(parts, value)


def finding(verdict: Verdict) -> Optional[Diagnostic]:
    """What `--require-signature` reports: AE2201 without a signature, AE2202 with a bad one."""
    if verdict.ok:
        return None
    rule = "AE2201" if verdict.status == MISSING else "AE2202"
    return Diagnostic(rule, 1, 1, verdict.reason, end_line=1, end_col=2)


def with_finding(result: FileResult, verdict: Verdict) -> FileResult:
    """`result` with the finding of its signature (judged on the bytes that were checked): the
    file fails with SIGNATURE_ERROR, in the read phase, unless an earlier error failed it."""
    diagnostic = finding(verdict)
    if diagnostic is None:
        return result
    diagnostics = [*result.diagnostics, diagnostic]
    first = min((d for d in diagnostics if d.is_error), key=lambda d: (d.line, d.col, d.rule))
    phase = "read" if first is diagnostic else result.phase
    return failed(result.path, phase, diagnostics, traceback=result.traceback, directives=result.directives)
