"""Who may correct a ledger entry is decided once, in the service: a validated (achieved) saving
is corrected by finance alone, and a correction is never itself corrected. The web page asks the
same rule (``LedgerLine.correctable``) only to decide which links to show."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from realise.benefits import services as benefits
from realise.benefits.selectors import project_savings

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)


def _validated(world):
    return benefits.saving_validate(entry=world.claim, recorded_on=DAY, by=world.users["finance"])


def test_only_finance_corrects_a_validated_saving(world):
    validated = _validated(world)
    with pytest.raises(PermissionDenied, match="finance"):
        benefits.saving_reverse(
            entry=validated, reason="Typo", recorded_on=DAY, by=world.users["admin"]
        )
    correction = benefits.saving_reverse(
        entry=validated, reason="Typo", recorded_on=DAY, by=world.users["finance"]
    )
    assert correction.reverses_id == validated.pk


def test_a_correction_is_not_itself_corrected(world):
    correction = benefits.saving_reverse(
        entry=world.claim, reason="Wrong year", recorded_on=DAY, by=world.users["lead"]
    )
    with pytest.raises(ValidationError, match="cannot itself be reversed"):
        benefits.saving_reverse(
            entry=correction, reason="Undo", recorded_on=DAY, by=world.users["finance"]
        )


def test_the_page_offers_a_correction_exactly_where_the_service_allows_one(world):
    validated = _validated(world)
    _, ledger = project_savings(project=world.project_a)
    line = {e.pk: e for e in ledger}[validated.pk]
    assert line.correctable(may_record=True, may_validate=True)
    assert not line.correctable(may_record=True, may_validate=False)
    assert not line.correctable(may_record=False, may_validate=True)
