"""`aetherlint keygen`: a new signing key in a file only its owner may read."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import IO, Optional

from aetherlint.errors import EXIT_OK, UsageError

HMAC_BYTES = 32


def run(path: str, hmac: bool = False, stdout: Optional[IO[str]] = None) -> int:
    """An Ed25519 private key (PKCS#8 PEM) at `path`, and its trusted-keys line on stdout; with
    `hmac`, a random secret of 64 hex digits instead. Never overwrites a file."""
    from aetherlint.signing import ed25519

    stdout = stdout or sys.stdout
    if hmac:
        data, line = (secrets.token_hex(HMAC_BYTES) + "\n").encode("ascii"), None
    else:
        key = ed25519.generate()
        public = key.public
        data, line = key.pem, f"{ed25519.key_id(public)} {ed25519.public_text(public)}"
    _write_private(Path(path), data)
    if line is not None:
        print(line, file=stdout)
    return EXIT_OK


def _write_private(path: Path, data: bytes) -> None:
    """Created with mode 0600 (its folder, if new, 0700); an existing file is a usage error."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        raise UsageError(f"{path}: exists; a key file is never overwritten (remove it first)") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot create ({exc.strerror or exc})") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
