"""Tables 3 and 4 (savings by directorate, and the next year projected with carry-forwards) are
laid out once, as table contexts built from their selectors' results; the annual report, the
Savings page, the dashboard and ``realise summary`` render those contexts, each in its own words
(ADR 0024). The console never cuts a figure short, however narrow the terminal."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from rich.console import Console

from realise.benefits.selectors import (
    CarriedForward,
    DirectorateProjection,
    DirectorateSavings,
    DirectorateSavingsTable,
    ProjectedSavingsTable,
)
from realise.finance.calendar import FinancialYear
from realise.reports.directorate_tables import (
    CONSOLE,
    DASHBOARD,
    PAGE,
    REPORT,
    savings_by_directorate_table,
    savings_projected_table,
)
from realise.reports.renderers.console import rich_table

YEAR = FinancialYear(2022)


def _by_directorate(rows: tuple[DirectorateSavings, ...] | None = None) -> DirectorateSavingsTable:
    if rows is None:
        rows = (
            DirectorateSavings(
                "People",
                Decimal("3805000"),
                Decimal("0"),
                Decimal("3705000"),
                Decimal("100000"),
                ("Reinvested in housing demand",),
            ),
            DirectorateSavings(
                "Place", Decimal("0"), Decimal("70000"), Decimal("0"), Decimal("70000"), ()
            ),
        )
    return DirectorateSavingsTable(
        year=YEAR,
        rows=rows,
        total_projected=sum((r.projected for r in rows), Decimal(0)),
        total_achieved=sum((r.achieved for r in rows), Decimal(0)),
        total_underachieved=sum((r.underachieved for r in rows), Decimal(0)),
        total_carried_in=sum((r.carried_in for r in rows), Decimal(0)),
    )


def _texts(table) -> list[list[str]]:
    return [[c.text for c in row] for row in (*table.rows, table.total)]


def test_the_report_keeps_dorsets_table_3_with_pounds_in_the_headings():
    table = savings_by_directorate_table(_by_directorate(), REPORT)
    assert table.title == "Table 3. Savings by directorate, 2022/23"
    assert [c.heading for c in table.columns] == [
        "Directorate",
        "Projected (£)",
        "Achieved (£)",
        "Under-achieved (£)",
        "Reasons for under-delivery",
    ]
    assert _texts(table)[0] == [
        "People",
        "3,805,000",
        "3,705,000",
        "100,000",
        table.rows[0][4].text,
    ]
    assert _texts(table)[-1][:4] == ["Total", "3,805,000", "3,705,000", "170,000"]
    assert all(c.summed for c in table.total[1:4])


def test_the_page_and_dashboard_show_what_was_carried_in_from_the_same_figures():
    page = savings_by_directorate_table(_by_directorate(), PAGE)
    dashboard = savings_by_directorate_table(_by_directorate(), DASHBOARD)
    assert [c.heading for c in page.columns][1:5] == [
        "Projected",
        "Carried in",
        "Achieved",
        "Under-achieved",
    ]
    assert [c.heading for c in dashboard.columns] == [
        "Directorate",
        "Budgeted",
        "Carried in",
        "Achieved",
        "Under-achieved",
    ]
    assert _texts(page)[1][:5] == ["Place", "£0", "£70,000", "£0", "£70,000"]
    assert _texts(dashboard)[-1] == ["Total", "£3,805,000", "£70,000", "£3,705,000", "£170,000"]
    # The dashboard's totals are marked for its figures; the page's are not.
    assert [c.key for c in dashboard.total] == ["", "year-budgeted", "", "year-achieved", ""]
    assert not any(c.key for c in page.total)


def test_a_year_without_rows_says_so_on_a_page_but_not_in_the_report():
    empty = _by_directorate(())
    assert savings_by_directorate_table(empty, DASHBOARD).notes == (
        "No savings budgeted or recorded for 2022/23.",
    )
    assert savings_by_directorate_table(empty, REPORT).notes == ()


def _with_pressures() -> DirectorateSavingsTable:
    """A council that records pressures and mitigations: People's £20,000 pressure makes its
    under-achievement £120,000; Place's £10,000 mitigation makes its £60,000."""
    rows = (
        DirectorateSavings(
            "People",
            Decimal("3805000"),
            Decimal("0"),
            Decimal("3705000"),
            Decimal("120000"),
            ("Pressure −£20,000: demand",),
            adjustments=Decimal("-20000"),
        ),
        DirectorateSavings(
            "Place",
            Decimal("0"),
            Decimal("70000"),
            Decimal("0"),
            Decimal("60000"),
            (),
            adjustments=Decimal("10000"),
        ),
    )
    return DirectorateSavingsTable(
        year=YEAR,
        rows=rows,
        total_projected=Decimal("3805000"),
        total_achieved=Decimal("3705000"),
        total_underachieved=Decimal("180000"),
        total_carried_in=Decimal("70000"),
        total_adjustments=Decimal("-10000"),
        shows_adjustments=True,
    )


def test_a_council_with_pressures_and_mitigations_gets_them_before_under_achieved():
    report = savings_by_directorate_table(_with_pressures(), REPORT)
    assert [c.heading for c in report.columns] == [
        "Directorate",
        "Projected (£)",
        "Achieved (£)",
        "Pressures (\u2212) and mitigations (£)",
        "Under-achieved (£)",
        "Reasons for under-delivery",
    ]
    assert [row[:5] for row in _texts(report)] == [
        ["People", "3,805,000", "3,705,000", "\u221220,000", "120,000"],
        ["Place", "0", "0", "10,000", "60,000"],
        ["Total", "3,805,000", "3,705,000", "\u221210,000", "180,000"],
    ]
    assert report.total[3].summed
    assert "a pressure is shown negative" in report.notes[0]
    dashboard = savings_by_directorate_table(_with_pressures(), DASHBOARD)
    assert _texts(dashboard)[-1] == [
        "Total",
        "£3,805,000",
        "£70,000",
        "£3,705,000",
        "\u2212£10,000",
        "£180,000",
    ]


def test_a_total_that_is_not_the_sum_of_its_rows_is_refused():
    data = _by_directorate()
    wrong = DirectorateSavingsTable(
        year=YEAR,
        rows=data.rows,
        total_projected=data.total_projected + 1,
        total_achieved=data.total_achieved,
        total_underachieved=data.total_underachieved,
        total_carried_in=data.total_carried_in,
    )
    with pytest.raises(ValueError, match="Table 3 projected"):
        savings_by_directorate_table(wrong, REPORT)


def test_table_4_lists_each_carry_forward_with_its_year_and_reason():
    rows = (
        DirectorateProjection(
            "Children's",
            Decimal("3000000"),
            (CarriedForward(Decimal("300000"), YEAR, "Early delays"),),
        ),
        DirectorateProjection("Place", Decimal("750000"), ()),
    )
    data = ProjectedSavingsTable(
        year=YEAR + 1,
        rows=rows,
        total_projected=Decimal("3750000"),
        total_carried_forward=Decimal("300000"),
    )
    table = savings_projected_table(data, CONSOLE)
    assert table.title == "Table 4. Projected savings by directorate, 2023/24"
    assert _texts(table) == [
        ["Children's", "£3,000,000", "£300,000", "2022/23: Early delays"],
        ["Place", "£750,000", "£0", ""],
        ["Total", "£3,750,000", "£300,000", ""],
    ]


@pytest.mark.parametrize("width", [40, 80, 200])
def test_the_console_never_cuts_a_figure_short(width):
    table = savings_by_directorate_table(_by_directorate(), CONSOLE)
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(rich_table(table))
    printed = out.getvalue()
    for figure in ("£3,805,000", "£3,705,000", "£100,000", "£170,000"):
        assert figure in printed, (width, printed)
    assert "…" not in printed
