"""Fixtures for the integration tests.

- ``dorset``: the Dorset demo, loaded once per module inside a transaction rolled back after it.
- ``world``: a small two-council world for the API, audit and access tests: Dorset with one user
  per role (the project lead leads project A only) and Wessex with its own admin (the outsider).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.db import transaction

from tests.conftest import PLAN_YEARS


@pytest.fixture(scope="module")
def dorset_loaded(django_db_setup, django_db_blocker):
    from realise.demo.loader import demo_load

    with django_db_blocker.unblock(), transaction.atomic():
        result = demo_load()
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def dorset(dorset_loaded, db):
    return dorset_loaded.organisation


ROLES = ("viewer", "lead", "finance", "admin", "outsider", "anonymous")


@dataclass
class World:
    org: Any
    other_org: Any
    users: dict[str, Any]
    project_a: Any
    project_b: Any
    other_project: Any
    claim: Any
    measure: Any
    fund: Any
    bid: Any
    risk: Any
    tokens: dict[str, str]

    def headers(self, role: str) -> dict[str, str]:
        if role == "anonymous":
            return {}
        return {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[role]}"}


def _user(name: str, org: Any, role: str | None) -> Any:
    from django.contrib.auth import get_user_model

    from realise.accounts.models import Membership

    user = get_user_model().objects.create_user(username=name, password="a-long-passphrase-9")
    if role:
        Membership.objects.create(organisation=org, user=user, role=role)
    return user


@pytest.fixture
def world(db) -> World:
    from realise.accounts.tokens import api_token_create
    from realise.benefits import services as benefits
    from realise.funding import services as funding
    from realise.portfolio import services as portfolio
    from realise.risks import services as risks

    org = portfolio.organisation_create(slug="dorset", name="Dorset Council", **PLAN_YEARS)
    other = portfolio.organisation_create(slug="wessex", name="Wessex Council", **PLAN_YEARS)
    users = {
        "viewer": _user("viewer", org, "viewer"),
        "lead": _user("lead", org, "project_lead"),
        "finance": _user("finance", org, "finance"),
        "admin": _user("admin", org, "tmo_admin"),
        "outsider": _user("outsider", other, "tmo_admin"),
    }
    people = portfolio.directorate_create(organisation=org, name="People", order=1)
    project_a = portfolio.project_create(
        organisation=org,
        code="A-1",
        name="Care review",
        directorate=people,
        lead_user=users["lead"],
        planned_start=date(2022, 4, 1),
    )
    project_b = portfolio.project_create(organisation=org, code="B-1", name="Libraries")
    other_project = portfolio.project_create(organisation=other, code="W-1", name="Wessex roads")
    claim = benefits.saving_record(
        organisation=org,
        year="2022/23",
        amount="1000.00",
        status="claimed",
        project=project_a,
        recorded_on=date(2022, 9, 30),
        by=users["lead"],
    )
    measure = benefits.measure_create(
        organisation=org, name="Calls answered", unit="%", project=project_a
    )
    fund = funding.fund_create(
        organisation=org, name="Invest to save", kind="invest_to_save", pot=50000
    )
    bid = funding.bid_submit(fund=fund, title="Care software", amount="10000.00")
    funding.grant_record(organisation=org, funder="DfE", amount="2500.00")
    risks.risk_bands_set(organisation=org, bands={"low": 1, "medium": 5, "high": 15})
    risk = risks.risk_create(
        organisation=org, project=project_a, title="Staff capacity", likelihood=3, impact=4
    )
    tokens = {role: api_token_create(user=u, name="tests").secret for role, u in users.items()}
    return World(
        org=org,
        other_org=other,
        users=users,
        project_a=project_a,
        project_b=project_b,
        other_project=other_project,
        claim=claim,
        measure=measure,
        fund=fund,
        bid=bid,
        risk=risk,
        tokens=tokens,
    )
