"""The README's Signing, Risk and Secrets sections do what they say when copied: making, using,
rotating and revoking keys (the shell blocks, run by bash in a scratch project with its own
HOME), and the example outputs of `verify`, `risk` and AE2801. (The `aetherlint-verify` hook's
configuration is run by pre-commit in test_pre_commit.py.)"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write
from readme import code_blocks, section

SIGNING = code_blocks(section("## Signing"))
FLOW = 'fn spin(w) {\n    return w\n}\n'


def _block(blocks: list[str], start: str) -> str:
    (found,) = [b for b in blocks if b.startswith(start)]
    return found


def _bash(script: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("AETHERLINT_SIGNING_KEY", "AETHERRA_SCRIPT_VERIFY_STRICT")}
    env.update(HOME=str(home), PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}")
    return subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path, "project/flows/a.aether", FLOW)
    write(tmp_path, "project/flows/sub/b.aether", 'log "b"\r\n')
    return tmp_path / "project"


def test_making_an_hmac_key(project, tmp_path) -> None:
    proc = _bash(_block(SIGNING, "aetherlint keygen --hmac"), project, tmp_path / "home")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    key = tmp_path / "home" / ".aetherlint-keys" / "signing.key"
    assert (key.stat().st_mode & 0o777) == 0o600 or sys.platform == "win32"
    assert proc.stdout.splitlines()[-1] == "Verify: 2 files, 2 OK, 0 failed (strict)."
    assert (project / "flows" / "a.aether").read_text().startswith("# @signature: ")
    assert "- OK `flows/a.aether`: hmac" in (project / "aether_static_report.md").read_text()


def test_making_rotating_and_revoking_an_ed25519_key(project, tmp_path) -> None:
    home = tmp_path / "home"
    make = _bash(_block(SIGNING, "aetherlint keygen ~/.aetherlint-keys/release.key"), project, home)
    assert make.returncode == 0, make.stdout + make.stderr
    (old_id, _), = [line.split() for line in (project / "trusted_keys.txt").read_text().splitlines()]
    assert f"OK flows/a.aether: ed25519 key {old_id}" in make.stdout
    rotate = _bash(_block(SIGNING, "aetherlint keygen ~/.aetherlint-keys/release-2.key"), project, home)
    assert rotate.returncode == 0, rotate.stdout + rotate.stderr
    assert (project / "revoked_keys.txt").read_text() == f"{old_id}\n"
    new_id = (project / "trusted_keys.txt").read_text().splitlines()[1].split()[0]
    assert rotate.stdout.splitlines()[-3:] == [f"OK flows/a.aether: ed25519 key {new_id}",
                                               f"OK flows/sub/b.aether: ed25519 key {new_id}",
                                               "Verify: 2 files, 2 OK, 0 failed (strict)."]
    # the old key is revoked: what it signs fails
    write(project, "flows/late.aether", FLOW)
    _bash("aetherlint sign flows/late.aether --key-file ~/.aetherlint-keys/release.key", project, home)
    verify = _bash("aetherlint verify flows/ --trusted-keys trusted_keys.txt --revoked-keys revoked_keys.txt || true",
                   project, home)
    assert f"FAIL flows/late.aether: signed by revoked key {old_id}" in verify.stdout


def test_the_verify_example(run, tmp_path) -> None:
    example = _block(SIGNING, "$ aetherlint verify flows --strict")
    command, *expected = example.splitlines()
    code, out, _ = run("keygen", str(tmp_path / "keys" / "release.key"))
    key_id = out.split()[0]
    write(tmp_path, "trusted_keys.txt", out)
    write(tmp_path, "flows/deploy.aether", FLOW)
    write(tmp_path, "flows/edited.aether", FLOW)
    run("sign", "flows", "--key-file", str(tmp_path / "keys" / "release.key"))
    edited = tmp_path / "flows" / "edited.aether"
    edited.write_text(edited.read_text() + 'log "one more line"\n')
    write(tmp_path, "flows/new.aether", FLOW)
    code, out, _ = run(*shlex.split(command)[2:])
    assert code == 1
    assert out.replace(key_id, "3f9a0c2d1e4b5a67").splitlines() == expected


def test_the_risk_example(run, tmp_path) -> None:
    blocks = code_blocks(section("## Risk"))
    write(tmp_path, "flows/deploy.aether", _block(blocks, 'description: "Deploys'))
    command, *expected = _block(blocks, "$ aetherlint risk").splitlines()
    code, out, _ = run(*shlex.split(command)[2:])
    assert code == 1 and out.splitlines() == expected


def test_the_secrets_example(run, tmp_path) -> None:
    example = _block(code_blocks(section("## Secrets")), "flows/notify.aether:")
    token = "xoxb-" + "123456789012-a1b2c3d4e5f6Qz"  # invented; the README shows it masked only
    write(tmp_path, "flows/notify.aether", f'let webhook = "{token}"\n')
    code, out, _ = run("check", "flows/notify.aether")
    assert code == 1 and token not in out
    assert out.splitlines()[:3] == example.splitlines()


def test_the_weights_table_is_the_rules() -> None:
    from aetherlint.reports.risk import WEIGHTS
    from aetherlint.rules import RULES

    rows = re.findall(r"^\| (AE28\d\d) \| `([a-z-]+)` \| (\d) \|", section("## Risk"), re.MULTILINE)
    assert [(rule, name, int(weight)) for rule, name, weight in rows] == [
        (rule, RULES[rule].name, weight) for rule, weight in WEIGHTS.items()]
