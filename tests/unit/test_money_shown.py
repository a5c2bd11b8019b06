"""Money as text: one formatter (``finance.money.format_money``), negatives as −£12,500 with the
minus sign (U+2212) before the pound sign, everywhere Realise prints an amount (ADR 0024)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from realise.finance import money
from realise.finance.money import format_in_unit, format_money, parse_money

SRC = Path(__file__).resolve().parents[2] / "src" / "realise"


def test_a_negative_amount_has_the_minus_sign_before_the_pound_sign():
    assert format_money(Decimal("-12500")) == "−£12,500"
    assert format_money(Decimal("-12500")).startswith("\u2212£")
    assert money.MINUS == "\u2212"


@pytest.mark.parametrize(
    ("amount", "kwargs", "shown"),
    [
        ("-300.5", {}, "−£300.50"),
        ("-1234567", {"unit": "m"}, "−£1.2m"),
        ("-48600", {"unit": "k"}, "−£48.6k"),
        ("-16423805.37", {"unit": "m", "places": 2}, "−£16.42m"),
        ("-0.004", {}, "£0.00"),  # rounds to nothing: no sign
        ("12500", {}, "£12,500"),
    ],
)
def test_negatives_in_any_unit_are_shown_with_the_minus_sign(amount, kwargs, shown):
    assert format_money(Decimal(amount), **kwargs) == shown


def test_a_figure_under_a_heading_that_names_the_unit_has_no_brackets():
    """Report tables headed "(£)" or "(£m)" print the figure alone: −9,480,222, not brackets."""
    assert format_in_unit(Decimal("-9480222"), "£", places=0) == "−9,480,222"
    assert format_in_unit(Decimal("-16423805.37"), "£m") == "−16.42"
    assert format_money(Decimal("-16423805.37"), unit="m", places=2, symbol=False) == "−16.42"


@pytest.mark.parametrize("amount", ["-12500", "-0.01", "-1234.56", "987654.32"])
def test_money_as_shown_reads_back_as_the_same_amount(amount):
    assert parse_money(format_money(Decimal(amount), places=2)) == Decimal(amount)


def test_a_savings_entry_with_a_negative_amount_names_it_with_the_minus_sign():
    from realise.benefits.models import CarryForward, SavingsEntry, SavingsTarget

    entry = SavingsEntry(financial_year=2022, status="achieved", amount=Decimal("-12500.00"))
    assert str(entry) == "2022/23 Achieved (validated) −£12,500.00"
    assert "£-" not in str(entry)
    target = SavingsTarget(financial_year=2024, kind="cashable", amount=Decimal("1200000.00"))
    assert str(target).endswith("£1,200,000.00")
    carried = CarryForward(from_year=2022, to_year=2023, amount=Decimal("500.00"))
    assert str(carried) == "£500.00 from 2022/23 to 2023/24"


def test_a_reversal_of_the_wrong_amount_says_what_it_must_be_with_the_minus_sign():
    from django.core.exceptions import ValidationError

    from realise.benefits.models import SavingsEntry

    original = SavingsEntry(
        pk=1, financial_year=2022, status="achieved", kind="cashable", amount=Decimal("12500.00")
    )
    reversal = SavingsEntry(
        financial_year=2022,
        status="achieved",
        kind="cashable",
        amount=Decimal("-100.00"),
        reverses=original,
    )
    with pytest.raises(ValidationError) as caught:
        reversal.clean()
    assert "A reversing entry must be −£12,500.00" in caught.value.message_dict["amount"]


def test_the_business_case_report_prints_a_negative_npv_with_the_minus_sign():
    from realise.reports.case import case_report
    from tests.unit.factories import simple_case

    report = case_report(simple_case(costs={"Build": {2025: "900000.00"}}))
    words = " ".join(
        b.text for s in report.sections for b in s.blocks if hasattr(b, "text") and b.text
    )
    assert re.search(r"Net present value at [0-9.]+%: −£0\.\d\dm\.", words), words
    assert "£(" not in words
    compared = next(t for t in report.tables() if t.key == "scenarios-compared")
    assert compared.rows[0][5].text.startswith("−")  # cumulative net, end of period
    assert compared.rows[0][5].value < 0


def test_no_module_formats_money_by_hand():
    """Every amount goes through ``format_money``: a hand-written ``f"£{x:,}"`` prints
    ``£-12,500.00`` for a negative amount. Templates use the money filters the same way."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "money.py" and path.parent.name == "finance":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "£{" in line:
                found.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    for path in sorted(SRC.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "£{{" in line:
                found.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert not found, "money formatted by hand (use format_money or |money):\n" + "\n".join(found)
