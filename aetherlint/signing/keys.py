"""The key material of one run, from where the user keeps it; there is no built-in default key.

* the HMAC secret: `--key-file PATH` (the file's bytes, without a final newline), else the
  environment variable AETHERLINT_SIGNING_KEY;
* an Ed25519 private key (`aetherlint keygen`): `--key-file PATH` holding PKCS#8 PEM; it signs,
  and its public key counts as trusted;
* trusted Ed25519 public keys: a file of `<key-id> <base64 public key> [comment]` lines (or the
  key alone); `#` starts a comment;
* revoked key ids: a file with one key id per line.

Every problem (an unreadable or empty key file, a bad line) is a UsageError: one line, exit 2.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from aetherlint.errors import UsageError
from aetherlint.signing import ed25519

ENV_KEY = "AETHERLINT_SIGNING_KEY"
MAX_KEY_FILE = 1_000_000


def no_key(what: str, public_keys: str = "") -> str:
    """The one-line refusal when there is no key: how to give one (`public_keys`: how to give
    trusted Ed25519 keys, where those would do)."""
    more = f", or {public_keys} (Ed25519 public keys)" if public_keys else ""
    return (f"{what}: set {ENV_KEY} to the HMAC secret or pass --key-file PATH (a secret, or an Ed25519 "
            f"private key from `aetherlint keygen`){more}; there is no built-in key")


@dataclass(frozen=True)
class Keyring:
    secret: Optional[bytes] = None  # the HMAC key
    private: Optional[ed25519.PrivateKey] = None  # the Ed25519 key that signs
    trusted: Mapping[str, bytes] = field(default_factory=dict)  # key id -> raw public key
    revoked: frozenset[str] = frozenset()

    @property
    def empty(self) -> bool:
        return self.secret is None and self.private is None and not self.trusted

    def public_key_id(self) -> Optional[str]:
        """The id of the Ed25519 key that signs, if any."""
        return ed25519.key_id(self.private.public) if self.private is not None else None

    def public_key(self, key_id: str) -> Optional[bytes]:
        if self.private is not None and self.public_key_id() == key_id:
            return self.private.public
        return self.trusted.get(key_id)


def load(key_file: Optional[str], trusted_file: Optional[str] = None, revoked_file: Optional[str] = None,
         env: Optional[Mapping[str, str]] = None) -> Keyring:
    env = os.environ if env is None else env
    secret: Optional[bytes] = None
    private: Optional[ed25519.PrivateKey] = None
    if key_file is not None:
        data = _read(key_file, "--key-file")
        if data.lstrip().startswith(ed25519.PEM_MARK):
            private = ed25519.PrivateKey(data.strip())
            try:
                private.check()
            except ValueError as exc:
                raise UsageError(f"--key-file {key_file}: {exc}") from None
        else:
            secret = data.rstrip(b"\r\n")
            if not secret:
                raise UsageError(f"--key-file {key_file}: the file holds only a line break")
    elif ENV_KEY in env:
        if not env[ENV_KEY]:
            raise UsageError(f"{ENV_KEY} is set but empty (a CI secret that is not defined?)")
        secret = env[ENV_KEY].encode("utf-8")
    trusted = _trusted(trusted_file) if trusted_file else {}
    revoked = _revoked(revoked_file) if revoked_file else frozenset()
    return Keyring(secret, private, trusted, revoked)


def _read(path: str, option: str) -> bytes:
    from aetherlint.safeopen import read_regular

    try:
        data = read_regular(Path(path), MAX_KEY_FILE)
    except OSError as exc:
        raise UsageError(f"{option} {path}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise UsageError(f"{option} {path}: the file is empty")
    return data


def _lines(path: str, option: str) -> list[tuple[int, list[str]]]:
    text = _read(path, option).decode("utf-8", "replace")
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split("#", 1)[0].split()
        if fields:
            out.append((number, fields))
    return out


def _trusted(path: str) -> dict[str, bytes]:
    keys = {}
    for number, fields in _lines(path, "--trusted-keys"):
        try:
            public = ed25519.public_from_text(fields[-1] if len(fields) == 1 else fields[1])
        except ValueError as exc:
            raise UsageError(f"--trusted-keys {path}: line {number}: {exc}") from None
        expected = ed25519.key_id(public)
        if len(fields) > 1 and fields[0] != expected:
            raise UsageError(f"--trusted-keys {path}: line {number}: {fields[0][:40]!r} is not the id of this "
                             f"key ({expected})")
        keys[expected] = public
    return keys


def _revoked(path: str) -> frozenset[str]:
    ids = set()
    for number, fields in _lines(path, "--revoked-keys"):
        key = fields[0]
        if len(key) != 16 or any(c not in "0123456789abcdef" for c in key):
            raise UsageError(f"--revoked-keys {path}: line {number}: a key id is 16 hex digits")
        ids.add(key)
    return frozenset(ids)
