"""What the report shows, from its checked inputs: totals and the change since the previous run,
the trend and category charts, unknown functions, suppressions, gates and the files. Pure.

The date that decides whether a suppression has expired, or expires soon, is the day of the
classification, never today's: the same inputs always give the same page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from aetherlint.reports.html import charts
from aetherlint.reports.html.inputs import Classification, GateResults, Record, Summary, TrendPoint
from aetherlint.reports.suppressions import Entry

EXPIRING_DAYS = 30
OK = "OK"


@dataclass(frozen=True)
class Change:
    since: str  # the previous run's timestamp
    total: str  # "+3", "-1", "0"
    failed: str
    suppressed: str
    rate: str  # in percentage points, "+1.2 pp"
    worse: bool  # more failing files than before
    better: bool


@dataclass(frozen=True)
class Trend:
    runs: list[TrendPoint]
    rates: list[str]  # each run's failure rate, "40.5%"
    categories: list[str]  # the failing categories of any run (columns of the table)
    totals: charts.LineChart  # total, failed, suppressed
    by_category: Optional[charts.LineChart]  # failed per category (None: no run had a failure)


@dataclass(frozen=True)
class Suppression:
    fingerprint: str
    owner: str
    expires: str  # "" when it never does
    state: str  # "expired", "expiring" (within EXPIRING_DAYS), "active"
    stale: bool  # matched nothing in the classification
    files: int  # records it matches (by either fingerprint)
    line: Optional[int]  # in the suppression list; None: only in the classification's lists


@dataclass(frozen=True)
class Dashboard:
    summary: Summary
    rate: str
    change: Optional[Change]
    trend: Optional[Trend]
    categories: charts.BarChart
    suppressions: list[Suppression]
    stale: list[Suppression]
    gates: Optional[GateResults]
    files: list[Record]  # the records that are not OK (failing or suppressed), by path
    file_categories: list[str]
    file_rules: list[str]


def build(
    classification: Classification,
    runs: Sequence[TrendPoint] = (),
    gates: Optional[GateResults] = None,
    entries: Iterable[Entry] = (),
) -> Dashboard:
    summary = classification.summary
    files = [r for r in classification.records if r.category != OK]
    suppressions = _suppressions(classification, list(entries))
    return Dashboard(
        summary=summary,
        rate=percent(summary.failure_rate),
        change=_change(summary, runs),
        trend=_trend(list(runs)),
        categories=charts.bar_chart(list(summary.categories.items())),
        suppressions=suppressions,
        stale=[s for s in suppressions if s.stale],
        gates=gates,
        files=files,
        file_categories=sorted({r.category for r in files}),
        file_rules=sorted({r.rule for r in files if r.rule}),
    )


def _change(summary: Summary, runs: Sequence[TrendPoint]) -> Optional[Change]:
    """Against the latest run before this classification (trends.json usually ends with this
    very run, which is not its own previous one)."""
    earlier = [p for p in runs if p.timestamp < summary.timestamp]
    if not earlier:
        return None
    before = earlier[-1]
    rate = summary.failure_rate - (before.failed / before.total if before.total else 0.0)
    return Change(
        since=before.timestamp,
        total=signed(summary.total - before.total),
        failed=signed(summary.failed - before.failed),
        suppressed=signed(summary.suppressed - before.suppressed),
        rate=f"{signed(round(rate * 100, 1))} pp",
        worse=summary.failed > before.failed,
        better=summary.failed < before.failed,
    )


def _trend(runs: list[TrendPoint]) -> Optional[Trend]:
    if not runs:
        return None
    times = [p.timestamp for p in runs]
    failing = sorted({c for p in runs for c, n in p.categories.items() if n and _failing(c)})
    totals = charts.line_chart(times, [("total", [p.total for p in runs]), ("failed", [p.failed for p in runs]),
                                       ("suppressed", [p.suppressed for p in runs])])
    by_category = charts.line_chart(
        times, [(c, [p.categories.get(c, 0) for p in runs]) for c in failing], unit="failed") if failing else None
    rates = [percent(p.failed / p.total if p.total else 0.0) for p in runs]
    return Trend(runs, rates, failing, totals, by_category)


def _failing(category: str) -> bool:
    return category != OK and not category.startswith("Suppressed-")


def _suppressions(classification: Classification, entries: list[Entry]) -> list[Suppression]:
    """The list's entries, in its order, then the fingerprints the classification calls stale or
    expired that the list given does not hold (another list, or none given)."""
    summary = classification.summary
    stale, expired, day = set(summary.stale), set(summary.expired), summary.day
    matches: dict[str, int] = {}
    for record in classification.records:
        for fp in set(record.fingerprints):
            matches[fp] = matches.get(fp, 0) + 1
    rows = [
        Suppression(e.fingerprint, e.owner or "", e.expires.isoformat() if e.expires else "", _state(e.expires, day),
                    e.fingerprint in stale, matches.get(e.fingerprint, 0), e.line)
        for e in entries
    ]
    listed = {e.fingerprint for e in entries}
    rows += [
        Suppression(fp, "", "", "expired" if fp in expired else "active", fp in stale, matches.get(fp, 0), None)
        for fp in sorted((stale | expired) - listed)
    ]
    return rows


def _state(expires: Optional[dt.date], day: dt.date) -> str:
    if expires is None:
        return "active"
    if expires < day:
        return "expired"
    return "expiring" if expires <= day + dt.timedelta(days=EXPIRING_DAYS) else "active"


def percent(rate: float) -> str:
    return f"{rate:.1%}"


def signed(value: float) -> str:
    """`+3`, `-1.2`, `0` (never `-0`, which a rounded small decrease would give)."""
    return f"+{value:g}" if value > 0 else f"{value:g}" if value < 0 else "0"
