"""Optimistic locking over the audit trail, on any database: a stale version is refused with
what changed, nothing is saved, and a fresh version succeeds."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from realise.core.concurrency import StaleEdit, current_version
from realise.portfolio.services import project_update
from realise.risks.services import risk_update

pytestmark = pytest.mark.db


def test_saving_with_the_version_seen_moves_the_version_on(world):
    seen = current_version(world.project_a)
    updated = project_update(
        project=world.project_a, seen_version=seen, changes={"summary": "One"}, by=None
    )
    assert updated.summary == "One"
    assert current_version(updated) > seen


def test_a_stale_edit_is_refused_and_says_who_changed_what(world):
    seen = current_version(world.project_a)
    project_update(
        project=world.project_a,
        seen_version=seen,
        changes={"lead_officer": "Jo Bloggs"},
        by=world.users["admin"],
    )
    with pytest.raises(StaleEdit) as caught:
        project_update(
            project=world.project_a,
            seen_version=seen,
            changes={"lead_officer": "Sam Smith"},
            by=world.users["lead"],
        )
    [change] = caught.value.changes
    assert (change.field, change.before, change.after, change.by) == (
        "lead_officer",
        "",
        "Jo Bloggs",
        "admin",
    )
    assert "lead_officer" in caught.value.message
    assert caught.value.attempted == {"lead_officer": "Sam Smith"}
    world.project_a.refresh_from_db()
    assert world.project_a.lead_officer == "Jo Bloggs"


def test_a_status_change_through_its_own_service_also_makes_an_edit_stale(world):
    from datetime import date

    from realise.core.concurrency import LATEST
    from realise.portfolio.services import project_change_status

    seen = current_version(world.project_b)
    project_change_status(
        project=world.project_b, status="in_progress", on=date(2023, 1, 1), seen_version=LATEST
    )
    with pytest.raises(StaleEdit) as caught:
        project_update(project=world.project_b, seen_version=seen, changes={"summary": "x"})
    assert [c.field for c in caught.value.changes] == ["status"]


def test_fields_outside_the_editable_set_are_refused_by_name(world):
    with pytest.raises(ValidationError) as caught:
        project_update(
            project=world.project_a,
            seen_version=current_version(world.project_a),
            changes={"organisation": world.other_org},
        )
    assert "organisation" in caught.value.message_dict


def test_risk_ratings_are_checked_on_update(world):
    with pytest.raises(ValidationError) as caught:
        risk_update(
            risk=world.risk, seen_version=current_version(world.risk), changes={"impact": 9}
        )
    assert "impact" in caught.value.message_dict


def test_a_versioned_read_gives_the_version_of_the_values_read(world):
    from realise.core.concurrency import version_of, versioned
    from realise.portfolio.models import Project

    before = versioned(Project.objects).get(pk=world.project_a.pk)
    project_update(project=before, seen_version=version_of(before), changes={"summary": "New"})
    # ``before`` still carries the version it was read at, so an edit based on it is stale
    with pytest.raises(StaleEdit):
        project_update(project=before, seen_version=version_of(before), changes={"name": "X"})
    after = versioned(Project.objects).get(pk=world.project_a.pk)
    assert (after.summary, version_of(after)) == ("New", current_version(after))
