"""Shapes the savings API shares: a saving's scope and a ledger entry."""

from datetime import date, datetime
from typing import Any, Literal

from ninja import Schema

from realise.api.common import Money, year_label
from realise.benefits.models import SavingKind, SavingsEntry

KindName = Literal[tuple(SavingKind.values)]  # type: ignore[valid-type]


class ScopedOut(Schema):
    id: int
    year: str
    kind: str
    directorate: str | None
    project: str | None
    amount: Money

    @staticmethod
    def resolve_year(obj: Any) -> str:
        return year_label(obj.financial_year)

    @staticmethod
    def resolve_directorate(obj: Any) -> str | None:
        return obj.directorate.name if obj.directorate else None

    @staticmethod
    def resolve_project(obj: Any) -> str | None:
        return obj.project.code if obj.project else None


class EntryOut(ScopedOut):
    status: str
    recorded_on: date
    recorded_at: datetime
    recorded_by: str | None
    note: str
    reverses: int | None
    validates: int | None

    @staticmethod
    def resolve_recorded_by(obj: SavingsEntry) -> str | None:
        return obj.recorded_by.get_username() if obj.recorded_by else None

    @staticmethod
    def resolve_reverses(obj: SavingsEntry) -> int | None:
        return obj.reverses_id

    @staticmethod
    def resolve_validates(obj: SavingsEntry) -> int | None:
        return obj.validates_id
