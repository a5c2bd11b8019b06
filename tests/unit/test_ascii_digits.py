"""Amounts and numbers are read from the digits 0 to 9 only. Python's Decimal reads any script's
digits ("١٢٣" is 123), so without a check an amount typed in Arabic-Indic, Devanagari or
full-width digits was stored as pounds nobody wrote."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from realise.finance.casefile import CaseFileError, parse_case
from realise.finance.money import MoneyError, parse_money
from realise.imports.cells import CellError, decimal_value, money

OTHER_DIGITS = ["١٢٣", "１２３", "१२३", "£١,٢٣٤.٥٠", "12٣", "۱۲۳.۴۵"]


@pytest.mark.parametrize("text", OTHER_DIGITS)
def test_money_written_in_other_scripts_digits_is_refused_with_a_plain_message(text):
    with pytest.raises(MoneyError) as refused:
        parse_money(text)
    assert f'"{text}"' in str(refused.value)
    assert "0 to 9" in str(refused.value)


@pytest.mark.parametrize("text", OTHER_DIGITS)
def test_an_imported_amount_or_number_in_other_digits_is_refused_on_its_cell(text):
    with pytest.raises(CellError, match="0 to 9"):
        money(text)
    with pytest.raises(CellError, match="0 to 9"):
        decimal_value(text)


def test_ascii_amounts_are_still_read():
    assert parse_money("£1,234.50") == Decimal("1234.50")
    assert money("1234.5") == Decimal("1234.50")
    assert decimal_value("72.5%") == Decimal("72.50")


def test_a_business_case_number_in_other_digits_is_refused_where_it_is_written():
    text = _case_with_baseline_fte("١٢٣")
    with pytest.raises(CaseFileError) as refused:
        parse_case(text, source="case.yaml")
    assert "0 to 9" in str(refused.value)


def _case_with_baseline_fte(fte: str) -> str:
    example = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"
    text = example.read_text(encoding="utf-8")
    found = re.search(r"(baseline_fte:\s*)([0-9.]+)", text)
    assert found, "the example names an fte"
    return text[: found.start(2)] + f'"{fte}"' + text[found.end(2) :]


@pytest.mark.parametrize("text", ["١٢٣", "１２３"])
def test_the_web_money_field_refuses_other_digits(text):
    from django.core.exceptions import ValidationError

    from realise.web.widgets import MoneyField

    with pytest.raises(ValidationError) as refused:
        MoneyField().clean(text)
    assert "0 to 9" in " ".join(refused.value.messages)
