"""Code actions of one document: the fixes of the findings at the cursor, the migrate transforms
there, suppression comments, and everything safe at once (`source.fixAll.aetherlint`). Pure:
the text and its last result in, `Action`s of `Edit`s (1-based, code points) out.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Sequence

from aetherlint.diagnostic import Diagnostic, Edit
from aetherlint.result import FileResult
from aetherlint.server import comments
from aetherlint.source import line_starts

QUICKFIX = "quickfix"
REWRITE = "refactor.rewrite"
FIX_ALL = "source.fixAll.aetherlint"
UNUSED_SUPPRESSION = "AE2901"


@dataclass(frozen=True)
class Action:
    title: str
    kind: str
    edits: tuple[Edit, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    preferred: bool = False


def at(text: str, lines: Sequence[str], result: FileResult, first: int, last: int,
       renames: Mapping[str, str] = {}) -> list[Action]:
    """The actions for lines `first` to `last`: each finding's fix, then removing an unused
    suppression or suppressing each rule found there (on the line, in the file), then the
    migrate transforms that touch those lines."""
    found = [d for d in result.diagnostics if not d.suppressed and d.line <= last and d.end[0] >= first]
    out = [
        Action(f"{d.fix.description} ({d.rule}{', unsafe' if d.fix.applicability != 'safe' else ''})", QUICKFIX,
               d.fix.edits, (d,), d.fix.applicability == "safe")
        for d in found if d.fix is not None
    ]
    offered: set[tuple[str, int]] = set()  # (rule, line) for a line's comment, (rule, 0) for the file's
    for diag in found:
        if diag.rule == UNUSED_SUPPRESSION:
            out += _remove(lines, result, diag)
            continue
        for where in (diag.line, 0):
            if (diag.rule, where) in offered:
                continue
            offered.add((diag.rule, where))
            if where:
                edit, title = comments.ignore_line(text, lines, result.directives, where, diag.rule), "on this line"
            else:
                edit, title = comments.ignore_file(text, lines, result.directives, diag.rule), "in this file"
            if edit is not None:
                out.append(Action(f"Ignore {diag.rule} {title}", QUICKFIX, (edit,), (diag,)))
    out += _migrations(text, first, last, renames)
    return out


def fix_all(text: str, result: FileResult, renames: Mapping[str, str] = {}) -> Optional[Action]:
    """Every safe fix and safe migrate transform of the document, as one action; where two
    overlap, the first in the file wins (the rest are offered again once it is applied)."""
    edits = [e for d in result.diagnostics if not d.suppressed and d.fix and d.fix.applicability == "safe" for e in d.fix.edits]
    edits += [e for transform, group in _migration_edits(text, renames) if _safe(transform) for e in group]
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.line, e.col, e.end_line, e.end_col)):
        if kept and (edit.line, edit.col) < (kept[-1].end_line, kept[-1].end_col):
            continue
        kept.append(edit)
    return Action("Fix all safe aetherlint findings", FIX_ALL, tuple(kept)) if kept else None


def wanted(kind: str, only: Optional[Iterable[str]]) -> bool:
    """Whether an action of `kind` answers a request for `only` kinds (a prefix matches: `source`
    asks for `source.fixAll.aetherlint` too)."""
    return only is None or any(kind == o or kind.startswith(o + ".") for o in only)


def _remove(lines: Sequence[str], result: FileResult, diag: Diagnostic) -> list[Action]:
    if not diag.message.startswith("unused suppression"):
        return []  # a selector that names no rule: the comment may still suppress the others
    for directive in result.directives:
        if directive.line == diag.line and directive.col == diag.col:
            return [Action("Remove unused suppression", QUICKFIX, (comments.remove(lines, directive),), (diag,), True)]
    return []


def _migrations(text: str, first: int, last: int, renames: Mapping[str, str]) -> list[Action]:
    from aetherlint.migration import TRANSFORMS

    out = []
    for transform, group in _migration_edits(text, renames):
        near = tuple(e for e in group if e.line <= last and e.end_line >= first)
        if near:
            safety = "" if TRANSFORMS[transform].safe else ", unsafe"
            out.append(Action(f"Migrate: {transform} ({len(near)} edit{'s' if len(near) != 1 else ''}{safety})", REWRITE, near))
    return out


def _migration_edits(text: str, renames: Mapping[str, str]) -> list[tuple[str, list[Edit]]]:
    """The edits of every migrate transform (unsafe ones too), grouped by transform, as line and
    column edits; none when the text does not parse or the migration fails its own check."""
    from aetherlint.migration import MigrationError, migrate_text

    try:
        migration = migrate_text(text, unsafe=True, renames=renames)
    except MigrationError:
        return []
    starts = line_starts(text)
    groups: dict[str, list[Edit]] = {}
    for edit in migration.edits:
        (line, col), (end_line, end_col) = _position(starts, edit.start), _position(starts, edit.end)
        groups.setdefault(edit.transform, []).append(Edit(line, col, end_line, end_col, edit.replacement))
    return sorted(groups.items())


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


def _safe(transform: str) -> bool:
    from aetherlint.migration import TRANSFORMS

    return TRANSFORMS[transform].safe
