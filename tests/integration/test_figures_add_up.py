"""The savings-by-directorate tables on the dashboard and the Savings page add up as printed:
each column's total is the sum of its rows (carried-in included), and each row's under-achieved
figure is its budget plus what was carried in, less what was achieved (never below nothing)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from realise.demo.loader import DEMO_PASSWORD

pytestmark = pytest.mark.db


def _text(cell: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", cell).split())


def _table(page: str, caption: str) -> tuple[list[str], list[list[str]]]:
    found = re.search(
        rf"<table[^>]*>\s*<caption[^>]*>\s*{re.escape(caption)}\s*</caption>(.*?)</table>",
        page,
        re.S,
    )
    assert found, f"no table captioned {caption!r}"
    rows = [
        [_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", found.group(1), re.S)
    ]
    return rows[0], rows[1:]


def _money(text: str) -> Decimal:
    return Decimal(text.replace("£", "").replace(",", ""))


def _check_adds_up(heading: list[str], body: list[list[str]], budget: str) -> None:
    at = {name: heading.index(name) for name in (budget, "Carried in", "Achieved")}
    at["Under-achieved"] = heading.index("Under-achieved")
    *rows, total = body
    assert total[0] == "Total"
    for column, i in at.items():
        assert _money(total[i]) == sum(_money(r[i]) for r in rows), column
    for row in rows:
        due = _money(row[at[budget]]) + _money(row[at["Carried in"]])
        expected = max(due - _money(row[at["Achieved"]]), Decimal(0))
        assert _money(row[at["Under-achieved"]]) == expected, row[0]


@pytest.fixture
def finance(client, dorset):
    assert client.login(username="finance@dorset.example", password=DEMO_PASSWORD)
    return client


def test_the_dashboard_directorate_table_adds_up(finance):
    page = finance.get("/o/dorset/").content.decode()
    heading, body = _table(page, "Budgeted, carried in, achieved and under-achieved in 2022/23")
    _check_adds_up(heading, body, "Budgeted")
    assert any(_money(r[heading.index("Carried in")]) > 0 for r in body[:-1])  # the demo has one


def test_the_savings_page_table_3_total_shows_what_was_carried_in(finance):
    page = finance.get("/o/dorset/savings/").content.decode()
    heading, body = _table(
        page, "Projected, achieved and under-achieved savings in 2022/23, with reasons"
    )
    _check_adds_up(heading, body, "Projected")
