"""A project lead is shown the links to what they may do on the projects they lead: rescore
their projects' risks (on the project's page and in the register), add a risk, record and carry
forward a saving from the Savings page; and not for other projects' risks. A viewer sees none."""

from __future__ import annotations

import pytest

from realise.risks import services as risks

pytestmark = pytest.mark.db


def _rescore(risk) -> str:
    return f'href="/o/dorset/risks/{risk.pk}/rescore/"'


@pytest.fixture
def other_risk(world):
    return risks.risk_create(
        organisation=world.org,
        project=world.project_b,
        title="Library closures",
        likelihood=2,
        impact=2,
    )


def test_a_lead_can_rescore_their_projects_risk_from_the_project_page(client, world):
    client.force_login(world.users["lead"])
    page = client.get("/o/dorset/projects/A-1/").content.decode()
    assert _rescore(world.risk) in page
    assert client.get(f"/o/dorset/risks/{world.risk.pk}/rescore/").status_code == 200


def test_the_register_offers_a_lead_rescore_on_their_risks_only(client, world, other_risk):
    client.force_login(world.users["lead"])
    page = client.get("/o/dorset/risks/").content.decode()
    assert _rescore(world.risk) in page
    assert _rescore(other_risk) not in page
    assert 'href="/o/dorset/risks/new/"' in page  # Add a risk (to a project they lead)
    assert client.get(f"/o/dorset/risks/{other_risk.pk}/rescore/").status_code == 403


def test_the_savings_page_offers_a_lead_record_and_carry_forward(client, world):
    client.force_login(world.users["lead"])
    page = client.get("/o/dorset/savings/").content.decode()
    assert 'href="/o/dorset/savings/record/"' in page
    assert 'href="/o/dorset/savings/carry-forward/"' in page
    assert client.get("/o/dorset/savings/carry-forward/").status_code == 200


@pytest.mark.parametrize(
    "path", ["/o/dorset/savings/", "/o/dorset/risks/", "/o/dorset/projects/A-1/"]
)
def test_a_viewer_is_offered_none_of_them(client, world, path):
    client.force_login(world.users["viewer"])
    page = client.get(path).content.decode()
    for link in ("/rescore/", "/risks/new/", "/savings/record/", "/savings/carry-forward/"):
        assert link not in page, (path, link)
