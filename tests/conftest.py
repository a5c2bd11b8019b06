"""Shared fixtures: a small hand-made council for selector and service tests, and the Dorset demo
loaded once per module for page tests."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

# Property tests judge their inputs, not the machine: with the suite on one worker per core
# (ADR 0037) and other work on the machine, generating inputs can be slow without anything being
# wrong, so Hypothesis's speed checks are off for every test (each test's own settings still add
# to these).
settings.register_profile("realise", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("realise")

# The plan years of the councils the fixtures make: fixed, so no test depends on today's date
# (a council made without them plans from the year it is made in).
PLAN_YEARS = {"first_year": "2020/21", "last_year": "2026/27"}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the dashboard's pages, sign-in failures of old)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def council(db):
    """A council with plan years 2020/21 to 2026/27, two directorates, a programme, a project in
    each directorate and bands."""
    from realise.portfolio import services as portfolio
    from realise.risks.services import risk_bands_set

    org = portfolio.organisation_create(slug="testshire", name="Testshire Council", **PLAN_YEARS)
    people = portfolio.directorate_create(organisation=org, name="People", order=1)
    place = portfolio.directorate_create(organisation=org, name="Place", order=2)
    programme = portfolio.programme_create(organisation=org, name="Better Services")
    care = portfolio.project_create(
        organisation=org, code="P-1", name="Care review", directorate=people, programme=programme
    )
    roads = portfolio.project_create(
        organisation=org, code="P-2", name="Roads", directorate=place, programme=programme
    )
    risk_bands_set(organisation=org, bands={"low": 1, "medium": 5, "high": 15})
    return {
        "org": org,
        "people": people,
        "place": place,
        "programme": programme,
        "care": care,
        "roads": roads,
    }


@pytest.fixture(scope="module")
def demo_council(django_db_setup, django_db_blocker):
    """The Dorset demo, loaded once for a module inside a transaction rolled back at the end; each
    test runs in its own savepoint on top of it. The load's on-commit work (the data version,
    ADR 0011) runs at once, as if it had committed."""
    from django.db import transaction
    from django.test import TestCase

    from realise.demo.loader import demo_load

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with TestCase.captureOnCommitCallbacks(execute=True):
                council = demo_load().organisation
            yield council
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
