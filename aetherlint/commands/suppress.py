"""`aetherlint suppress`: a ready-to-paste suppressions block for the most frequent failures."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import IO, Optional

from aetherlint.errors import EXIT_OK, UsageError
from aetherlint.words import plural


def run(
    classification: str,
    top: int,
    owner: Optional[str] = None,
    expires: Optional[str] = None,
    stdout: Optional[IO[str]] = None,
) -> int:
    from aetherlint.escape import controls
    from aetherlint.reports.suppressions import parse_date

    stdout = stdout or sys.stdout
    if top < 1:
        raise UsageError("--top must be at least 1")
    if expires is not None and parse_date(expires) is None:
        raise UsageError(f"--expires must be YYYY-MM-DD, got {controls(repr(expires))}")
    if owner is not None and (not owner or not owner.isprintable() or any(c.isspace() for c in owner)):
        raise UsageError("--owner must be one word")
    failing = _failing(Path(classification))
    counts = Counter(_key(r) for r in failing)
    example = {}
    for r in sorted(failing, key=lambda r: r["path"]):
        example.setdefault(_key(r), r)
    tokens = " ".join(t for t in (f"owner={owner}" if owner else "", f"expires={expires}" if expires else "") if t)
    for fingerprint, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
        r = example[fingerprint]
        message = r["message"].splitlines()[0][:80] if r["message"] else ""
        # Repository text (path, message) goes only into the comment, escaped: a newline in a
        # file name must never start a line of its own.
        comment = f"{r['code_name']}: {message} ({plural(count, 'file')}, e.g. {r['path']})"
        print(f"# {controls(comment)}", file=stdout)
        print(f"{fingerprint} {tokens}".rstrip(), file=stdout)
    return EXIT_OK


def _failing(path: Path) -> list[dict]:
    """The unsuppressed failing records of a classify artifact, checked field by field."""
    from aetherlint.jsonread import loads

    try:
        document = loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror}); run `aetherlint classify` first") from None
    except ValueError as exc:  # BadJson, UnicodeDecodeError
        raise UsageError(f"{path}: {exc if str(exc).startswith('not JSON') else 'not UTF-8 text'}") from None
    records = document.get("workflows") if isinstance(document, dict) else None
    if not isinstance(records, list):
        raise UsageError(f"{path}: not a classification (no 'workflows' list)")
    failing = []
    for index, record in enumerate(records):
        if not isinstance(record, dict) or not record.get("code") or record.get("suppressed"):
            continue
        if record.get("fingerprint") is None:
            continue  # a failure without a fingerprint cannot be suppressed
        problem = _problem(record)
        if problem:
            raise UsageError(f"{path}: workflows[{index}]: {problem}")
        failing.append(record)
    return failing


def _key(record: dict) -> str:
    """The stable fingerprint when the record has one: it survives lines added above the failure,
    where the line-number fingerprint goes stale."""
    from aetherlint.reports.suppressions import is_fingerprint

    stable = record.get("stable_fingerprint")
    return stable if is_fingerprint(stable) else record["fingerprint"]


def _problem(record: dict) -> Optional[str]:
    from aetherlint.reports.suppressions import is_fingerprint

    if not is_fingerprint(record.get("fingerprint")):
        return "'fingerprint' is not 16 hex digits"
    for key in ("path", "code_name"):
        if not isinstance(record.get(key), str):
            return f"{key!r} is not a string"
    if not isinstance(record.get("message"), (str, type(None))):
        return "'message' is not a string"
    return None
