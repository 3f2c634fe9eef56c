"""`aetherlint suppress`: a ready-to-paste suppressions block for the most frequent failures."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import IO, Optional

from aetherlint.errors import EXIT_OK, UsageError


def run(
    classification: str,
    top: int,
    owner: Optional[str] = None,
    expires: Optional[str] = None,
    stdout: Optional[IO[str]] = None,
) -> int:
    stdout = stdout or sys.stdout
    if top < 1:
        raise UsageError("--top must be at least 1")
    if expires is not None:
        try:
            dt.date.fromisoformat(expires)
        except ValueError:
            raise UsageError(f"--expires must be YYYY-MM-DD, got {expires!r}") from None
    if owner is not None and (not owner or any(c.isspace() for c in owner)):
        raise UsageError("--owner must be one word")
    records = _records(Path(classification))
    failing = [r for r in records if r.get("code") and not r.get("suppressed") and r.get("fingerprint")]
    counts = Counter(r["fingerprint"] for r in failing)
    example = {}
    for r in sorted(failing, key=lambda r: r["path"]):
        example.setdefault(r["fingerprint"], r)
    tokens = " ".join(t for t in (f"owner={owner}" if owner else "", f"expires={expires}" if expires else "") if t)
    for fingerprint, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
        r = example[fingerprint]
        message = str(r.get("message", "")).splitlines()[0][:80] if r.get("message") else ""
        print(f"# {r['code_name']}: {message} ({count} file{'s' if count != 1 else ''}, e.g. {r['path']})", file=stdout)
        print(f"{fingerprint} {tokens}".rstrip(), file=stdout)
    return EXIT_OK


def _records(path: Path) -> list[dict]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror}); run `aetherlint classify` first") from None
    except ValueError:
        raise UsageError(f"{path}: not JSON") from None
    records = document.get("workflows") if isinstance(document, dict) else None
    if not isinstance(records, list):
        raise UsageError(f"{path}: not a classification (no 'workflows' list)")
    return [r for r in records if isinstance(r, dict)]
