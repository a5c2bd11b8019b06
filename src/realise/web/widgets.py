"""Form widgets and fields that render as GOV.UK components (see templates/web/components)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from realise.finance.calendar import FinancialYear, YearLabelError
from realise.finance.money import PENNY, MoneyError, refuse_other_digits

PARTS = ("day", "month", "year")


class DateParts(forms.Widget):
    """The GOV.UK date input: three boxes named ``<name>-day``, ``-month``, ``-year``."""

    govuk_kind = "date"

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        parts = [str(data.get(f"{name}-{p}", "")).strip() for p in PARTS]
        if not any(parts):
            return None
        return parts

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}-{p}" in data for p in PARTS)

    def parts(self, value: Any) -> dict[str, str]:
        if isinstance(value, date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, list | tuple):
            return dict(zip(PARTS, value, strict=False))
        if isinstance(value, str) and value:
            try:
                return self.parts(date.fromisoformat(value))
            except ValueError:
                return {}
        return {}


class GovukDateField(forms.Field):
    """A date from three boxes, with GOV.UK error messages."""

    widget = DateParts

    def __init__(self, *, label_text: str = "date", **kwargs: Any) -> None:
        self.label_text = label_text
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> date | None:
        if value in (None, "", [], ()):
            return None
        if isinstance(value, date):
            return value
        day, month, year = [*list(value), "", "", ""][:3]
        missing = [p for p, v in zip(PARTS, (day, month, year), strict=True) if not v]
        if missing:
            raise ValidationError(f"The {self.label_text} must include a {' and '.join(missing)}")
        if not all(str(part).isascii() for part in (day, month, year)):
            raise ValidationError(f"The {self.label_text} must be written with the digits 0 to 9")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"The {self.label_text} must be a real date") from None


def _ascii_digits(text: str) -> str:
    """``text`` when its digits are 0 to 9 (Python would read "١٢٣" as 123); else a field error."""
    try:
        return refuse_other_digits(text)
    except MoneyError as exc:
        raise ValidationError(str(exc)) from None


class NumberField(forms.DecimalField):
    """A number such as a measure's reading, written with the digits 0 to 9."""

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            _ascii_digits(value)
        return super().to_python(value)


class MoneyField(forms.CharField):
    """Pounds as people type them (``£1,250.50``); exact Decimal, never rounded silently."""

    def __init__(self, *, allow_negative: bool = False, **kwargs: Any) -> None:
        self.allow_negative = allow_negative
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        cleaned = _ascii_digits(text).replace("£", "").replace(",", "").strip()
        try:
            amount = Decimal(cleaned)
        except InvalidOperation:
            raise ValidationError("Enter an amount in pounds, like 12,500 or 12,500.50") from None
        if not amount.is_finite():
            raise ValidationError("Enter an amount in pounds, like 12,500 or 12,500.50")
        if amount != amount.quantize(PENNY):
            raise ValidationError("Enter the amount to the penny: no more than 2 decimal places")
        if amount <= 0 and not self.allow_negative:
            raise ValidationError("The amount must be more than £0")
        return amount


class YearField(forms.ChoiceField):
    """A financial year picked from a list, the council's plan years (``offer``); cleans to a
    ``FinancialYear``. Any financial year is handed on, even one not in the list (a plan changed
    since the form was opened): whether a year is allowed is the service's rule, and its refusal
    ("... is outside this council's plan years, ...") is shown next to this field."""

    def __init__(self, *, years: Iterable[FinancialYear] = (), **kwargs: Any) -> None:
        super().__init__(choices=self._listed(years), **kwargs)

    @staticmethod
    def _listed(years: Iterable[FinancialYear]) -> list[tuple[str, str]]:
        return [("", "Choose a year")] + [(str(y.start), y.label) for y in years]

    def offer(self, years: Iterable[FinancialYear]) -> None:
        """List ``years`` to choose from."""
        self.choices = self._listed(years)

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)  # required, but not necessarily one listed

    def clean(self, value: Any) -> FinancialYear | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        try:
            return FinancialYear(int(text))
        except (ValueError, YearLabelError):
            raise ValidationError("Choose a financial year from the list") from None
