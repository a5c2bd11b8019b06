"""Northshire: a made-up council whose savings monitoring has in-year pressures and mitigations
(column C, ADR 0029), for the tests of C and D. Dorset records none, so its tables stay as they
were; Northshire's show C and the shortfall after it, D = A - B - C.

Its 2024/25 figures, by directorate (A budgeted, B achieved, C pressures and mitigations,
D under-achieved), worked out by hand:

    Adults       A 100,000   B 60,000   C -20,000   D 60,000   (A - B is only 40,000)
    Environment  A  50,000   B 45,000   C   3,000   D  2,000   (A - B is 5,000)
    Total        A 150,000   B 105,000  C -17,000   D 62,000

Adults' £1,000 mitigation was recorded against the wrong project and corrected: it and its
correction cancel, and neither is given as a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tests.conftest import PLAN_YEARS

YEAR = "2024/25"
PRESSURE_REASON = "More people needed home care over the winter"
MITIGATION_REASON = "One-off fuel underspend on the waste fleet"
WRONG_REASON = "Agency staff saving, recorded against the wrong project"

# (directorate, A, B, C, D) for 2024/25, as Table 3 and monitoring must print them.
FIGURES = (
    ("Adults", 100_000, 60_000, -20_000, 60_000),
    ("Environment", 50_000, 45_000, 3_000, 2_000),
)
TOTALS = (150_000, 105_000, -17_000, 62_000)


@dataclass
class Northshire:
    org: Any
    adults: Any
    environment: Any
    care: Any  # AD-1, in Adults
    waste: Any  # EN-1, in Environment
    finance: Any  # a user with the finance role


def northshire_load() -> Northshire:
    """Make Northshire through the services, as a council's officers would."""
    from django.contrib.auth import get_user_model

    from realise.accounts.models import Membership, Role
    from realise.benefits import services as benefits
    from realise.portfolio import services as portfolio
    from realise.risks.services import risk_bands_set

    org = portfolio.organisation_create(slug="northshire", name="Northshire Council", **PLAN_YEARS)
    adults = portfolio.directorate_create(organisation=org, name="Adults", order=1)
    environment = portfolio.directorate_create(organisation=org, name="Environment", order=2)
    care = portfolio.project_create(
        organisation=org, code="AD-1", name="Home care review", directorate=adults
    )
    waste = portfolio.project_create(
        organisation=org, code="EN-1", name="Waste rounds", directorate=environment
    )
    risk_bands_set(organisation=org, bands={"low": 1, "medium": 5, "high": 15})
    finance = get_user_model().objects.create_user(
        username="finance@northshire.example", password="a-long-passphrase-9"
    )
    Membership.objects.create(organisation=org, user=finance, role=Role.FINANCE)
    on = date(2024, 12, 31)
    for project, budget, achieved in ((care, 100_000, 60_000), (waste, 50_000, 45_000)):
        benefits.savings_target_set(
            organisation=org, year=YEAR, project=project, amount=Decimal(budget)
        )
        benefits.saving_record(
            organisation=org, year=YEAR, project=project, amount=achieved, recorded_on=on
        )
    for project, status, amount, reason in (
        (care, "pressure", 20_000, PRESSURE_REASON),
        (waste, "mitigation", 3_000, MITIGATION_REASON),
    ):
        benefits.saving_record(
            organisation=org,
            year=YEAR,
            project=project,
            status=status,
            amount=amount,
            note=reason,
            recorded_on=on,
            by=finance,
        )
    wrong = benefits.saving_record(
        organisation=org,
        year=YEAR,
        project=care,
        status="mitigation",
        amount=1_000,
        note=WRONG_REASON,
        recorded_on=on,
    )
    benefits.saving_reverse(entry=wrong, reason="Wrong project", recorded_on=date(2025, 1, 6))
    return Northshire(org, adults, environment, care, waste, finance)
