"""Shared fixtures: a small hand-made council for selector and service tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def council(db):
    """A council with two directorates, a programme, a project in each directorate and bands."""
    from realise.portfolio import services as portfolio
    from realise.risks.services import risk_bands_set

    org = portfolio.organisation_create(slug="testshire", name="Testshire Council")
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
