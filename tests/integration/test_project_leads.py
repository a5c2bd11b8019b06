"""Project leads, and a project's directorate, programme and priorities, set on the project form
and through the API by the portfolio services: the lead is someone holding a role in the council
(never another council's person), the change is logged in the project's history in words, and the
lead is shown by name wherever a project's lead is shown."""

from __future__ import annotations

import json
import re

import pytest
from django.core.exceptions import ValidationError

from realise.accounts.models import Membership
from realise.core.concurrency import current_version
from realise.portfolio import services as portfolio
from realise.portfolio.models import Project, ProjectChange

pytestmark = pytest.mark.db


@pytest.fixture
def plan(world):
    """A programme and two priorities in Dorset, one of each in Wessex, and names for Dorset's
    people as Dorset's admin typed them."""
    Membership.objects.filter(organisation=world.org, user=world.users["lead"]).update(
        name="Pat Lead"
    )
    Membership.objects.filter(organisation=world.org, user=world.users["finance"]).update(
        name="Fran Finance"
    )
    return {
        "programme": portfolio.programme_create(organisation=world.org, name="Care"),
        "healthy": portfolio.priority_create(organisation=world.org, name="Healthy lives"),
        "homes": portfolio.priority_create(organisation=world.org, name="Good homes"),
        "their_programme": portfolio.programme_create(organisation=world.other_org, name="Roads"),
        "their_priority": portfolio.priority_create(organisation=world.other_org, name="Roads"),
        "their_directorate": portfolio.directorate_create(
            organisation=world.other_org, name="Highways"
        ),
    }


def _edit(world, project, **changes):
    return portfolio.project_update(
        project=project,
        seen_version=current_version(project),
        changes=changes,
        by=world.users["admin"],
    )


# The services ------------------------------------------------------------------------------------


def _lead_changes(project):
    return ProjectChange.objects.filter(project=project, field=ProjectChange.Field.LEAD)


def test_a_lead_is_assigned_and_the_change_is_logged_by_name(world, plan):
    project = _edit(world, world.project_a, lead_user=world.users["finance"])
    assert Project.objects.get(pk=project.pk).lead_user == world.users["finance"]
    change = _lead_changes(project).get()
    assert (change.old_value, change.new_value) == ("Pat Lead", "Fran Finance")
    assert change.recorded_by == world.users["admin"]


def test_the_same_lead_again_logs_nothing(world, plan):
    before = _lead_changes(world.project_a).count()
    _edit(world, world.project_a, lead_user=world.users["lead"], summary="Same lead")
    assert _lead_changes(world.project_a).count() == before


def test_a_lead_removed_is_logged_as_not_set(world, plan):
    _edit(world, world.project_a, lead_user=None)
    change = _lead_changes(world.project_a).get()
    assert (change.old_value, change.new_value) == ("Pat Lead", "")


@pytest.mark.parametrize("write", ["create", "update"])
def test_a_lead_from_another_council_is_refused_naming_the_field(world, write):
    outsider = world.users["outsider"]
    logged = ProjectChange.objects.count()
    if write == "create":
        with pytest.raises(ValidationError) as refused:
            portfolio.project_create(
                organisation=world.org, code="N-1", name="New", lead_user=outsider
            )
    else:
        with pytest.raises(ValidationError) as refused:
            _edit(world, world.project_b, lead_user=outsider)
    assert "Dorset Council" in refused.value.message_dict["lead_user"][0]
    assert not Project.objects.filter(lead_user=outsider).exists()
    assert ProjectChange.objects.count() == logged


def test_a_project_is_created_with_its_directorate_programme_priorities_and_lead(world, plan):
    people = world.project_a.directorate
    project = portfolio.project_create(
        organisation=world.org,
        code="N-1",
        name="New",
        directorate=people,
        programme=plan["programme"],
        priorities=[plan["healthy"]],
        lead_user=world.users["lead"],
        by=world.users["admin"],
    )
    stored = Project.objects.get(pk=project.pk)
    assert (stored.directorate, stored.programme, stored.lead_user) == (
        people,
        plan["programme"],
        world.users["lead"],
    )
    assert list(stored.priorities.all()) == [plan["healthy"]]


def test_priorities_are_changed_by_the_edit_service(world, plan):
    seen = current_version(world.project_a)
    _edit(world, world.project_a, priorities=[plan["healthy"], plan["homes"]])
    assert set(world.project_a.priorities.all()) == {plan["healthy"], plan["homes"]}
    assert current_version(world.project_a) != seen  # a change another editor must see


@pytest.mark.parametrize(
    ("field", "key"),
    [
        ("priorities", "their_priority"),
        ("programme", "their_programme"),
        ("directorate", "their_directorate"),
    ],
)
def test_another_councils_directorate_programme_or_priority_is_refused(world, plan, field, key):
    value = [plan[key]] if field == "priorities" else plan[key]
    with pytest.raises(ValidationError) as refused:
        _edit(world, world.project_a, **{field: value})
    assert field in refused.value.message_dict
    assert not world.project_a.priorities.exists()


# The project form ------------------------------------------------------------


def _form(project: Project | None = None, **values):
    data = {"code": "N-1", "name": "New", "summary": "", "confidence": ""}
    if project is not None:
        data |= {"code": project.code, "name": project.name, "version": current_version(project)}
    return data | values


def test_a_tmo_admin_adds_a_project_with_its_lead_programme_and_priorities(client, world, plan):
    client.force_login(world.users["admin"])
    response = client.post(
        "/o/dorset/projects/new/",
        _form(
            directorate=world.project_a.directorate_id,
            programme=plan["programme"].pk,
            priorities=[plan["healthy"].pk, plan["homes"].pk],
            lead_user=world.users["finance"].pk,
        ),
    )
    assert response.status_code == 302, response.content.decode()
    project = Project.objects.get(organisation=world.org, code="N-1")
    assert project.lead_user == world.users["finance"]
    assert project.programme == plan["programme"]
    assert set(project.priorities.all()) == {plan["healthy"], plan["homes"]}


def test_the_form_offers_only_the_councils_people_by_their_name_here(client, world, plan):
    client.force_login(world.users["admin"])
    page = client.get("/o/dorset/projects/A-1/edit/").content.decode()
    offered = re.search(r'<select[^>]*name="lead_user".*?</select>', page, re.S).group(0)
    assert "Pat Lead" in offered
    assert "Fran Finance" in offered
    assert f'value="{world.users["outsider"].pk}"' not in offered
    assert "Roads" not in page  # Wessex's programme and priority are not offered


def test_a_lead_from_another_council_sent_to_the_form_is_refused(client, world, plan):
    client.force_login(world.users["admin"])
    response = client.post(
        "/o/dorset/projects/B-1/edit/",
        _form(world.project_b, lead_user=world.users["outsider"].pk),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_lead_user"' in page  # the error summary links to the field
    world.project_b.refresh_from_db()
    assert world.project_b.lead_user is None


def test_a_project_lead_edits_their_project_but_cannot_hand_it_to_someone_else(client, world, plan):
    client.force_login(world.users["lead"])
    form = client.get("/o/dorset/projects/A-1/edit/").content.decode()
    assert 'name="lead_user"' not in form
    assert 'name="priorities"' in form
    response = client.post(
        "/o/dorset/projects/A-1/edit/",
        _form(world.project_a, summary="Mine", lead_user=world.users["viewer"].pk),
    )
    assert response.status_code == 302
    world.project_a.refresh_from_db()
    assert (world.project_a.summary, world.project_a.lead_user) == ("Mine", world.users["lead"])


# One lead, shown everywhere --------------------------------------------------------------------


def test_the_project_page_shows_the_lead_by_name_and_no_python_none(client, world, plan):
    client.force_login(world.users["viewer"])
    page = client.get("/o/dorset/projects/A-1/").content.decode()
    lead = re.search(r"Lead</dt>\s*<dd[^>]*>(.*?)</dd>", page, re.S).group(1)
    assert "Pat Lead" in lead
    assert "Not recorded" not in lead
    other = client.get("/o/dorset/projects/B-1/").content.decode()
    assert re.search(r"Stage</dt>\s*<dd[^>]*>Not set</dd>", other)
    for shown in (page, other, client.get("/o/dorset/projects/").content.decode()):
        assert "None" not in re.sub(r"<[^>]+>", " ", shown).split()
    client.force_login(world.users["admin"])
    stage = client.get("/o/dorset/projects/B-1/stage/").content.decode()
    assert "Current stage: not set." in stage


def test_the_free_text_officer_is_shown_only_when_no_lead_is_set(client, world, plan):
    _edit(world, world.project_a, lead_officer="Jo Bloggs")
    _edit(world, world.project_b, lead_officer="Sam Smith")
    client.force_login(world.users["viewer"])
    led = client.get("/o/dorset/projects/A-1/").content.decode()
    assert "Pat Lead" in led
    assert "Jo Bloggs" not in led
    assert "Sam Smith" in client.get("/o/dorset/projects/B-1/").content.decode()


def test_the_lead_sees_the_project_as_theirs(client, world, plan):
    client.force_login(world.users["lead"])
    page = client.get("/o/dorset/projects/A-1/").content.decode()
    assert "You lead this project" in page
    client.force_login(world.users["viewer"])
    assert "You lead this project" not in client.get("/o/dorset/projects/A-1/").content.decode()


def test_the_projects_list_shows_each_lead(client, world, plan):
    _edit(world, world.project_b, lead_officer="Sam Smith")
    client.force_login(world.users["viewer"])
    page = client.get("/o/dorset/projects/").content.decode()
    rows = {
        code: row
        for code, row in re.findall(
            r"<tr class=\"govuk-table__row\">\s*<td[^>]*>([AB]-1)</td>(.*?)</tr>", page, re.S
        )
    }
    assert "Pat Lead" in rows["A-1"]
    assert "Sam Smith" in rows["B-1"]
    assert ">Lead<" in page or "Lead<span" in page


def test_the_project_page_lists_a_lead_change_in_words(client, world, plan):
    _edit(world, world.project_a, lead_user=world.users["finance"])
    client.force_login(world.users["viewer"])
    page = client.get("/o/dorset/projects/A-1/").content.decode()
    assert re.search(r"Lead</td><td[^>]*>Pat Lead</td><td[^>]*>Fran Finance</td>", page)
    history = client.get(f"/o/dorset/projects/{world.project_a.pk}/history/")
    text = history.content.decode()
    assert "lead_user" not in text
    assert "Project lead" in text


# The API ----------------------------------------------------------------------


def _send(client, world, role, method, path, body):
    return getattr(client, method)(
        path, data=json.dumps(body), content_type="application/json", **world.headers(role)
    )


def test_the_api_creates_a_project_with_its_directorate_programme_priorities_and_lead(
    client, world, plan
):
    body = {
        "code": "N-1",
        "name": "New",
        "directorate": "people",
        "programme": "Care",
        "priorities": ["Healthy lives", "Good homes"],
        "lead_user": "LEAD",
    }
    response = _send(client, world, "admin", "post", "/api/orgs/dorset/projects", body)
    assert response.status_code == 201, response.json()
    made = response.json()
    assert (made["directorate"], made["programme"], made["lead_user"]) == ("People", "Care", "lead")
    assert sorted(made["priorities"]) == ["Good homes", "Healthy lives"]


def test_the_api_changes_and_clears_a_projects_lead_and_programme(client, world, plan):
    path = f"/api/orgs/dorset/projects/{world.project_a.pk}"
    body = {
        "version": current_version(world.project_a),
        "lead_user": "finance",
        "programme": "Care",
    }
    changed = _send(client, world, "admin", "patch", path, body)
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["lead_user"], changed.json()["programme"]) == ("finance", "Care")
    body = {"version": changed.json()["version"], "lead_user": None, "programme": None}
    cleared = _send(client, world, "admin", "patch", path, body)
    assert (cleared.json()["lead_user"], cleared.json()["programme"]) == (None, None)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("lead_user", "outsider"),
        ("lead_user", "nobody@example.org"),
        ("directorate", "Highways"),
        ("programme", "Roads"),
        ("priorities", ["Roads"]),
    ],
)
def test_the_api_refuses_another_councils_lead_directorate_programme_or_priority(
    client, world, plan, field, value
):
    path = f"/api/orgs/dorset/projects/{world.project_b.pk}"
    body = {"version": current_version(world.project_b), field: value}
    response = _send(client, world, "admin", "patch", path, body)
    assert response.status_code == 422
    problem = response.json()
    assert problem["field"] == field
    assert "Dorset Council" in problem["detail"]
    created = _send(
        client,
        world,
        "admin",
        "post",
        "/api/orgs/dorset/projects",
        {"code": "N-1", "name": "New", field: value},
    )
    assert (created.status_code, created.json()["field"]) == (422, field)
    world.project_b.refresh_from_db()
    assert world.project_b.lead_user is None
    assert world.project_b.programme is None
    assert not Project.objects.filter(code="N-1").exists()


# Exports and imports ------------------------------------------------------------


def _sheet(path, rows):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Projects"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_the_projects_export_prints_each_lead_and_imports_back(world, plan, tmp_path):
    from realise.imports.engine import run_import
    from realise.imports.exports import export_rows

    headings, rows = export_rows("projects", world.org)
    lead = headings.index("Lead email")
    assert {row[0]: row[lead] for row in rows} == {"A-1": "lead", "B-1": ""}
    path = _sheet(
        tmp_path / "leads.xlsx", [["Code", "Name", "Lead email"], ["B-1", "Libraries", "FINANCE"]]
    )
    outcome = run_import(path, organisation=world.org, dry_run=False, by=world.users["admin"])
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert Project.objects.get(pk=world.project_b.pk).lead_user == world.users["finance"]
    change = ProjectChange.objects.get(project=world.project_b, field="lead")
    assert (change.new_value, change.recorded_by) == ("Fran Finance", world.users["admin"])


def test_an_import_refuses_a_lead_from_another_council(world, tmp_path):
    from realise.imports.engine import run_import

    path = _sheet(
        tmp_path / "leads.xlsx", [["Code", "Name", "Lead email"], ["B-1", "Libraries", "outsider"]]
    )
    outcome = run_import(path, organisation=world.org, dry_run=False, by=world.users["admin"])
    assert not outcome.ok
    assert "Dorset Council" in " ".join(str(p) for p in outcome.problems)
    assert Project.objects.get(pk=world.project_b.pk).lead_user is None
