"""What counts: rule selection, suppressions (inline and listed) and the severity that fails a
file. One policy, applied the same way by `check`, `classify` and the editor server, to results
as the checker (or the cache) produced them. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from aetherlint.diagnostic import SEVERITIES
from aetherlint.reports.suppressing import apply as apply_suppressions
from aetherlint.reports.suppressions import Entry
from aetherlint.result import FileResult, recounted
from aetherlint.rules import DEFAULT_SELECTED


@dataclass(frozen=True)
class Policy:
    selected: frozenset[str] = DEFAULT_SELECTED  # rule ids that report (rules.selectors.selected)
    suppressions: bool = True  # False: --no-suppressions, inline and listed alike
    listed: Mapping[str, Entry] = field(default_factory=dict)  # active suppressions.txt entries
    strict_suppressions: bool = False  # unused suppressions are errors
    threshold: str = "error"  # the mildest severity that fails a file

    def apply(self, result: FileResult) -> tuple[FileResult, set[str]]:
        """The result as this policy sees it, and the listed fingerprints it matched."""
        result = self.select(result)
        if not self.suppressions:
            return result, set()
        return apply_suppressions(result, self.listed, strict=self.strict_suppressions, judged=self.selected)

    def select(self, result: FileResult) -> FileResult:
        """`result` with the findings of the selected rules only: what happened, as far as this
        run asks (suppressions not applied yet)."""
        if any(d.rule not in self.selected for d in result.diagnostics):
            return recounted(result, [d for d in result.diagnostics if d.rule in self.selected])
        return result

    def fails(self, result: FileResult) -> bool:
        """Whether `result` (already applied) fails: an error, or with --severity-threshold warning
        any unsuppressed warning too."""
        if not result.ok:
            return True
        mildest = SEVERITIES.index(self.threshold)
        return any(not d.suppressed and SEVERITIES.index(d.severity) <= mildest for d in result.diagnostics)
