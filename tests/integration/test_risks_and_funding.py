"""The risk register and funding as a council's risk manager and finance business partner use
them: bands set from Settings, the heat map's links, escalated risks, and what a fund has left."""

from __future__ import annotations

from datetime import date

import pytest

from realise.demo.loader import DEMO_PASSWORD
from realise.risks.models import RiskBand

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)


@pytest.fixture
def dorset(demo_council, db):
    return demo_council


def signed_in(client, email):
    assert client.login(username=email, password=DEMO_PASSWORD)
    return client


# Bands ------------------------------------------------------------------------------------------


def test_two_bands_with_the_same_name_are_refused_not_one_silently_dropped(client, dorset):
    signed_in(client, "tmo@dorset.example")
    before = list(RiskBand.objects.filter(organisation=dorset).values_list("name", "min_score"))
    response = client.post(
        "/o/dorset/settings/bands/", {"bands": "Low 1\nHigh 10\nMedium 5\nHigh 15"}
    )
    assert response.status_code == 400
    assert "Line 4: two risk bands have the same name, “High”" in response.content.decode()
    after = list(RiskBand.objects.filter(organisation=dorset).values_list("name", "min_score"))
    assert after == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Low 2\nHigh 15", "The lowest risk band must start at score 1, not 2"),
        ("Low 1\nHigh 26", "scores run from 1 to 25"),
        ("Low 1\nMedium 15\nHigh 15", "Two risk bands start at the same score"),
        ("Low 1\nHigh fifteen", "Line 2: write the band"),
    ],
)
def test_bands_that_do_not_cover_every_score_once_are_refused(client, dorset, text, message):
    signed_in(client, "tmo@dorset.example")
    response = client.post("/o/dorset/settings/bands/", {"bands": text})
    assert response.status_code == 400
    assert message in response.content.decode()
