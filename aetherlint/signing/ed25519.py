"""The Ed25519 scheme: `# @signature: ed25519:<key-id>:<base64 signature of the body>`.

A key id is the first 16 hex digits of the SHA-256 of the raw 32-byte public key: it names the
key in trusted-keys files and revocation lists, and cannot be chosen to collide with another
key's. `cryptography` is imported here only, when a key or signature of this scheme is used.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from typing import Optional

SCHEME = "ed25519"
_VALUE_RE = re.compile(r"ed25519:([0-9a-f]{16}):([A-Za-z0-9+/]{86}==)")
PEM_MARK = b"-----BEGIN PRIVATE KEY-----"


@dataclass(frozen=True)
class Value:
    key_id: str
    signature: bytes


def parse_value(value: str) -> Optional[Value]:
    match = _VALUE_RE.fullmatch(value)
    if not match:
        return None
    return Value(match.group(1), base64.b64decode(match.group(2)))


def key_id(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()[:16]


def public_from_text(text: str) -> bytes:
    """A raw public key from its base64 (how trusted-keys files hold it); ValueError if not."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not base64") from None
    if len(raw) != 32:
        raise ValueError(f"an Ed25519 public key is 32 bytes, this is {len(raw)}")
    return raw


def public_text(public: bytes) -> str:
    return base64.b64encode(public).decode("ascii")


@dataclass(frozen=True)
class PrivateKey:
    pem: bytes

    def _key(self):  # type: ignore[no-untyped-def]
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        key = load_pem_private_key(self.pem, password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("not an Ed25519 private key")
        return key

    def check(self) -> None:
        """ValueError unless the PEM holds an unencrypted Ed25519 private key."""
        try:
            self._key()
        except TypeError:  # encrypted
            raise ValueError("the private key is encrypted; aetherlint reads unencrypted PKCS#8 keys") from None

    @property
    def public(self) -> bytes:
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        return self._key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    def sign(self, body: bytes) -> str:
        signature = self._key().sign(body)
        return f"{SCHEME}:{key_id(self.public)}:{base64.b64encode(signature).decode('ascii')}"


def verify(public: bytes, body: bytes, signature: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, body)
    except InvalidSignature:
        return False
    return True


def generate() -> PrivateKey:
    """A new key, as unencrypted PKCS#8 PEM."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    pem = Ed25519PrivateKey.generate().private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    return PrivateKey(pem)
