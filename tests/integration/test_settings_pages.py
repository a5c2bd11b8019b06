"""Settings in the browser's pages (the settings room): every kind of reference data listed with a
Change link; renaming, moving, retiring and restoring one; risk bands one at a time. Who may:
TMO admins only (403 for the other roles, 404 for another council's admin and for another
council's item, sign-in for visitors). Then what a retirement does to the project form, and the
rename in the change log."""

from __future__ import annotations

import re
from typing import Any

import pytest

from realise.portfolio import services as portfolio
from realise.portfolio.models import Directorate, Programme
from realise.risks import services as risks
from realise.risks.models import RiskBand

pytestmark = pytest.mark.db

ROLES = ("viewer", "lead", "finance", "admin", "outsider", "anonymous")


def _as(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _pages(world: Any) -> list[tuple[str, dict[str, str]]]:
    """Each settings address with a valid form for it (or {} for a page only read)."""
    people = world.project_a.directorate
    high = RiskBand.objects.get(organisation=world.org, name="high")
    change = {"name": "People and Health", "position": "1", "retired": "retired"}
    band = {"name": "high", "min_score": "12", "action": "", "retired": "in_use"}
    return [
        ("settings/", {}),
        *[
            (f"settings/{kind}/new/", {"name": f"New {kind}"})
            for kind in ("directorate", "programme", "stage", "priority", "board")
        ],
        (f"settings/directorate/{people.pk}/", change),
        (f"settings/bands/{high.pk}/", band),
    ]


EXPECTED = {"admin": 200, "viewer": 403, "lead": 403, "finance": 403, "outsider": 404}


@pytest.mark.parametrize("role", ROLES)
def test_only_a_tmo_admin_reaches_the_settings_pages_and_their_forms(client, world, role):
    _as(client, world, role)
    for path, data in _pages(world):
        shown = client.get(f"/o/dorset/{path}")
        if role == "anonymous":
            assert shown.status_code == 302, path
            assert "/sign-in/" in shown["Location"], path
            continue
        assert shown.status_code == EXPECTED[role], path
        if data:
            sent = client.post(f"/o/dorset/{path}", data)
            assert sent.status_code == (302 if role == "admin" else EXPECTED[role]), path
    if role != "admin":
        assert Directorate.objects.get(pk=world.project_a.directorate_id).name == "People"
        assert not Programme.objects.filter(organisation=world.org).exists()


def test_another_councils_item_is_not_found_through_ones_own_council(client, world):
    theirs = portfolio.directorate_create(organisation=world.other_org, name="Wessex Roads")
    band = risks.risk_band_add(organisation=world.other_org, name="low", min_score=1)
    _as(client, world, "admin")
    for path in (
        f"settings/directorate/{theirs.pk}/",
        "settings/directorate/999999/",
        "settings/fund/new/",
        f"settings/bands/{band.pk}/",
    ):
        assert client.get(f"/o/dorset/{path}").status_code == 404, path
    sent = client.post(
        f"/o/dorset/settings/directorate/{theirs.pk}/",
        {"name": "Mine", "position": "1", "retired": "retired"},
    )
    assert sent.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.name, theirs.retired) == ("Wessex Roads", False)


def test_the_settings_page_lists_every_kind_with_change_links(client, world):
    portfolio.programme_create(organisation=world.org, name="Better Care")
    portfolio.lifecycle_stage_create(organisation=world.org, name="Deliver")
    portfolio.priority_create(organisation=world.org, name="Thriving places")
    portfolio.board_create(organisation=world.org, name="Cabinet")
    page = _as(client, world, "admin").get("/o/dorset/settings/").content.decode()
    for heading in (
        "Directorates",
        "Programmes",
        "Lifecycle stages",
        "Priorities",
        "Boards",
        "Risk bands",
    ):
        assert f">{heading}</h2>" in page, heading
    for name in ("People", "Better Care", "Deliver", "Thriving places", "Cabinet"):
        assert f'data-setting="{name}"' in page
    assert '<span class="govuk-visually-hidden"> directorate People</span>' in page
    assert "Add a priority" in page
    assert "Add a board" in page


def test_an_admin_renames_and_retires_a_directorate_and_the_project_form_stops_offering_it(
    client, world
):
    people = world.project_a.directorate
    _as(client, world, "admin")
    change = client.get(f"/o/dorset/settings/directorate/{people.pk}/")
    assert change.context["form"].initial == {
        "name": "People",
        "position": "1",
        "retired": "in_use",
    }
    sent = client.post(
        f"/o/dorset/settings/directorate/{people.pk}/",
        {"name": "People and Health", "position": "1", "retired": "retired"},
    )
    assert sent.status_code == 302
    assert sent["Location"] == "/o/dorset/settings/"
    page = client.get("/o/dorset/settings/").content.decode()
    assert 'data-setting="People and Health"' in page
    assert "Retired</strong>" in page
    offered = client.get("/o/dorset/projects/new/").context["form"].fields["directorate"].queryset
    assert people.pk not in {d.pk for d in offered}
    kept = client.get("/o/dorset/projects/A-1/edit/").context["form"].fields["directorate"].queryset
    assert people.pk in {d.pk for d in kept}  # project A has it: its edit keeps it
    log = client.get("/o/dorset/changes/").content.decode()
    words = " ".join(re.sub(r"<[^>]+>", " ", log).split())
    assert "Name: People → People and Health" in words  # the field's label, in words
    assert "Retired: No → Yes" in words


def test_a_name_differing_only_in_letter_case_is_refused_on_the_form(client, world):
    _as(client, world, "admin")
    response = client.post("/o/dorset/settings/directorate/new/", {"name": "PEOPLE"})
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == [
        'Dorset Council already has a directorate called "People", which differs only in '
        "letter case or spaces: choose a different name"
    ]
    assert Directorate.objects.filter(organisation=world.org).count() == 1


def test_moving_a_stage_on_its_page(client, world):
    stages = [
        portfolio.lifecycle_stage_create(organisation=world.org, name=n) for n in ("A", "B", "C")
    ]
    _as(client, world, "admin")
    client.post(
        f"/o/dorset/settings/stage/{stages[2].pk}/",
        {"name": "C", "position": "1", "retired": "in_use"},
    )
    page = client.get("/o/dorset/settings/").content.decode()
    assert (
        page.index('data-setting="C"')
        < page.index('data-setting="A"')
        < page.index('data-setting="B"')
    )


def test_a_band_change_that_leaves_a_score_without_a_band_is_refused_on_its_page(client, world):
    low = RiskBand.objects.get(organisation=world.org, name="low")
    _as(client, world, "admin")
    response = client.post(
        f"/o/dorset/settings/bands/{low.pk}/",
        {"name": "low", "min_score": "1", "action": "", "retired": "retired"},
    )
    assert response.status_code == 400
    assert (
        "low cannot be retired: the lowest risk band must start at score 1, not 5"
        in (response.context["form"].errors["retired"][0])
    )
    low.refresh_from_db()
    assert not low.retired
