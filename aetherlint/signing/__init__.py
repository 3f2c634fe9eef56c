"""Workflow signatures: a `# @signature: ...` first line over the rest of the file's bytes.

`header.py` reads and writes that line (the format the existing signing helper uses), `hmac.py`
and `ed25519.py` are the two schemes, `keys.py` loads the key material (never a built-in
default: only AETHERLINT_SIGNING_KEY or `--key-file`, trusted Ed25519 public keys and a list
of revoked key ids), and `verify.py` judges one file's bytes and signs them. Pure but for
`keys.py`, which reads the key files; `cryptography` is imported only by `ed25519.py`, when an
Ed25519 key or signature is met, so `check` never loads it.
"""
