"""PDF table columns (realise.reports.renderers.columns): every column is at least as wide as
what cannot wrap in it (a figure, a word), so nothing prints over the next column; a table too
wide for the page at its usual size prints smaller."""

from __future__ import annotations

from decimal import Decimal

from realise.reports.context import Column, Table, pct, pounds, text, total_label
from realise.reports.renderers.columns import (
    PAGE_WIDTH_PT,
    TABLE_PT,
    table_layout,
)
from realise.reports.text_width import text_em, widest_word_em

NAMES = (
    "Adult Social Care, Housing and Public Health Commissioning",
    "Corporate Development, Finance, Commercial and Digital Transformation",
)


def _table(figures: int) -> Table:
    columns = (
        Column("Directorate"),
        *(Column(f"Achieved, validated {n} (£)", numeric=True, unit="£") for n in range(figures)),
        Column("Achieved or forecast", numeric=True, unit="%"),
        Column("RAG"),
    )
    rows = tuple(
        (
            text(name),
            *(pounds(Decimal("87654321.09")) for _ in range(figures)),
            pct(Decimal(89)),
            text("Amber"),
        )
        for name in NAMES
    )
    total = (
        total_label(),
        *(pounds(Decimal("200144033.15"), summed=True) for _ in range(figures)),
        pct(Decimal(89)),
        text("Amber"),
    )
    return Table("t", "T", columns, rows, total)


def _points(table: Table) -> tuple[list[float], float]:
    layout = table_layout(table)
    size = TABLE_PT * layout.fit / 100
    return [PAGE_WIDTH_PT * float(w.rstrip("%")) / 100 for w in layout.widths], size


def test_each_column_holds_its_widest_figure_and_its_widest_word():
    table = _table(5)
    widths, size = _points(table)
    assert abs(sum(widths) - PAGE_WIDTH_PT) < 0.5
    # the widest figure, bold in the total row, with its padding (0.75em left, 0.5em right)
    figure = (text_em("200,144,033.15", bold=True) + 1.25) * size
    assert all(w >= figure for w in widths[1:6])
    assert widths[-1] >= (text_em("Amber", bold=True) + 0.5) * size  # the RAG, bold in the total
    assert widths[0] >= (widest_word_em(NAMES[1]) + 0.5) * size  # "Transformation"
    heading = (widest_word_em("Achieved or forecast", bold=True) + 1.25) * size
    assert widths[6] >= heading


def test_a_table_too_wide_for_the_page_prints_smaller_until_it_fits():
    assert table_layout(_table(3)).fit == 100
    wide = table_layout(_table(8))
    assert wide.fit < 100
    assert wide.css_class == f"fit-{wide.fit}"
    widths, size = _points(_table(8))
    figure = (text_em("200,144,033.15", bold=True) + 1.25) * size
    assert all(w >= figure for w in widths[1:9])
