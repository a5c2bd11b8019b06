"""The risk register and funding as a council's risk manager and finance business partner use
them: bands set from Settings, the heat map's links, escalated risks, and what a fund has left."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from realise.demo.loader import DEMO_PASSWORD
from realise.funding import services as funding
from realise.funding.models import Fund
from realise.funding.selectors import fund_usage
from realise.risks.models import Risk, RiskBand, RiskStatus
from realise.risks.selectors import risk_heat_map, risks_list

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


# The heat map and the register -------------------------------------------------------------------


def test_each_heat_map_cell_links_to_exactly_the_risks_it_counts(client, dorset):
    # A closed risk in a cell that has open ones must not be counted or listed.
    closed = Risk.objects.filter(organisation=dorset, likelihood=4, impact=4).first()
    closed.status = RiskStatus.CLOSED
    closed.save()
    signed_in(client, "board@dorset.example")
    page = client.get("/o/dorset/risks/").content.decode()
    links = re.findall(
        r'href="(/o/dorset/risks/\?likelihood=\d&amp;impact=\d&amp;status=open)">'
        r'<span class="realise-heatmap__count">(\d+)<',
        page,
    )
    assert len(links) == 25
    assert sum(int(n) for _, n in links) == risk_heat_map(organisation=dorset).total
    for href, shown in links:
        listed = client.get(href.replace("&amp;", "&")).context["risks"]
        assert len(listed) == int(shown), href


def test_escalated_risks_can_be_filtered_and_are_marked_in_the_register(client, dorset):
    escalated = list(Risk.objects.filter(organisation=dorset).order_by("id")[:2])
    for risk in escalated:
        risk.escalated = True
        risk.save()
    lines = risks_list(organisation=dorset, filters={"escalated": "yes"})
    assert sorted(r.pk for r in lines) == [r.pk for r in escalated]
    not_escalated = risks_list(organisation=dorset, filters={"escalated": "no"})
    assert len(not_escalated) == Risk.objects.filter(organisation=dorset).count() - 2
    signed_in(client, "board@dorset.example")
    response = client.get("/o/dorset/risks/?escalated=yes")
    assert [r.pk for r in response.context["risks"]] == [r.pk for r in lines]
    page = response.content.decode()
    assert 'id="f-escalated"' in page
    assert 'scope="col" class="govuk-table__header">Escalated<' in page
    rows = page.split('<tbody class="govuk-table__body">')[-1]
    assert rows.count('<td class="govuk-table__cell">Yes</td>') == 2
    assert client.get("/o/dorset/risks/?escalated=maybe").context["risks"] == risks_list(
        organisation=dorset
    )


def test_the_register_shows_each_risks_residual_score(client, dorset):
    risk = Risk.objects.filter(organisation=dorset).order_by("id").first()
    risk.target_likelihood, risk.target_impact = 1, 2
    risk.save()
    signed_in(client, "board@dorset.example")
    page = client.get(f"/o/dorset/risks/?likelihood={risk.likelihood}&impact={risk.impact}")
    assert "Residual score" in page.content.decode()
    row = next(r for r in page.context["risks"] if r.pk == risk.pk)
    assert row.target_score == 2


# Funds -------------------------------------------------------------------------------------------


@pytest.fixture
def crack_on(council):
    return funding.fund_create(
        organisation=council["org"], name="Crack-on", kind="small_change", pot=Decimal("100000")
    )


def test_approving_commits_money_and_rejecting_does_not(council, crack_on):
    first = funding.bid_submit(fund=crack_on, title="Yes", amount=Decimal("30000.50"))
    second = funding.bid_submit(fund=crack_on, title="No", amount=Decimal("50000"))
    funding.bid_decide(bid=first, approve=True, decided_on=DAY)
    funding.bid_decide(bid=second, approve=False, decided_on=DAY, reason="Over budget")
    (usage,) = fund_usage(organisation=council["org"])
    assert (usage.committed, usage.remaining) == (Decimal("30000.50"), Decimal("69999.50"))
    assert usage.committed + usage.remaining == usage.pot


def test_a_bid_cannot_be_approved_once_the_pot_has_gone_to_others(council, crack_on):
    early = funding.bid_submit(fund=crack_on, title="Early", amount=Decimal("70000"))
    late = funding.bid_submit(fund=crack_on, title="Late", amount=Decimal("60000"))
    funding.bid_decide(bid=late, approve=True, decided_on=DAY)
    with pytest.raises(ValidationError) as caught:
        funding.bid_decide(bid=early, approve=True, decided_on=DAY)
    assert caught.value.message_dict["amount"] == [
        "£70,000 is more than the £40,000 left in Crack-on"
    ]
    (usage,) = fund_usage(organisation=council["org"])
    assert usage.remaining == Decimal("40000")


def test_a_funds_pot_cannot_be_cut_below_what_it_has_committed(council, crack_on):
    bid = funding.bid_submit(fund=crack_on, title="Spent", amount=Decimal("60000"))
    funding.bid_decide(bid=bid, approve=True, decided_on=DAY)
    fund = Fund.objects.get(pk=crack_on.pk)
    fund.pot = Decimal("59999.99")
    with pytest.raises(ValidationError) as caught:
        fund.full_clean()
    assert caught.value.message_dict["pot"] == [
        "Crack-on has £60,000 committed to approved bids: the pot cannot be less"
    ]
    fund.pot = Decimal("60000")
    fund.full_clean()


def test_cutting_a_pot_in_the_admin_is_refused(client, council, crack_on):
    """The admin changes no fund (ADR 0044): even a superuser's post is refused."""
    from django.contrib.auth import get_user_model

    bid = funding.bid_submit(fund=crack_on, title="Spent", amount=Decimal("60000"))
    funding.bid_decide(bid=bid, approve=True, decided_on=DAY)
    get_user_model().objects.create_superuser("support", "s@example.org", "a-long-passphrase-9")
    assert client.login(username="support", password="a-long-passphrase-9")
    response = client.post(
        f"/admin/funding/fund/{crack_on.pk}/change/",
        {
            "organisation": council["org"].pk,
            "name": "Crack-on",
            "kind": "small_change",
            "pot": "1000",
            "decided_by": "",
        },
    )
    assert response.status_code == 403
    assert Fund.objects.get(pk=crack_on.pk).pot == Decimal("100000")
    (usage,) = fund_usage(organisation=council["org"])
    assert usage.remaining >= 0
