"""Chart layout: where the lines, points, bars and labels of the report's SVG charts go. Pure.

The templates draw the SVG from these records; coordinates are strings with one decimal, so the
same data always gives the same bytes. Ours rather than a charting library: the two charts need
about a hundred lines, come out deterministic, and add nothing to install (pygal, for one,
stamps each chart with a random id and links a tooltip script from a CDN unless configured
otherwise).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 12, 84  # margins: room for the counts and the slanted run times
INSET = 44  # the first run's point this far right of the count axis: its slanted time fits
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, COUNT_WIDTH = 22, 6, 190, 64


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    title: str  # the tooltip: run time and value


@dataclass(frozen=True)
class Line:
    name: str
    index: int  # its colour (CSS class s0, s1, ...)
    points: tuple[Point, ...]

    @property
    def path(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)


@dataclass(frozen=True)
class Tick:
    at: str  # x for the time axis, y for the count axis
    label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    right: str  # x of the plot's right edge
    bottom: str  # y of the x axis
    lines: tuple[Line, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    index: int
    y: str
    width: str
    text_y: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bar_x: int
    bar_height: int
    count_x_offset: int
    bars: tuple[Bar, ...]


def line_chart(times: Sequence[str], lines: Sequence[tuple[str, Sequence[int]]], unit: str = "") -> LineChart:
    """One point per run for each named line; `times` label the x axis (one per run)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top_value, step = scale(max((v for _, values in lines for v in values), default=0))

    def x(i: int) -> float:
        span = plot_w - INSET
        return LEFT + INSET + (span / 2 if len(times) == 1 else span * i / (len(times) - 1))

    def y(value: int) -> float:
        return TOP + plot_h * (1 - value / top_value)

    drawn = tuple(
        Line(name, index, tuple(Point(_f(x(i)), _f(y(v)), f"{times[i]}: {v} {unit or name}".rstrip())
                                for i, v in enumerate(values)))
        for index, (name, values) in enumerate(lines)
    )
    x_ticks = tuple(Tick(_f(x(i)), _short(t)) for i, t in enumerate(times))
    y_ticks = tuple(Tick(_f(y(v)), str(v)) for v in range(0, top_value + 1, step))
    return LineChart(WIDTH, HEIGHT, LEFT, _f(LEFT + plot_w), _f(TOP + plot_h), drawn, x_ticks, y_ticks)


def bar_chart(counts: Sequence[tuple[str, int]]) -> BarChart:
    """One horizontal bar per (label, count), as long as its share of the largest count."""
    longest = max((c for _, c in counts), default=0) or 1
    room = WIDTH - LABEL_WIDTH - COUNT_WIDTH
    bars = tuple(
        Bar(label, count, index, _f(index * (BAR_HEIGHT + BAR_GAP)), _f(max(room * count / longest, 1 if count else 0)),
            _f(index * (BAR_HEIGHT + BAR_GAP) + BAR_HEIGHT * 0.7))
        for index, (label, count) in enumerate(counts)
    )
    height = max(len(bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP, BAR_HEIGHT)
    return BarChart(WIDTH, height, LABEL_WIDTH, BAR_HEIGHT, 6, bars)


def scale(largest: int) -> tuple[int, int]:
    """The axis top and the tick step: a 1, 2 or 5 times a power of ten step, about 5 ticks."""
    if largest <= 0:
        return 1, 1
    rough = largest / 5
    power = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    return step * math.ceil(largest / step), step


def _short(timestamp: str) -> str:
    """`2026-11-23T16:00:00Z` as `2026-11-23 16:00` (the axis has no room for seconds)."""
    return timestamp[:16].replace("T", " ")


def _f(value: float) -> str:
    return f"{value:.1f}"
