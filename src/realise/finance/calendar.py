"""UK local-government financial years: 1 April to 31 March, labelled ``2025/26``.

A year is identified by the calendar year it starts in: ``FinancialYear(2025)`` is 2025/26.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_LABEL_RE = re.compile(r"^\s*(?:FY\s*)?(\d{2}|\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$", re.IGNORECASE)


class YearLabelError(ValueError):
    """A text that is not a financial-year label."""


@dataclass(frozen=True, order=True)
class FinancialYear:
    """One financial year, 1 April ``start`` to 31 March ``start + 1``."""

    start: int

    def __post_init__(self) -> None:
        if not 1900 <= self.start <= 2999:
            raise YearLabelError(f"{self.start} is not a plausible financial year")

    @property
    def label(self) -> str:
        """``2025/26``."""
        return f"{self.start}/{(self.start + 1) % 100:02d}"

    @property
    def short_label(self) -> str:
        """``FY25/26``, as business cases print column headings."""
        return f"FY{self.start % 100:02d}/{(self.start + 1) % 100:02d}"

    @property
    def first_day(self) -> date:
        return date(self.start, 4, 1)

    @property
    def last_day(self) -> date:
        return date(self.start + 1, 3, 31)

    @property
    def days(self) -> tuple[date, date]:
        """``(first_day, last_day)``, as a date range filter takes them."""
        return self.first_day, self.last_day

    def __add__(self, years: int) -> FinancialYear:
        return FinancialYear(self.start + years)

    def __str__(self) -> str:
        return self.label

    @classmethod
    def containing(cls, day: date) -> FinancialYear:
        """The financial year a date falls in: 31 March 2026 is in 2025/26, 1 April in 2026/27."""
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        """Read ``2025/26``, ``25/26``, ``FY25/26``, ``2025-26`` or ``2025/2026``.

        The two years must be consecutive; anything else raises ``YearLabelError``.
        """
        match = _LABEL_RE.match(text)
        if not match:
            raise YearLabelError(f'"{text}" is not a financial year: write it like 2025/26')
        first, second = match.groups()
        start = int(first) if len(first) == 4 else 2000 + int(first)
        end_tail = int(second) % 100
        if (start + 1) % 100 != end_tail or (len(second) == 4 and int(second) != start + 1):
            raise YearLabelError(
                f'"{text}" is not a financial year: the second year must follow the first, '
                f"as in {FinancialYear(start).label}"
            )
        return cls(start)


def years_from(first: FinancialYear, count: int) -> tuple[FinancialYear, ...]:
    """``count`` consecutive financial years starting with ``first``."""
    return tuple(first + i for i in range(count))
