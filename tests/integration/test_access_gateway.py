"""One access gateway (``realise.accounts.access``): every page, API route, import, report and
the command line's ``--as`` ask it whether an actor may do an action in an organisation, and it
resolves the organisation a request names (404 when the actor holds no role there, in the same
words as for an organisation that does not exist). The rule table stays in
``realise.accounts.permissions``; nothing else reads it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from realise.accounts import access
from realise.accounts.access import Action

pytestmark = pytest.mark.db

SRC = Path(access.__file__).resolve().parents[1]


def _message(error: Exception) -> str:
    return str(error).replace('"dorset"', '"X"').replace('"nowhere"', '"X"')


def test_a_council_where_the_actor_holds_no_role_reads_as_one_that_does_not_exist(world):
    outsider = world.users["outsider"]
    with pytest.raises(Http404) as theirs:
        access.organisation_for(outsider, "dorset")
    with pytest.raises(Http404) as missing:
        access.organisation_for(outsider, "nowhere")
    assert _message(theirs.value) == _message(missing.value)
    assert "Dorset" not in str(theirs.value)


def test_a_role_without_the_action_is_refused_the_same_way_for_pages_and_the_api(world):
    """PermissionDenied: the pages answer it with their 403 page, the API with a 403 problem."""
    with pytest.raises(PermissionDenied, match="Your role in Dorset Council does not allow this"):
        access.organisation_for(world.users["viewer"], "dorset", Action.MANAGE_SETTINGS)
    with pytest.raises(PermissionDenied):
        access.require(world.users["lead"], world.org, Action.EDIT_PROJECT, world.project_b)
    assert access.organisation_for(world.users["admin"], "dorset", Action.MANAGE_SETTINGS) == (
        world.org
    )


def test_a_project_lead_may_act_on_the_projects_they_lead_and_no_others(world):
    lead, org = world.users["lead"], world.org
    assert not access.can(lead, org, Action.RECORD_SAVING)
    assert access.may_somewhere(lead, org, Action.RECORD_SAVING)
    assert list(access.permitted_projects(lead, org, Action.RECORD_SAVING)) == [world.project_a]
    assert not access.may_somewhere(lead, org, Action.MANAGE_FUNDING)
    assert not access.may_somewhere(world.users["viewer"], org, Action.RECORD_SAVING)
    assert not access.permitted_projects(world.users["viewer"], org, Action.RECORD_SAVING)
    everything = access.permitted_projects(world.users["admin"], org, Action.MANAGE_RISK)
    assert set(everything) == {world.project_a, world.project_b}
    access.require_somewhere(lead, org, Action.MANAGE_RISK)
    with pytest.raises(PermissionDenied):
        access.require_somewhere(lead, org, Action.RECORD_DECISION)


def test_templates_are_told_which_actions_the_actor_holds(world):
    held = access.allowed(world.users["finance"], world.org, Action.MANAGE_FUNDING, Action.VIEW)
    assert held == {"manage_funding": True, "view": True}
    assert access.allowed(world.users["outsider"], world.org, Action.VIEW) == {"view": False}


def test_the_person_named_with_as_must_hold_a_role_that_allows_the_action(world):
    org = world.org
    assert access.person_acting("ADMIN", org, Action.MANAGE_SETTINGS) == world.users["admin"]
    assert access.person_acting("viewer", org) == world.users["viewer"]
    with pytest.raises(ValueError, match="does not allow"):
        access.person_acting("viewer", org, Action.MANAGE_SETTINGS)
    with pytest.raises(ValueError, match="nobody with that email holds a role in Dorset Council"):
        access.person_acting("outsider", org)


def test_the_command_lines_as_asks_the_gateway(world):
    from realise.accounts.access import person_acting

    assert person_acting("finance", world.org) == world.users["finance"]
    with pytest.raises(ValueError, match="nobody with that email"):
        person_acting("outsider", world.org)


# Nothing else decides access ---------------------------------------------------------------------


def _modules() -> list[Path]:
    return [p for p in SRC.rglob("*.py") if "migrations" not in p.parts]


def _rel(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


def test_only_the_gateway_reads_the_rule_table():
    readers = {
        _rel(p)
        for p in _modules()
        if re.search(r"realise\.accounts\.permissions\b|accounts import permissions", p.read_text())
    }
    assert readers == {"accounts/access.py"}


def _request_side(path: Path) -> bool:
    """Pages and API routes: the modules that answer a request."""
    rel = _rel(path)
    return rel.startswith("web/") or path.name in {"views.py", "api.py"}


def test_no_page_or_api_route_resolves_an_organisation_itself():
    own = re.compile(
        r"def (_organisation|organisation_for|_guard)\b|Organisation\.objects|row\(Organisation"
        r"|get_object_or_404\(Organisation"
    )
    offenders = sorted(
        _rel(p) for p in _modules() if _request_side(p) and own.search(p.read_text())
    )
    assert offenders == []
    assert not (SRC / "web" / "access.py").exists()
