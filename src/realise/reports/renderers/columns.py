"""Column widths for a report's tables in HTML and PDF, worked out before the page is laid out,
so that no text prints over other text on an A4 page, however long a directorate's name or
however many digits an amount has.

Each column gets at least what it cannot do without: a number column its widest figure (figures
never wrap), a text column its widest word (text wraps between words), both at least their
heading's widest word, in bold. When a table's columns need more than the page's width, its
text is made smaller, a step at a time, until they fit (``fit``). The width left over goes to
the text columns that would rather not wrap, then to every column. WeasyPrint lays out a table
of fixed widths much faster than it works them out itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from realise.reports.context import Table
from realise.reports.text_width import text_em, widest_word_em

# A4 (210 mm) less the print stylesheet's margins of 18 mm each side, in points.
PAGE_WIDTH_PT = (210 - 2 * 18) * 72 / 25.4
TABLE_PT = 9.0  # the print stylesheet's table text; a chart's table of figures is smaller
SMALL_TABLE_PT = 8.0
# Padding in ems of the table's text, as report.css sets it: 0.5em right of every cell, and
# 0.75em more left of a number.
TEXT_PAD, NUMBER_PAD = 0.5, 1.25
# And a little more, so a word estimated to fit exactly is never pushed onto a line of its own by
# the way the page rounds its widths.
SLACK = 0.3
# How far a table's text may shrink to fit the page: per cent of its usual size.
FITS = (100, 90, 80, 70, 60)
PREFERRED_TEXT = 24  # characters of text a column would rather show on one line
SAMPLE = 300  # rows looked at: enough to find a table's widest figure and longest words


@dataclass(frozen=True)
class Layout:
    widths: tuple[str, ...]  # per cent of the table's width, one per column
    fit: int  # per cent of the usual text size the table prints at
    min_width_em: float  # the table's narrowest width that fits its columns, in ems

    @property
    def css_class(self) -> str:
        return "" if self.fit == 100 else f"fit-{self.fit}"


def _needs(table: Table) -> list[tuple[float, float]]:
    """(the width it cannot do without, the width it would like) of each column, in ems."""
    rows = table.rows[:SAMPLE]
    sized = []
    for index, column in enumerate(table.columns):
        heading = widest_word_em(column.heading, bold=True)
        texts = [row[index].text for row in rows]
        total = table.total[index].text if table.total else ""
        if column.numeric:
            widest = max((text_em(t) for t in texts), default=0.0)
            need = max(widest, text_em(total, bold=True), heading) + NUMBER_PAD + SLACK
            sized.append((need, need))
            continue
        word = max((widest_word_em(t) for t in texts), default=0.0)
        need = max(word, widest_word_em(total, bold=True), heading) + TEXT_PAD + SLACK
        longest = max((text_em(t[:PREFERRED_TEXT]) for t in texts), default=0.0)
        sized.append((need, max(need, longest + TEXT_PAD)))
    return sized


def table_layout(table: Table, *, small: bool = False) -> Layout:
    """The widths and text size at which ``table`` fits the page's width (``small``: a chart's
    table of figures, which prints smaller)."""
    sized = _needs(table)
    needed = sum(need for need, _ in sized)
    base = SMALL_TABLE_PT if small else TABLE_PT
    fit = next(
        (f for f in FITS if needed * base * f / 100 <= PAGE_WIDTH_PT), FITS[-1]
    )  # the largest text at which every column gets what it needs
    room = max(PAGE_WIDTH_PT / (base * fit / 100), needed)  # the table's width in ems
    widths = [need for need, _ in sized]
    spare = room - needed
    wanted = sum(want - need for need, want in sized)
    if wanted > 0:  # first to the text columns that would rather not wrap
        share = min(spare, wanted)
        widths = [need + share * (want - need) / wanted for need, want in sized]
        spare -= share
    if spare > 0:  # then to every column, in proportion
        widths = [w + spare * w / needed for w in widths]
    whole = sum(widths) or 1.0
    return Layout(
        widths=tuple(f"{100 * w / whole:.2f}%" for w in widths),
        fit=fit,
        min_width_em=round(min(needed, room), 1),
    )
