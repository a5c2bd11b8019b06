"""The dashboard tells finance how many claims wait and since when, and stays right: its page is
cached by the council's data version (ADR 0011), which every claim and every decision changes."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache

from realise.benefits import services as benefits
from realise.demo.loader import DEMO_PASSWORD
from realise.portfolio.models import Project

pytestmark = pytest.mark.db

QUEUE = "/o/dorset/savings/claims/"


@pytest.fixture
def dorset(demo_council, db):
    return demo_council


@pytest.fixture
def finance(client):
    assert client.login(username="finance@dorset.example", password=DEMO_PASSWORD)
    return client


def _fresh(client) -> str:
    """The dashboard served (perhaps from the cache), checked against one computed afresh."""
    served = client.get("/o/dorset/").content.decode()
    cache.clear()
    assert served == client.get("/o/dorset/").content.decode()
    return served


def _claim(dorset, amount):
    from django.contrib.auth import get_user_model

    lead = get_user_model().objects.get(username="lead@dorset.example")
    return benefits.saving_record(
        organisation=dorset,
        year="2022/23",
        amount=amount,
        status="claimed",
        project=Project.objects.get(organisation=dorset, code="AH-02"),
        recorded_on=date(2023, 3, 31),
        by=lead,
    )


def test_the_count_and_the_oldest_claim_follow_every_claim_and_decision(
    dorset, finance, django_capture_on_commit_callbacks
):
    page = finance.get("/o/dorset/").content.decode()  # now in the cache
    assert "No claimed savings are waiting for finance." in page
    with django_capture_on_commit_callbacks(execute=True):
        first = _claim(dorset, "100.00")
    page = finance.get("/o/dorset/").content.decode()
    assert 'data-figure="claims-waiting">1<' in page
    assert "1</strong> claimed saving (£100) is waiting" in page
    oldest = first.recorded_at.astimezone().strftime("%d %B %Y").lstrip("0")
    assert f'data-figure="claims-oldest">{oldest}<' in page
    assert f'href="{QUEUE}">Review the claims<' in page
    with django_capture_on_commit_callbacks(execute=True):
        _claim(dorset, "50.50")
    assert "2</strong> claimed savings (£150.50) are waiting" in _fresh(finance)
    with django_capture_on_commit_callbacks(execute=True):
        finance.post(f"{QUEUE}{first.pk}/validate/", follow=True)  # the message shown there
    page = _fresh(finance)
    assert "1</strong> claimed saving (£50.50) is waiting" in page


def test_a_tmo_admin_is_shown_the_claims_but_not_asked_to_review_them(client, dorset):
    assert client.login(username="tmo@dorset.example", password=DEMO_PASSWORD)
    _claim(dorset, "10.00")
    page = client.get("/o/dorset/").content.decode()
    assert f'href="{QUEUE}">See the claims<' in page
