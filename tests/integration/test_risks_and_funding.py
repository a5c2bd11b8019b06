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


def test_editing_the_bands_keeps_each_bands_action_and_colour(client, dorset):
    bands = RiskBand.objects.filter(organisation=dorset)
    kept = {b.name: b.action for b in bands}
    assert any(kept.values()), "the demo's bands carry actions"
    high = bands.get(min_score=15)
    high.colour = "red"
    high.save()
    signed_in(client, "tmo@dorset.example")
    text = "\n".join(f"{b.name} {12 if b.min_score == 15 else b.min_score}" for b in bands)
    assert client.post("/o/dorset/settings/bands/", {"bands": text}).status_code == 302
    now = RiskBand.objects.filter(organisation=dorset)
    assert {b.name: b.action for b in now} == kept
    assert now.get(name=high.name).min_score == 12
    assert now.get(name=high.name).colour == "red"


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
