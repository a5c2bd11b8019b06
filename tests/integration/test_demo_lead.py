"""The demo's project lead leads two projects, so signing in as them shows what a lead can do
(their projects' edit, stage, status, saving, risk and measure links) instead of nothing."""

from __future__ import annotations

import pytest

from realise.demo.loader import DEMO_PASSWORD, demo_load
from realise.portfolio.models import Project

pytestmark = pytest.mark.db


def test_the_demo_lead_leads_two_projects_and_loading_again_keeps_it(dorset_loaded, db):
    led = Project.objects.filter(lead_user__username="lead@dorset.example")
    assert sorted(led.values_list("code", flat=True)) == ["AH-02", "CH-01"]
    lead = next(u for u in dorset_loaded.users if u.email == "lead@dorset.example")
    assert lead.leads == ("AH-02", "CH-01")
    # Recorded in each project's history, so a later edit is not shown as having set the lead.
    for project in led:
        assert project.history.latest("history_id").lead_user_id == project.lead_user_id
    again = demo_load()
    assert not again.created
    assert led.count() == 2


def test_the_demo_lead_is_offered_their_projects_actions(client, dorset):
    assert client.login(username="lead@dorset.example", password=DEMO_PASSWORD)
    page = client.get("/o/dorset/projects/CH-01/").content.decode()
    for link in ("/projects/CH-01/edit/", "/projects/CH-01/stage/", "/risks/new/?project="):
        assert link in page
    assert "/readings/new/" in page
    assert client.get("/o/dorset/projects/AH-01/edit/").status_code == 403  # not theirs
