"""Signing and verification through the real CLI: both schemes round trip, any changed byte
fails, CRLF bodies, keys from the environment or a file only, unknown and revoked Ed25519 keys,
bad key files, `sign` in bulk (in place, idempotent, `--check`), `verify --strict` and its
report, `check --require-signature` and classify's categories. Ed25519 keys are generated here."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from conftest import write

SECRET = "correct horse battery staple"
FLOW = 'fn spin(w) {\n    return w\n}\nlog "spun"\n'


@pytest.fixture
def secret(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("AETHERLINT_SIGNING_KEY", SECRET)
    monkeypatch.delenv("AETHERRA_SCRIPT_VERIFY_STRICT", raising=False)
    return SECRET


@pytest.fixture(autouse=True)
def _no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AETHERLINT_SIGNING_KEY", raising=False)
    monkeypatch.delenv("AETHERRA_SCRIPT_VERIFY_STRICT", raising=False)


def _keygen(run, tmp_path: Path, name: str) -> tuple[Path, str]:
    """A new Ed25519 key: its private key file and its trusted-keys line."""
    code, out, err = run("keygen", str(tmp_path / "keys" / name))
    assert code == 0, err
    return tmp_path / "keys" / name, out.strip()


def _legacy_hmac(body: bytes) -> str:
    return hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()


# ---- the HMAC scheme ---------------------------------------------------------------------------

def test_sign_prepends_the_legacy_header_and_keeps_every_byte(run, tmp_path, secret) -> None:
    flow = write(tmp_path, "flows/a.aether", FLOW.replace("\n", "\r\n"))  # a CRLF body
    original = flow.read_bytes()
    code, out, _ = run("sign", "flows")
    assert code == 0, out
    assert out == "flows/a.aether: signed (no signature)\nSign: 1 file scanned, 1 signed, 0 already signed with this key.\n"
    data = flow.read_bytes()
    header, body = data.split(b"\n", 1)
    assert body == original  # every byte of the file is the body, CRLF kept
    assert header == b"# @signature: " + _legacy_hmac(original).encode() + b"\r"  # as the file's lines end
    assert run("verify", "flows", "--strict")[:2] == (0, "OK flows/a.aether: hmac\nVerify: 1 file, 1 OK, 0 failed (strict).\n")


def test_a_file_signed_by_the_legacy_helper_verifies(run, tmp_path, secret) -> None:
    body = b'goal: "tidy"\nlog "x"\n'
    write(tmp_path, "a.aether", b"# @signature: " + _legacy_hmac(body).upper().encode() + b"\n" + body)
    assert run("verify", "a.aether", "--strict")[0] == 0


def test_signing_again_changes_nothing_and_replaces_a_stale_header(run, tmp_path, secret) -> None:
    flow = write(tmp_path, "a.aether", FLOW)
    run("sign", "a.aether")
    signed = flow.read_bytes()
    assert run("sign", "a.aether")[1].endswith("0 signed, 1 already signed with this key.\n")
    assert flow.read_bytes() == signed
    edited = signed.replace(b"spun", b"spin")
    flow.write_bytes(edited)
    assert run("sign", "a.aether")[1].startswith("a.aether: signed (signature does not match the file)")
    resigned = flow.read_bytes()
    assert resigned.split(b"\n", 1)[1] == edited.split(b"\n", 1)[1]  # only the header changed
    assert resigned.split(b"\n", 1)[0] == b"# @signature: " + _legacy_hmac(edited.split(b"\n", 1)[1]).encode()


@pytest.mark.parametrize("where", ["body", "header"])
def test_one_changed_byte_fails(run, tmp_path, secret, where) -> None:
    flow = write(tmp_path, "a.aether", FLOW)
    run("sign", "a.aether")
    data = bytearray(flow.read_bytes())
    index = len(data) - 3 if where == "body" else data.index(b":") + 5  # a hex digit of the value
    data[index] = ord("0") if data[index] != ord("0") else ord("1")
    flow.write_bytes(bytes(data))
    code, out, _ = run("verify", "a.aether")
    assert code == 1
    assert out.startswith("FAIL a.aether: signature does not match the file (changed after signing, or signed with another key)")


def test_crlf_and_lf_bodies_are_different_bodies(run, tmp_path, secret) -> None:
    flow = write(tmp_path, "a.aether", FLOW.replace("\n", "\r\n"))
    run("sign", "a.aether")
    flow.write_bytes(flow.read_bytes().replace(b"\r\n", b"\n"))  # an editor that converted the line ends
    assert run("verify", "a.aether")[0] == 1


def test_a_bom_stays_first_and_out_of_the_body(run, tmp_path, secret) -> None:
    flow = write(tmp_path, "a.aether", b"\xef\xbb\xbf" + FLOW.encode())
    run("sign", "a.aether")
    data = flow.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# @signature: ") and data.split(b"\n", 1)[1] == FLOW.encode()
    assert run("check", "--require-signature", "a.aether")[0] == 0  # and it still parses


# ---- keys ----------------------------------------------------------------------------------------

def test_no_key_is_refused_in_one_line(run, tmp_path) -> None:
    write(tmp_path, "a.aether", FLOW)
    for command in (["sign", "a.aether"], ["verify", "a.aether"], ["check", "--require-signature", "a.aether"],
                    ["classify", ".", "--require-signature", "--no-history"]):
        code, out, err = run(*command)
        assert code == 2 and out == "", command
        assert err.count("\n") == 1 and "AETHERLINT_SIGNING_KEY" in err and "--key-file" in err, err
        assert "there is no built-in key" in err
    assert not (tmp_path / "workflow_failures.json").exists()


def test_an_empty_environment_variable_is_refused(run, tmp_path, monkeypatch) -> None:
    write(tmp_path, "a.aether", FLOW)
    monkeypatch.setenv("AETHERLINT_SIGNING_KEY", "")  # a CI secret that was never defined
    code, _, err = run("sign", "a.aether")
    assert (code, err) == (2, "aetherlint: error: AETHERLINT_SIGNING_KEY is set but empty (a CI secret that is not defined?)\n")
    assert (tmp_path / "a.aether").read_text() == FLOW


def test_a_key_file_wins_over_the_environment(run, tmp_path, secret) -> None:
    write(tmp_path, "key.txt", "another secret\n")  # the final newline is not part of the key
    flow = write(tmp_path, "a.aether", FLOW)
    run("sign", "a.aether", "--key-file", "key.txt")
    expected = hmac.new(b"another secret", FLOW.encode(), hashlib.sha256).hexdigest()
    assert flow.read_bytes().startswith(f"# @signature: {expected}\n".encode())
    assert run("verify", "a.aether")[0] == 1  # the environment's key did not sign it
    assert run("verify", "a.aether", "--key-file", "key.txt")[0] == 0


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_key_file(run, tmp_path) -> None:
    key = write(tmp_path, "key.txt", "s3cret\n")
    key.chmod(0)
    write(tmp_path, "a.aether", FLOW)
    code, _, err = run("sign", "a.aether", "--key-file", "key.txt")
    assert (code, err) == (2, "aetherlint: error: --key-file key.txt: cannot read (Permission denied)\n")


@pytest.mark.parametrize("content", ["", "\n", "  \r\n"])
def test_an_empty_key_file(run, tmp_path, content) -> None:
    write(tmp_path, "key.txt", content)
    write(tmp_path, "a.aether", FLOW)
    for command in ("sign", "verify"):
        code, _, err = run(command, "a.aether", "--key-file", "key.txt")
        assert (code, err) == (2, "aetherlint: error: --key-file key.txt: the file is empty\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_key_file_is_never_opened(run, tmp_path) -> None:
    os.mkfifo(tmp_path / "key.fifo")
    write(tmp_path, "a.aether", FLOW)
    code, _, err = run("sign", "a.aether", "--key-file", "key.fifo")  # would block forever if opened
    assert (code, err) == (2, "aetherlint: error: --key-file key.fifo: cannot read (not a regular file (FIFO))\n")


def test_a_missing_key_file_and_a_folder(run, tmp_path) -> None:
    write(tmp_path, "a.aether", FLOW)
    (tmp_path / "keys").mkdir()
    assert run("sign", "a.aether", "--key-file", "nope.key")[2].startswith("aetherlint: error: --key-file nope.key: cannot read (")
    code, _, err = run("verify", "a.aether", "--key-file", "keys")
    assert code == 2 and err.startswith("aetherlint: error: --key-file keys: cannot read (")


def test_the_signing_key_is_not_a_configuration_key(run, tmp_path) -> None:
    write(tmp_path, "aetherlint.toml", 'key-file = "key.txt"\n')
    write(tmp_path, "a.aether", FLOW)
    code, _, err = run("check", "a.aether")
    assert code == 2 and "unknown" in err and "key-file" in err


# ---- Ed25519 -------------------------------------------------------------------------------------

def test_ed25519_round_trip_with_a_trusted_keys_file(run, tmp_path) -> None:
    private, line = _keygen(run, tmp_path, "release.key")
    key_id, public = line.split()
    assert len(key_id) == 16 and len(public) == 44
    assert stat.S_IMODE(private.stat().st_mode) == 0o600 or sys.platform == "win32"
    write(tmp_path, "trusted_keys.txt", f"# release key, 2026\n{line}  # the team's\n")
    flow = write(tmp_path, "flows/a.aether", FLOW)
    assert run("sign", "flows", "--key-file", str(private))[0] == 0
    header = flow.read_bytes().split(b"\n", 1)[0].decode()
    assert header.startswith(f"# @signature: ed25519:{key_id}:") and len(header.rsplit(":", 1)[1]) == 88
    code, out, _ = run("verify", "flows", "--strict", "--trusted-keys", "trusted_keys.txt")
    assert (code, out.splitlines()[0]) == (0, f"OK flows/a.aether: ed25519 key {key_id}")
    assert run("check", "--require-signature", "--trusted-keys", "trusted_keys.txt", "flows")[0] == 0
    flow.write_bytes(flow.read_bytes().replace(b"spun", b"spin"))
    code, out, _ = run("check", "--require-signature", "--trusted-keys", "trusted_keys.txt", "flows")
    assert code == 1 and "flows/a.aether:1:1: AE2202 signature-invalid: signature does not match the file" in out


def test_an_unknown_key_id_and_a_revoked_key(run, tmp_path) -> None:
    old, old_line = _keygen(run, tmp_path, "old.key")
    new, new_line = _keygen(run, tmp_path, "new.key")
    write(tmp_path, "trusted.txt", new_line + "\n")
    flow = write(tmp_path, "a.aether", FLOW)
    run("sign", "a.aether", "--key-file", str(old))
    old_id = old_line.split()[0]
    code, out, _ = run("verify", "a.aether", "--trusted-keys", "trusted.txt")
    assert (code, out.splitlines()[0]) == (1, f"FAIL a.aether: signed by unknown key {old_id} (not a trusted key)")
    write(tmp_path, "trusted.txt", old_line + "\n" + new_line + "\n")
    write(tmp_path, "revoked.txt", f"{old_id}  # leaked 2026-11-02\n")
    code, out, _ = run("check", "--require-signature", "--trusted-keys", "trusted.txt", "--revoked-keys", "revoked.txt",
                       "a.aether")
    assert code == 1 and f"AE2202 signature-invalid: signed by revoked key {old_id}" in out
    # rotation: signing with the new key replaces the old signature, and it verifies again
    code, out, _ = run("sign", "a.aether", "--key-file", str(new), "--revoked-keys", "revoked.txt")
    assert code == 0 and out.startswith("a.aether: signed (signed by revoked key")
    assert run("verify", "a.aether", "--trusted-keys", "trusted.txt", "--revoked-keys", "revoked.txt")[0] == 0
    # a revoked key signs nothing
    code, _, err = run("sign", "a.aether", "--key-file", str(old), "--revoked-keys", "revoked.txt")
    assert code == 2 and f"key {old_id} is revoked" in err


def test_a_valid_signature_by_an_older_key_is_renewed_when_signing_with_a_new_one(run, tmp_path) -> None:
    old, _ = _keygen(run, tmp_path, "old.key")
    new, new_line = _keygen(run, tmp_path, "new.key")
    flow = write(tmp_path, "a.aether", FLOW)
    run("sign", "a.aether", "--key-file", str(old))
    assert run("sign", "a.aether", "--key-file", str(new))[1].startswith("a.aether: signed (")
    assert new_line.split()[0] in flow.read_text().splitlines()[0]


@pytest.mark.parametrize(("content", "problem"), [
    ("0123456789abcdef AAAA\n", "line 1: an Ed25519 public key is 32 bytes, this is 3"),
    ("0123456789abcdef !!!\n", "line 1: not base64"),
])
def test_a_bad_trusted_keys_file(run, tmp_path, content, problem) -> None:
    write(tmp_path, "trusted.txt", content)
    write(tmp_path, "a.aether", FLOW)
    code, _, err = run("verify", "a.aether", "--trusted-keys", "trusted.txt")
    assert (code, err) == (2, f"aetherlint: error: --trusted-keys trusted.txt: {problem}\n")


def test_a_trusted_key_under_another_id_is_refused(run, tmp_path) -> None:
    _, line = _keygen(run, tmp_path, "a.key")
    write(tmp_path, "trusted.txt", "ffffffffffffffff " + line.split()[1] + "\n")
    write(tmp_path, "a.aether", FLOW)
    code, _, err = run("verify", "a.aether", "--trusted-keys", "trusted.txt")
    assert code == 2 and "line 1: 'ffffffffffffffff' is not the id of this key" in err


def test_a_bad_revocation_list(run, tmp_path) -> None:
    _, line = _keygen(run, tmp_path, "a.key")
    write(tmp_path, "trusted.txt", line + "\n")
    write(tmp_path, "revoked.txt", "release-2025\n")
    write(tmp_path, "a.aether", FLOW)
    code, _, err = run("verify", "a.aether", "--trusted-keys", "trusted.txt", "--revoked-keys", "revoked.txt")
    assert (code, err) == (2, "aetherlint: error: --revoked-keys revoked.txt: line 1: a key id is 16 hex digits\n")


def test_keygen_never_overwrites_and_writes_hmac_secrets(run, tmp_path) -> None:
    private, _ = _keygen(run, tmp_path, "a.key")
    before = private.read_bytes()
    code, _, err = run("keygen", str(private))
    assert code == 2 and "exists; a key file is never overwritten" in err and private.read_bytes() == before
    code, out, _ = run("keygen", "--hmac", str(tmp_path / "keys" / "hmac.key"))
    secret_text = (tmp_path / "keys" / "hmac.key").read_text()
    assert code == 0 and out == "" and len(secret_text) == 65 and int(secret_text, 16) >= 0
    flow = write(tmp_path, "a.aether", FLOW)
    run("sign", "a.aether", "--key-file", str(tmp_path / "keys" / "hmac.key"))
    assert flow.read_text().startswith("# @signature: " + hmac.new(secret_text.strip().encode(), FLOW.encode(),
                                                                     hashlib.sha256).hexdigest())


def test_an_encrypted_or_foreign_private_key_is_refused(run, tmp_path) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    write(tmp_path, "ec.key", pem)
    write(tmp_path, "a.aether", FLOW)
    code, _, err = run("sign", "a.aether", "--key-file", "ec.key")
    assert (code, err) == (2, "aetherlint: error: --key-file ec.key: not an Ed25519 private key\n")


def test_a_malformed_header(run, tmp_path, secret) -> None:
    write(tmp_path, "a.aether", "# @signature: ed25519:nothex:abc\n" + FLOW)
    code, out, _ = run("verify", "a.aether")
    assert code == 1 and "malformed signature header" in out


def test_an_hmac_signature_without_an_hmac_key(run, tmp_path, secret, monkeypatch) -> None:
    _, line = _keygen(run, tmp_path, "a.key")
    write(tmp_path, "trusted.txt", line + "\n")
    write(tmp_path, "a.aether", FLOW)
    run("sign", "a.aether")
    monkeypatch.delenv("AETHERLINT_SIGNING_KEY")
    code, out, _ = run("verify", "a.aether", "--trusted-keys", "trusted.txt")
    assert code == 1 and out.startswith("FAIL a.aether: HMAC signature, but no HMAC key is configured")


# ---- sign in bulk ----------------------------------------------------------------------------------

def test_sign_walks_trees_skips_valid_files_and_check_writes_nothing(run, tmp_path, secret) -> None:
    write(tmp_path, "flows/a.aether", FLOW)
    write(tmp_path, "flows/sub/b.aether", FLOW)
    write(tmp_path, "flows/legacy/c.aether", FLOW)
    write(tmp_path, "aetherlint.toml", 'exclude = ["flows/legacy/**"]\n')
    code, out, _ = run("sign", "--check", "flows")
    assert (code, out) == (1, "flows/a.aether: would sign (no signature)\nflows/sub/b.aether: would sign (no signature)\n"
                              "Sign: 2 files scanned, 2 would sign, 0 already signed with this key.\n")
    assert (tmp_path / "flows/a.aether").read_text() == FLOW
    run("sign", "flows/a.aether")
    assert run("sign", "--check", "flows")[1].startswith("flows/sub/b.aether: would sign")
    run("sign", "flows")
    assert run("sign", "--check", "flows") == (0, "Sign: 2 files scanned, 0 would sign, 2 already signed with this key.\n", "")
    assert (tmp_path / "flows/legacy/c.aether").read_text() == FLOW


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and hard links")
def test_sign_rewrites_in_place(run, tmp_path, secret) -> None:
    flow = write(tmp_path, "flows/a.aether", FLOW)
    flow.chmod(0o640)
    os.link(flow, tmp_path / "hard.aether")
    (tmp_path / "flows" / "link.aether").symlink_to("a.aether")
    inode = flow.stat().st_ino
    run("sign", "flows/a.aether")
    assert flow.stat().st_ino == inode and stat.S_IMODE(flow.stat().st_mode) == 0o640
    assert (tmp_path / "hard.aether").read_bytes() == flow.read_bytes()
    assert run("sign", "flows/link.aether")[1].endswith("0 signed, 1 already signed with this key.\n")
    readonly = write(tmp_path, "ro.aether", FLOW)
    readonly.chmod(0o444)
    code, _, err = run("sign", "ro.aether")
    assert code == 1 and "ro.aether: skipped: read-only (--force rewrites it)" in err
    assert run("sign", "ro.aether", "--force")[0] == 0 and stat.S_IMODE(readonly.stat().st_mode) == 0o444


# ---- verify ----------------------------------------------------------------------------------------

def test_verify_strict_from_the_legacy_variable_and_the_report(run, tmp_path, secret, monkeypatch) -> None:
    write(tmp_path, "flows/a.aether", FLOW)
    run("sign", "flows/a.aether")
    write(tmp_path, "flows/b.aether", 'let r = http.get("https://prices.example.com/today")\nos.system("ls")\n')
    code, out, _ = run("verify", "flows")
    assert code == 0 and out.splitlines()[1].startswith("UNSIGNED flows/b.aether: no signature")
    monkeypatch.setenv("AETHERRA_SCRIPT_VERIFY_STRICT", "1")
    code, out, _ = run("verify", "flows", "--report", "aether_static_report.md")
    assert code == 1
    assert out.splitlines() == [
        "OK flows/a.aether: hmac",
        "FAIL flows/b.aether: no signature (the first line is not '# @signature: ...')",
        "Verify: 2 files, 1 OK, 1 failed (strict).",
    ]
    report = (tmp_path / "aether_static_report.md").read_text()
    assert "- OK `flows/a.aether`: hmac\n- FAIL `flows/b.aether`: no signature" in report
    assert "| flows/b.aether |       6 |              0 |              1 |            1 |            0 |" in report
    assert '| flows/b.aether | 1:9        | network-call |        2 | http.get("https://prices.example.com/today") |' in report


def test_verify_reports_unreadable_and_unparsable_files(run, tmp_path, secret) -> None:
    write(tmp_path, "flows/bad.aether", "let x = )\n")
    write(tmp_path, "flows/nul.aether", b"log \x00\n")
    run("sign", "flows")
    code, out, _ = run("verify", "flows", "--strict", "--report", "r.md")
    assert code == 0, out  # both are signed: verify judges signatures, not syntax
    assert "| flows/bad.aether | not analysed |" in (tmp_path / "r.md").read_text()


# ---- check --require-signature, classify -------------------------------------------------------------

def test_require_signature_reasons_and_no_suppression_hides_them(run, tmp_path, secret) -> None:
    write(tmp_path, "ok.aether", FLOW)
    write(tmp_path, "edited.aether", FLOW)
    run("sign", "ok.aether", "edited.aether")
    edited = tmp_path / "edited.aether"
    edited.write_bytes(edited.read_bytes() + b"# aetherlint: ignore-file[AE22, signature-invalid]\n")
    write(tmp_path, "unsigned.aether", "# aetherlint: ignore-file\n" + FLOW)
    code, out, _ = run("check", "--require-signature", "--output-format", "concise", ".")
    assert code == 1
    assert "edited.aether:6:1: AE2901 unused-suppression (warning)" in out  # the comment suppresses nothing
    assert [line for line in out.splitlines() if ": AE22" in line] == [
        "edited.aether:1:1: AE2202 signature-invalid: signature does not match the file (changed after signing, or signed "
        "with another key)",
        "unsigned.aether:1:1: AE2201 signature-missing: no signature (the first line is not '# @signature: ...')",
    ]
    code, out, _ = run("check", "--require-signature", "--json-status", "unsigned.aether")
    status = json.loads(out)
    assert (status["code"], status["code_name"], status["phase"]) == (22, "SIGNATURE_ERROR", "read")
    assert run("check", "--require-signature", "--ignore", "AE22", "unsigned.aether")[0] == 1
    assert run("check", "unsigned.aether")[0] == 0  # not required: not judged


def test_require_signature_from_the_configuration(run, tmp_path, secret) -> None:
    write(tmp_path, "pyproject.toml", "[tool.aetherlint]\nrequire-signature = true\n")
    write(tmp_path, "a.aether", FLOW)
    assert run("check", "a.aether")[0] == 1
    run("sign", "a.aether")
    assert run("check", "a.aether")[0] == 0


def test_cached_results_are_judged_afresh(run, tmp_path, secret) -> None:
    flow = write(tmp_path, "a.aether", FLOW)
    run("sign", "a.aether")
    assert run("check", "--require-signature", "a.aether")[0] == 0
    assert run("check", "--require-signature", "a.aether", "--key-file", str(write(tmp_path, "k", "other\n")))[0] == 1
    assert flow.exists() and run("check", "--require-signature", "a.aether")[0] == 0


def test_classify_categories_and_signature_verified(run, tmp_path, secret) -> None:
    write(tmp_path, "flows/signed.aether", FLOW)
    write(tmp_path, "flows/edited.aether", FLOW)
    run("sign", "flows/signed.aether", "flows/edited.aether")
    edited = tmp_path / "flows" / "edited.aether"
    edited.write_bytes(edited.read_bytes() + b'log "more"\n')
    write(tmp_path, "flows/unsigned.aether", FLOW)
    write(tmp_path, "flows/broken.aether", "let x = )\n")
    code, _, _ = run("classify", "flows", "--no-history", "--require-signature", "--jobs", "2", "--markdown", "m.md")
    assert code == 1
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    got = {w["path"]: (w["category"], w["code"], w["signature_verified"]) for w in doc["workflows"]}
    assert got == {
        "broken.aether": ("SignatureMissing", 22, False),
        "edited.aether": ("SignatureInvalid", 22, False),
        "signed.aether": ("OK", 0, True),
        "unsigned.aether": ("SignatureMissing", 22, False),
    }
    assert "| SignatureInvalid |       1 | edited.aether" in (tmp_path / "m.md").read_text()
    # without require-signature the records still say whether each signature verified
    run("classify", "flows", "--no-history")
    doc = json.loads((tmp_path / "workflow_failures.json").read_text())
    assert [w["signature_verified"] for w in doc["workflows"]] == [False, False, True, False]
    assert [w["category"] for w in doc["workflows"]] == ["ParseError", "OK", "OK", "OK"]


def test_classify_without_a_key_has_no_verdicts(run, tmp_path) -> None:
    write(tmp_path, "flows/a.aether", FLOW)
    run("classify", "flows", "--no-history")
    (record,) = json.loads((tmp_path / "workflow_failures.json").read_text())["workflows"]
    assert record["signature_verified"] is None


def test_require_signature_with_run_cmd_is_refused(run, tmp_path, secret) -> None:
    write(tmp_path, "flows/a.aether", FLOW)
    code, _, err = run("classify", "flows", "--no-history", "--require-signature", "--run-cmd", "true")
    assert code == 2 and "--run-cmd" in err
