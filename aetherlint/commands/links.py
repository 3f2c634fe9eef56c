"""How `check` and `classify` tell the user about symlinks they did not follow."""

from __future__ import annotations

from typing import Sequence

from aetherlint.words import plural


def skipped_links_lines(outside: Sequence[str], dangling: Sequence[str]) -> list[str]:
    """One line per link not followed (shown with -v)."""
    return [f"{name}: skipped symlink leading outside the root" for name in outside] + [
        f"{name}: skipped dangling symlink" for name in dangling
    ]


def skipped_links_note(outside: Sequence[str], dangling: Sequence[str]) -> str:
    """Appended to the summary line: empty when every link was followed."""
    if not outside and not dangling:
        return ""
    total = len(outside) + len(dangling)
    counts = ((len(outside), "leading outside the root"), (len(dangling), "dangling"))
    parts = [f"{n} {what}" for n, what in counts if n]
    return f" Skipped {plural(total, 'symlink')} ({', '.join(parts)}; -v lists them)."
