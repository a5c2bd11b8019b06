"""Removing a person from a council clears the projects they led there: in the same transaction
as the removal, through the project service, so each project's history records the change of lead
with a reason naming the removal. The one removing them is told first (the confirmation page
lists the projects they lead) and after (how many projects now have no lead). Someone removed
keeps no rights through a project they once led, and their projects elsewhere are left alone."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from realise.accounts import services
from realise.accounts.access import Action, can, forget_roles
from realise.accounts.models import Membership, Role
from realise.core.concurrency import LATEST
from realise.portfolio import services as portfolio
from realise.portfolio.models import Project, ProjectChange

pytestmark = pytest.mark.db

BASE = "/o/dorset/settings/people/"


def _lead_of(project: Project):
    return Project.objects.get(pk=project.pk).lead_user


def test_a_removed_lead_keeps_no_rights_on_the_project_they_led(client, world):
    lead, project = world.users["lead"], world.project_a
    assert can(lead, world.org, Action.EDIT_PROJECT, project=project)
    services.person_remove(organisation=world.org, user=lead, by=world.users["admin"])
    forget_roles(lead)
    for action in (Action.EDIT_PROJECT, Action.MANAGE_RISK, Action.RECORD_SAVING):
        assert not can(lead, world.org, action, project=project)
        assert not can(lead, world.org, action, project=Project.objects.get(pk=project.pk))
    client.force_login(lead)
    assert client.get("/o/dorset/projects/A-1/edit/").status_code == 404
    edit = client.patch(
        f"/api/orgs/dorset/projects/{project.pk}",
        data=json.dumps({"version": None, "name": "Taken over"}),
        content_type="application/json",
        **world.headers("lead"),
    )
    assert edit.status_code == 404
    assert Project.objects.get(pk=project.pk).name == "Care review"


def test_removing_a_lead_clears_their_projects_with_the_reason_in_each_history(world):
    lead, admin = world.users["lead"], world.users["admin"]
    Membership.objects.filter(organisation=world.org, user=lead).update(name="Sam Lead")
    second = portfolio.project_create(
        organisation=world.org, code="C-1", name="Day centres", lead_user=lead
    )
    # They lead a project in another council too, where they stay.
    Membership.objects.create(organisation=world.other_org, user=lead, role=Role.PROJECT_LEAD)
    portfolio.project_update(
        project=world.other_project, seen_version=LATEST, changes={"lead_user": lead}
    )

    removed = services.person_remove(organisation=world.org, user=lead, by=admin)

    assert removed.roles == 1
    assert removed.projects_unled == ("A-1 Care review", "C-1 Day centres")
    assert _lead_of(world.project_a) is None
    assert _lead_of(second) is None
    assert _lead_of(world.other_project) == lead
    changes = ProjectChange.objects.filter(
        project__in=[world.project_a, second], field=ProjectChange.Field.LEAD
    )
    assert [(c.old_value, c.new_value, c.recorded_by) for c in changes] == [
        ("Sam Lead", "", admin),
        ("Sam Lead", "", admin),
    ]
    assert {c.note for c in changes} == {"Sam Lead was removed from Dorset Council"}
    assert not Membership.objects.filter(organisation=world.org, user=lead).exists()


def test_a_refused_removal_leaves_the_projects_led(world):
    admin = world.users["admin"]
    portfolio.project_update(
        project=world.project_b, seen_version=LATEST, changes={"lead_user": admin}
    )
    with pytest.raises(ValidationError, match="last TMO admin"):
        services.person_remove(organisation=world.org, user=admin, by=admin)
    assert _lead_of(world.project_b) == admin
    assert not ProjectChange.objects.filter(project=world.project_b, new_value="").exists()


def test_the_confirmation_lists_the_projects_they_lead_and_the_result_counts_them(client, world):
    lead = world.users["lead"]
    client.force_login(world.users["admin"])
    confirm = client.get(f"{BASE}{lead.pk}/remove/").content.decode()
    assert "Projects they lead" in confirm
    assert "A-1 Care review" in confirm
    assert "will have no lead" in confirm
    response = client.post(f"{BASE}{lead.pk}/remove/")
    assert response.status_code == 302
    listing = client.get(BASE).content.decode()
    assert (
        "lead is removed from Dorset Council. 1 project now has no lead: A-1 Care review."
        in listing
    )
    assert _lead_of(world.project_a) is None


def test_removing_someone_who_leads_nothing_says_nothing_about_projects(client, world):
    viewer = world.users["viewer"]
    client.force_login(world.users["admin"])
    confirm = client.get(f"{BASE}{viewer.pk}/remove/").content.decode()
    assert "Projects they lead" not in confirm
    client.post(f"{BASE}{viewer.pk}/remove/")
    listing = client.get(BASE).content.decode()
    assert "viewer is removed from Dorset Council" in listing
    assert "no lead" not in listing
