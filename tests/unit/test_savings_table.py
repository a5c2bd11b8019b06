"""Table 2 (savings budgeted against achieved, by year) is laid out once, as a table context built
from the ``savings_by_year`` selector's result; the annual report, the web page and dashboard and
``realise summary`` render that one context, each in its own words (ADR 0024)."""

from __future__ import annotations

import io
from decimal import Decimal

from rich.console import Console

from realise.benefits.selectors import SavingsByYear, YearSavings
from realise.finance.calendar import FinancialYear


def _data() -> SavingsByYear:
    first = YearSavings(
        year=FinancialYear(2022),
        budgeted=Decimal("9480222"),
        achieved=Decimal("7419537.50"),
        forecast=Decimal("0"),
        has_actuals=True,
        percent_achieved=Decimal("78.2633"),
        cumulative_budgeted=Decimal("9480222"),
        cumulative_achieved=Decimal("7419537.50"),
        cumulative_percent=Decimal("78.2633"),
        claimed=Decimal("2500"),
    )
    second = YearSavings(
        year=FinancialYear(2023),
        budgeted=Decimal("-1000"),  # a budget cut: shown with the minus sign
        achieved=Decimal("0"),
        forecast=Decimal("5000"),
        has_actuals=False,
        percent_achieved=None,
        cumulative_budgeted=Decimal("9479222"),
        cumulative_achieved=Decimal("7419537.50"),
        cumulative_percent=None,
    )
    return SavingsByYear(
        kind="cashable",
        years=(first, second),
        total_budgeted=Decimal("9479222"),
        total_achieved=Decimal("7419537.50"),
        total_claimed=Decimal("2500"),
    )


def _texts(table) -> list[list[str]]:
    return [[c.text for c in row] for row in (*table.rows, table.total)]


def test_the_report_table_numbers_its_years_and_names_pounds_in_the_headings():
    from realise.reports.savings_table import REPORT, savings_by_year_table

    table = savings_by_year_table(_data(), REPORT)
    assert table.key == "table-2-savings-by-year"
    assert table.title == "Table 2. Transformation savings by year (cashable)"
    assert [c.heading for c in table.columns] == [
        "Year",
        "Budgeted (£)",
        "Achieved (£)",
        "% achieved",
        "Cumulative % achieved",
    ]
    assert _texts(table) == [
        ["Year 1 2022/23", "9,480,222", "7,419,537.50", "78%", "78%"],
        ["Year 2 2023/24", "−1,000", "", "", ""],
        ["Total", "9,479,222", "7,419,537.50", "", ""],
    ]
    assert [c.summed for c in table.total] == [False, True, True, False, False]
    assert table.notes == (
        "Achieved counts only savings validated by finance. Claimed savings awaiting validation, "
        "not counted above: £2,500 in 2022/23 (£2,500 in all).",
    )


def test_the_page_table_shows_claims_and_forecasts_in_columns_with_figure_names():
    from realise.reports.savings_table import PAGE, savings_by_year_table

    table = savings_by_year_table(_data(), PAGE)
    assert table.title == "Cashable savings by financial year"
    assert [c.heading for c in table.columns] == [
        "Year",
        "Budgeted",
        "Achieved",
        "% achieved",
        "Claimed, awaiting finance",
        "Forecast",
        "Cumulative % achieved",
    ]
    assert _texts(table) == [
        ["2022/23", "£9,480,222", "£7,419,537.50", "78.3%", "£2,500", "£0", "78.3%"],
        ["2023/24", "−£1,000", "–", "–", "£0", "£5,000", "–"],
        ["Total", "£9,479,222", "£7,419,537.50", "", "£2,500", "", ""],
    ]
    assert (table.rows[1][2].spoken, table.rows[1][2].key) == ("none recorded yet", "achieved-2023")
    assert [c.key for c in table.rows[0]][:3] == ["", "budgeted-2022", "achieved-2022"]
    assert table.rows[0][4].key == "claimed-2022"
    assert [c.key for c in table.total] == [
        "",
        "budgeted-total",
        "achieved-total",
        "",
        "claimed-total",
        "",
        "",
    ]
    assert table.notes == ()


def test_the_console_prints_the_same_context_as_a_rich_table():
    from realise.reports.renderers.console import rich_table
    from realise.reports.savings_table import CONSOLE, savings_by_year_table

    table = savings_by_year_table(_data(), CONSOLE)
    console = Console(file=io.StringIO(), width=200)
    console.print(rich_table(table))
    printed = console.file.getvalue()
    assert "Table 2. Transformation savings by year (cashable)" in printed
    lines = [
        [c.strip() for c in line.split("│")[1:-1]]
        for line in printed.splitlines()
        if line.startswith("│")
    ]
    assert lines == [
        ["Year 1 2022/23", "£9,480,222", "£7,419,537.50", "78%", "78%"],
        ["Year 2 2023/24", "−£1,000", "", "", ""],
        ["Total", "£9,479,222", "£7,419,537.50", "", ""],
    ]
    assert "Cumulative %" in printed
