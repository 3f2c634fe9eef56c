"""`aetherlint sign`: sign workflows in place (or, with `--check`, say which would be signed)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Optional, Sequence

from aetherlint.commands import inplace
from aetherlint.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from aetherlint.escape import controls
from aetherlint.words import plural
from aetherlint.settings import options as opt
from aetherlint.settings.resolver import Overrides, Resolver
from aetherlint.signing import keys


@dataclass(frozen=True)
class Outcome:
    path: str
    status: str  # "signed" (or would be, with --check), "valid" (already), "skipped"
    reason: str = ""  # why it is skipped; for "signed", what was wrong before


def run(
    paths: Sequence[str],
    key_file: Optional[str] = None,
    *,
    check: bool = False,
    force: bool = False,
    overrides: Overrides = Overrides(),
    stdout: Optional[IO[str]] = None,
    stderr: Optional[IO[str]] = None,
) -> int:
    from aetherlint.commands import runopts
    from aetherlint.runner.targets import Target, Targets

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    if not paths:
        raise UsageError("no paths given (try `aetherlint sign .`)")
    resolver = Resolver(overrides, opt.SIGN, Path.cwd())
    top = resolver.for_folder(Path.cwd())
    keyring = keys.load(key_file, top[opt.TRUSTED_KEYS], top[opt.REVOKED_KEYS])
    if keyring.secret is None and keyring.private is None:
        raise UsageError(keys.no_key("no signing key"))
    if keyring.private is not None and keyring.public_key_id() in keyring.revoked:
        raise UsageError(f"--key-file {key_file}: key {keyring.public_key_id()} is revoked")
    targets = Targets(resolver)
    entries = [(arg, entry) for arg in paths for entry in targets.add(arg)]
    runopts.unmatched_paths(targets.found.unmatched, top[opt.STRICT_PATHS], stderr)
    outcomes = []
    for arg, entry in entries:
        if isinstance(entry, Target):
            outcome = _sign_file(entry.path, entry.display, keyring, inplace.link_root(arg, entry),
                                 entry.settings[opt.MAX_FILE_SIZE], check=check, force=force)
        else:
            outcome = Outcome(f"{entry.display}/", "skipped", f"cannot list the folder ({entry.reason})")
        outcomes.append(outcome)
        _print(outcome, check, stdout, stderr)
    print(_summary(outcomes, check), file=stdout)
    pending = check and any(o.status == "signed" for o in outcomes)
    problems = any(o.status == "skipped" for o in outcomes)
    return EXIT_FINDINGS if pending or problems else EXIT_OK


def _sign_file(path: Path, display: str, keyring: keys.Keyring, root: Path, limit: int, *, check: bool,
               force: bool) -> Outcome:
    from aetherlint.fileio import rewrite_in_place
    from aetherlint.signing.verify import sign, signed_with, verify
    from aetherlint.source import SourceError, read_bytes

    target, why_not = inplace.target(path, root, writing=not check, force=force)
    if why_not:
        return Outcome(display, "skipped", why_not)
    assert target is not None
    try:
        read = os.stat(target)
        data = read_bytes(target, limit)
    except SourceError as exc:
        return Outcome(display, "skipped", exc.diagnostic.message)
    except OSError as exc:
        return Outcome(display, "skipped", f"cannot read ({exc.strerror or exc})")
    verdict = verify(data, keyring)
    if signed_with(verdict, keyring):
        return Outcome(display, "valid")
    if not check:
        try:
            rewrite_in_place(target, sign(data, keyring), read, data, force=force)
        except OSError as exc:
            return Outcome(display, "skipped", f"cannot write ({exc.strerror or exc})")
    before = "signed with another key" if verdict.ok else verdict.reason.split(" (")[0]
    return Outcome(display, "signed", before)


def _print(outcome: Outcome, check: bool, stdout: IO[str], stderr: IO[str]) -> None:
    path = controls(outcome.path)
    if outcome.status == "skipped":
        print(f"{path}: skipped: {controls(outcome.reason)}", file=stderr)
    elif outcome.status == "signed":
        print(f"{path}: {'would sign' if check else 'signed'} ({outcome.reason})", file=stdout)


def _summary(outcomes: list[Outcome], check: bool) -> str:
    signed = sum(o.status == "signed" for o in outcomes)
    valid = sum(o.status == "valid" for o in outcomes)
    skipped = sum(o.status == "skipped" for o in outcomes)
    verb = "would sign" if check else "signed"
    return (f"Sign: {plural(len(outcomes), 'file')} scanned, {signed} {verb}, {valid} already signed with this key"
            + (f", {skipped} skipped." if skipped else "."))
