"""Accessible SVG charts, drawn on the server.

Each chart has a text title and description (``role="img"`` with ``aria-labelledby``), and the
page or document that shows it must also show its numbers in a table. Series differ by pattern,
dash and marker as well as by shade, so charts read in greyscale and for colour-blind readers.
Geometry uses floats; the numbers shown come from the caller, already formatted.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 72
FILLS = ("#0b0c0c", "url(#hatch)", "#b1b4b6", "url(#dots)")
DASHES = ("", "8 4", "2 3", "12 4 2 4")
MARKERS = ("circle", "square", "diamond", "triangle")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Decimal]


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks, value = [], start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


def _defs() -> str:
    return (
        "<defs>"
        '<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#0b0c0c" stroke-width="3"/></pattern>'
        '<pattern id="dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#ffffff"/><circle cx="3" cy="3" r="1.6" fill="#0b0c0c"/>'
        "</pattern></defs>"
    )


class _Frame:
    def __init__(self, values: list[float], categories: Sequence[str]) -> None:
        self.ticks = _ticks(min(values, default=0.0), max(values, default=0.0))
        self.low, self.high = self.ticks[0], self.ticks[-1]
        self.categories = categories
        self.plot_w = WIDTH - LEFT - RIGHT
        self.plot_h = HEIGHT - TOP - BOTTOM

    def y(self, value: float) -> float:
        return TOP + self.plot_h * (self.high - value) / (self.high - self.low)

    def band(self, index: int) -> tuple[float, float]:
        width = self.plot_w / max(len(self.categories), 1)
        return LEFT + index * width, width

    def axes(self, unit: str) -> str:
        parts = []
        for tick in self.ticks:
            y = self.y(tick)
            parts.append(
                f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                f'stroke="{"#0b0c0c" if tick == 0 else "#d8d8d8"}" stroke-width="1"/>'
                f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12">'
                f"{tick:g}</text>"
            )
        for index, name in enumerate(self.categories):
            x, width = self.band(index)
            parts.append(
                f'<text x="{x + width / 2:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
                f'font-size="12">{escape(name)}</text>'
            )
        parts.append(
            f'<text x="14" y="{TOP + self.plot_h / 2:.1f}" font-size="12" text-anchor="middle" '
            f'transform="rotate(-90 14 {TOP + self.plot_h / 2:.1f})">{escape(unit)}</text>'
        )
        return "".join(parts)


def _legend(series: Sequence[Series], kind: str) -> str:
    parts, x = [], LEFT
    y = HEIGHT - 22
    for index, item in enumerate(series):
        if kind == "bar":
            swatch = (
                f'<rect x="{x}" y="{y - 10}" width="14" height="14" fill="{FILLS[index % 4]}" '
                'stroke="#0b0c0c"/>'
            )
        else:
            swatch = (
                f'<line x1="{x}" x2="{x + 18}" y1="{y - 3}" y2="{y - 3}" stroke="#0b0c0c" '
                f'stroke-width="2" stroke-dasharray="{DASHES[index % 4]}"/>'
            )
        parts.append(
            f'{swatch}<text x="{x + 22}" y="{y + 2}" font-size="12">{escape(item.name)}</text>'
        )
        x += 40 + 7 * len(item.name)
    return "".join(parts)


def _wrap(chart_id: str, title: str, description: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="Arial, sans-serif" class="realise-chart">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{_defs()}{body}</svg>'
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str = "£m",
) -> str:
    """Grouped bars, one group per category (e.g. budgeted and achieved savings by year)."""
    values = [float(v) for s in series for v in s.values]
    frame = _Frame(values, categories)
    bars = []
    for c_index in range(len(categories)):
        x, width = frame.band(c_index)
        bar_w = width * 0.7 / max(len(series), 1)
        for s_index, item in enumerate(series):
            value = float(item.values[c_index])
            top, zero = frame.y(max(value, 0.0)), frame.y(min(value, 0.0))
            bars.append(
                f'<rect x="{x + width * 0.15 + s_index * bar_w:.1f}" y="{top:.1f}" '
                f'width="{bar_w - 2:.1f}" height="{max(zero - top, 0.5):.1f}" '
                f'fill="{FILLS[s_index % 4]}" stroke="#0b0c0c" stroke-width="1"/>'
            )
    return _wrap(
        chart_id, title, description, frame.axes(unit) + "".join(bars) + _legend(series, "bar")
    )


def _marker(shape: str, x: float, y: float) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#0b0c0c"/>'
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="#0b0c0c"/>'
    if shape == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
            f'{x - 5:.1f},{y:.1f}" fill="#0b0c0c"/>'
        )
    return (
        f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}" '
        'fill="#0b0c0c"/>'
    )


# A generous width for one character of 12-unit bold Arial, to keep a label inside the chart.
BOLD_CHARACTER = 7.5


def _label_beside(x: float, y: float, text: str) -> str:
    """A bold label just right of ``x``; just left of it when it would run past the chart's
    right edge (the last year's payback line), so no reader ever sees it cut."""
    if x + 4 + BOLD_CHARACTER * len(text) <= WIDTH - RIGHT:
        anchor, at = "start", x + 4
    else:
        anchor, at = "end", x - 4
    return (
        f'<text x="{at:.1f}" y="{y}" font-size="12" font-weight="bold" text-anchor="{anchor}">'
        f"{escape(text)}</text>"
    )


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str = "£m",
    highlight: int | None = None,
    highlight_label: str = "",
) -> str:
    """Lines over categories (e.g. the cumulative net J-curve), optionally marking one category
    (e.g. the payback year) with a labelled vertical line."""
    values = [float(v) for s in series for v in s.values]
    frame = _Frame(values, categories)
    parts = [frame.axes(unit)]
    if highlight is not None:
        x, width = frame.band(highlight)
        mid = x + width / 2
        parts.append(
            f'<line x1="{mid:.1f}" x2="{mid:.1f}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" '
            'stroke="#0b0c0c" stroke-width="2" stroke-dasharray="4 4"/>'
            + _label_beside(mid, TOP + 12, highlight_label)
        )
    for s_index, item in enumerate(series):
        points = []
        for c_index, value in enumerate(item.values):
            x, width = frame.band(c_index)
            points.append((x + width / 2, frame.y(float(value))))
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="#0b0c0c" stroke-width="2.5" '
            f'stroke-dasharray="{DASHES[s_index % 4]}"/>'
        )
        parts.extend(_marker(MARKERS[s_index % 4], x, y) for x, y in points)
    parts.append(_legend(series, "line"))
    return _wrap(chart_id, title, description, "".join(parts))
