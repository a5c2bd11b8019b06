"""Financial years as users type them into the data layer."""

import pytest
from django.core.exceptions import ValidationError

from realise.finance.calendar import FinancialYear
from realise.portfolio.fields import financial_year_from


@pytest.mark.parametrize(
    ("given", "start"),
    [("2022/23", 2022), (" 1999/00 ", 1999), (2022, 2022), (FinancialYear(2025), 2025)],
)
def test_years_are_stored_as_their_start_year(given, start):
    assert financial_year_from(given) == start


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("2022/24", '"2022/24" is not a financial year: the second year must follow the first'),
        ("22/23", '"22/23" is not a financial year: write it like 2022/23'),
        ("2022-23", '"2022-23" is not a financial year: write it like 2022/23'),
        ("next year", '"next year" is not a financial year: write it like 2022/23'),
        ("²", '"²" is not a financial year: write it like 2022/23'),
        (1066, "1066 is not a plausible financial year"),
        (2022.0, "2022.0 is not a financial year: write it like 2022/23"),
    ],
)
def test_anything_but_a_yyyy_yy_label_of_consecutive_years_is_refused(given, message):
    with pytest.raises(ValidationError) as caught:
        financial_year_from(given)
    assert caught.value.messages[0].startswith(message)
