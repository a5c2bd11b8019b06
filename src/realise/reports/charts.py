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

from realise.reports.text_width import text_em, widest_word_em, wrap

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


LABEL_SIZE = 12  # text is never smaller than this (a web page shows the chart at 640px or more)
LINE_HEIGHT = 1.2  # ems, between the lines of a wrapped label
UNDER_BARS, BESIDE_BARS = 3, 4  # the lines a category's name may take


def _fit_labels(names: Sequence[str], room: float, most: int) -> list[list[str]] | None:
    """Each name wrapped between its words into lines of ``room`` units, when every word fits
    and no name takes more than ``most`` lines; else None."""
    ems = room / LABEL_SIZE
    if any(widest_word_em(name) > ems for name in names):
        return None
    lines = [wrap(name, ems) for name in names]
    return lines if max((len(line) for line in lines), default=1) <= most else None


def _cut(name: str, room: float, most: int) -> list[str]:
    """``name`` in at most ``most`` lines of ``room`` units, the rest cut off with an ellipsis
    (the chart's table of figures gives every name whole)."""
    ems = room / LABEL_SIZE
    lines = []
    for line in wrap(name, ems):
        while text_em(line) > ems and len(line) > 1:
            line = line[:-2] + "\u2026"
        lines.append(line)
    if len(lines) > most:
        last = lines[most - 1]
        while text_em(last + " \u2026") > ems and " " in last:
            last = last.rsplit(" ", 1)[0]
        lines = [*lines[: most - 1], last.rstrip(" ,;") + "\u2026"]
    return lines


def _text_lines(x: float, y: float, lines: Sequence[str], anchor: str) -> str:
    """Lines of text, the first with its baseline at ``y``, the rest below it."""
    step = LABEL_SIZE * LINE_HEIGHT
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else step:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{LABEL_SIZE}">'
        f"{spans}</text>"
    )


class _Frame:
    """A chart with its categories along the bottom: the value axis up the left, each category's
    name under it, wrapped between words to its width (and the chart made taller to hold it)."""

    def __init__(self, values: list[float], categories: Sequence[str]) -> None:
        self.ticks = _ticks(min(values, default=0.0), max(values, default=0.0))
        self.low, self.high = self.ticks[0], self.ticks[-1]
        self.categories = categories
        self.plot_w = WIDTH - LEFT - RIGHT
        self.plot_h = HEIGHT - TOP - BOTTOM
        room = self.band(0)[1] - 6
        fitted = _fit_labels(categories, room, UNDER_BARS)
        self.fits = fitted is not None  # else each name is cut short, and ends with an ellipsis
        self.labels = fitted or [_cut(name, room, UNDER_BARS) for name in categories]
        lines = max((len(line) for line in self.labels), default=1)
        self.legend_y = HEIGHT - 22 + (lines - 1) * LABEL_SIZE * LINE_HEIGHT

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
        for index, lines in enumerate(self.labels):
            x, width = self.band(index)
            y = HEIGHT - BOTTOM + 18
            parts.append(_text_lines(x + width / 2, y, lines, "middle"))
        parts.append(
            f'<text x="14" y="{TOP + self.plot_h / 2:.1f}" font-size="12" text-anchor="middle" '
            f'transform="rotate(-90 14 {TOP + self.plot_h / 2:.1f})">{escape(unit)}</text>'
        )
        return "".join(parts)


def _legend(series: Sequence[Series], kind: str, y: float) -> tuple[str, float]:
    """The key to the series from ``y`` down, in as many rows as the chart's width needs; and
    the height of the chart that holds it."""
    parts, x = [], float(LEFT)
    for index, item in enumerate(series):
        width = 22 + 12 * text_em(item.name) + 18
        if x > LEFT and x + width - 18 > WIDTH - RIGHT:
            x, y = float(LEFT), y + 20
        if kind == "bar":
            swatch = (
                f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="14" height="14" '
                f'fill="{FILLS[index % 4]}" stroke="#0b0c0c"/>'
            )
        else:
            swatch = (
                f'<line x1="{x:.1f}" x2="{x + 18:.1f}" y1="{y - 3:.1f}" y2="{y - 3:.1f}" '
                f'stroke="#0b0c0c" stroke-width="2" stroke-dasharray="{DASHES[index % 4]}"/>'
            )
        parts.append(
            f'{swatch}<text x="{x + 22:.1f}" y="{y + 2:.1f}" font-size="12">'
            f"{escape(item.name)}</text>"
        )
        x += width
    return "".join(parts), y + 22


def _wrap(chart_id: str, title: str, description: str, body: str, height: float) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
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
    """Grouped bars, one group per category (e.g. budgeted and achieved savings by year). When
    the categories' names do not fit under their bars (long directorate names, or many of
    them), the bars run across instead, each group beside its name."""
    values = [float(v) for s in series for v in s.values]
    frame = _Frame(values, categories)
    if not frame.fits:
        return _bars_across(chart_id, title, description, categories, series, unit, values)
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
    legend, height = _legend(series, "bar", frame.legend_y)
    body = frame.axes(unit) + "".join(bars) + legend
    return _wrap(chart_id, title, description, body, height)


# Bars across: the names in a column on the left, the values along the bottom.
NAMES_W = 210  # the names' column, right-aligned against the bars
BAR_H, BAR_GAP, GROUP_GAP = 14, 2, 12


def _bars_across(
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str,
    values: list[float],
) -> str:
    ticks = _ticks(min(values, default=0.0), max(values, default=0.0))
    low, high = ticks[0], ticks[-1]
    left, right = NAMES_W, WIDTH - RIGHT - 16  # room for the last figure on the axis

    def x(value: float) -> float:
        return left + (right - left) * (value - low) / (high - low)

    room = NAMES_W - 12
    names = _fit_labels(categories, room, BESIDE_BARS) or [
        _cut(name, room, BESIDE_BARS) for name in categories
    ]
    bars_h = len(series) * (BAR_H + BAR_GAP) - BAR_GAP
    step = LABEL_SIZE * LINE_HEIGHT
    parts, y = [], float(TOP)
    for c_index, lines in enumerate(names):
        row_h = max(bars_h, len(lines) * step) + GROUP_GAP
        middle = y + row_h / 2
        first = middle - (len(lines) - 1) * step / 2 + LABEL_SIZE * 0.35
        parts.append(_text_lines(NAMES_W - 8, first, lines, "end"))
        top = middle - bars_h / 2
        for s_index, item in enumerate(series):
            value = float(item.values[c_index])
            start, end = x(min(value, 0.0)), x(max(value, 0.0))
            parts.append(
                f'<rect x="{start:.1f}" y="{top + s_index * (BAR_H + BAR_GAP):.1f}" '
                f'width="{max(end - start, 0.5):.1f}" height="{BAR_H}" '
                f'fill="{FILLS[s_index % 4]}" stroke="#0b0c0c" stroke-width="1"/>'
            )
        y += row_h
    grid = []
    for tick in ticks:
        at = x(tick)
        grid.append(
            f'<line x1="{at:.1f}" x2="{at:.1f}" y1="{TOP}" y2="{y:.1f}" '
            f'stroke="{"#0b0c0c" if tick == 0 else "#d8d8d8"}" stroke-width="1"/>'
            f'<text x="{at:.1f}" y="{y + 16:.1f}" text-anchor="middle" font-size="12">'
            f"{tick:g}</text>"
        )
    grid.append(
        f'<text x="{(left + right) / 2:.1f}" y="{y + 34:.1f}" text-anchor="middle" '
        f'font-size="12">{escape(unit)}</text>'
    )
    legend, height = _legend(series, "bar", y + 62)
    return _wrap(chart_id, title, description, "".join(grid) + "".join(parts) + legend, height)


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
    legend, height = _legend(series, "line", frame.legend_y)
    parts.append(legend)
    return _wrap(chart_id, title, description, "".join(parts), height)
