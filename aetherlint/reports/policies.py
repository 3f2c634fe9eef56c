"""The policies of one run: its rule options (selection, suppressions, what fails), the
project's suppression list, and for files that `[[per-file]]` tables match, their own selection.
Shared by `check` and the editor server, so that a buffer is judged as `check` judges its file."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from aetherlint.errors import UsageError
from aetherlint.result import FileResult, utc_timestamp
from aetherlint.settings import options as opt
from aetherlint.settings.resolver import Resolver

if TYPE_CHECKING:
    from aetherlint.settings.model import Settings


@dataclass(frozen=True)
class RuleOptions:
    """What counts: selection, suppressions, what fails, what is shown (the run's settings)."""

    select: Optional[tuple[str, ...]] = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    suppressions: Optional[str] = None  # a suppression list instead of the project's
    by_user: bool = True  # `suppressions` came from the command line: the user's choice, anywhere
    respect_suppressions: bool = True
    strict_suppressions: bool = False
    severity_threshold: str = "error"
    exit_zero: bool = False
    statistics: bool = False

    @classmethod
    def of(cls, top: "Settings") -> "RuleOptions":
        from aetherlint.settings.sources import COMMAND_LINE, CONFIG_FLAG

        by_user = top.origins[opt.SUPPRESSIONS.key] in (COMMAND_LINE, CONFIG_FLAG)
        return cls(
            top[opt.SELECT], top[opt.EXTEND_SELECT], top[opt.IGNORE], top[opt.SUPPRESSIONS], by_user,
            top[opt.RESPECT_SUPPRESSIONS], top[opt.STRICT_SUPPRESSIONS], top[opt.SEVERITY_THRESHOLD],
            top[opt.EXIT_ZERO], top[opt.STATISTICS],
        )


def selection(select: Optional[tuple[str, ...]], extend: tuple[str, ...], ignore: tuple[str, ...]) -> frozenset[str]:
    """The rules that report (rules.selectors.selected); a selector that names no rule is a
    usage error."""
    from aetherlint.rules.selectors import selected

    try:
        return selected(select, extend, ignore)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


class Policies:
    """The run's policy, and for files that `[[per-file]]` tables match, theirs (more rules
    ignored or selected)."""

    def __init__(self, options: RuleOptions, project_root: Path, resolver: Resolver, warn: Callable[[str], None]) -> None:
        import datetime as dt

        from aetherlint.reports.suppression_list import load_list
        from aetherlint.escape import controls
        from aetherlint.reports.policy import Policy

        self.options = options
        self.resolver = resolver
        listed = {}
        if options.respect_suppressions:
            found = load_list(options.suppressions, project_root, options.by_user)
            for problem in found.problems:
                warn(controls(problem))
            listed = found.active(dt.date.fromisoformat(utc_timestamp()[:10]))
        self._by_overrides: dict[tuple[tuple[str, ...], tuple[str, ...]], Policy] = {}
        chosen = self._selected((), ())
        self.policy = Policy(chosen, options.respect_suppressions, listed, options.strict_suppressions,
                             options.severity_threshold)

    def _selected(self, more: tuple[str, ...], less: tuple[str, ...]) -> frozenset[str]:
        options = self.options
        return selection(options.select, options.extend_select + more, options.ignore + less)

    def apply(self, result: FileResult, path: Optional[Path] = None) -> FileResult:
        """`result` under the policy of its file (`path`: where it is, when its display name
        is not a path from the current folder)."""
        policy = self.policy
        path = path or (Path(result.path) if result.path != "<stdin>" else None)
        if path is not None:
            settings = self.resolver.for_path(path)
            if settings.per_file:
                overrides = settings.rule_overrides(settings.relative(path))
                if overrides.ignore or overrides.select:
                    key = (overrides.select, overrides.ignore)  # the same tables match many files
                    if key not in self._by_overrides:
                        self._by_overrides[key] = replace(policy, selected=self._selected(*key))
                    policy = self._by_overrides[key]
        return policy.apply(result)[0]
