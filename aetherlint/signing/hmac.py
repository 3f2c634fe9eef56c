"""The HMAC scheme, as the existing helper writes it: `# @signature: <64 hex digits>`, HMAC-SHA256
of the body under the shared secret. Compared in constant time."""

from __future__ import annotations

import hashlib
import hmac as _hmac
import re

_VALUE_RE = re.compile(r"[0-9a-fA-F]{64}")


def is_value(value: str) -> bool:
    return bool(_VALUE_RE.fullmatch(value))


def sign(secret: bytes, body: bytes) -> str:
    return _hmac.new(secret, body, hashlib.sha256).hexdigest()


def verify(secret: bytes, body: bytes, value: str) -> bool:
    return _hmac.compare_digest(sign(secret, body), value.lower())
