"""A risk's lifecycle through its services: rescored (current and residual), owned by someone in
the council, reviewed by a date, mitigated, escalated to a board, closed with a reason and
reopened; each step refused when it breaks a rule, and told in words in the risk's history. The
register flags and filters overdue reviews; the heat map counts current or residual scores."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from realise.core.concurrency import LATEST, StaleEdit, current_version
from realise.portfolio import services as portfolio
from realise.risks import services as risks
from realise.risks.models import Risk, RiskStatus
from realise.risks.selectors import risk_heat_map, risk_view, risks_list
from realise.risks.timeline import risk_history

pytestmark = pytest.mark.db

TODAY = date(2023, 3, 31)


@pytest.fixture
def board(world):
    return portfolio.board_create(organisation=world.org, name="Performance Board")


def _fresh(risk: Risk) -> Risk:
    return Risk.objects.get(pk=risk.pk)


def _said(risk: Risk) -> list[str]:
    """Every sentence of the risk's history, oldest first."""
    return [s for event in reversed(risk_history(risk=risk)) for s in event.changes]


def test_a_risk_goes_through_its_whole_lifecycle_and_its_history_says_so(world, board):
    admin, risk = world.users["admin"], world.risk
    risks.risk_update(
        risk=risk,
        seen_version=LATEST,
        changes={"owner_user": world.users["lead"], "review_on": date(2023, 6, 30)},
        by=admin,
    )
    risks.risk_rescore(
        risk=risk,
        likelihood=4,
        impact=4,
        target_likelihood=2,
        target_impact=3,
        seen_version=current_version(risk),
        by=admin,
    )
    action = risks.mitigation_add(
        risk=risk, action="Agency cover", owner="HR", due_on=date(2023, 5, 1), by=admin
    )
    risks.mitigation_done(mitigation=action, on=date(2023, 3, 1), by=world.users["lead"])
    risks.risk_escalate(risk=risk, board=board, seen_version=current_version(risk), by=admin)
    risks.risk_close(
        risk=risk, reason="Recruited in full", seen_version=current_version(risk), by=admin
    )
    closed = _fresh(risk)
    assert (closed.status, closed.closed_reason) == (RiskStatus.CLOSED, "Recruited in full")
    risks.risk_reopen(
        risk=risk, reason="Two posts vacant again", seen_version=current_version(risk), by=admin
    )
    reopened = _fresh(risk)
    assert (reopened.status, reopened.closed_reason) == (RiskStatus.OPEN, "")
    assert reopened.escalated_to == board

    assert _said(risk) == [
        "Added the risk: current score 3 × 4 = 12, residual 3 × 4 = 12",
        "Owner changed from nobody to lead",
        "Review date changed from none to 30 June 2023",
        "Rescored the current risk from 3 × 4 = 12 to 4 × 4 = 16",
        "Rescored the residual risk from 3 × 4 = 12 to 2 × 3 = 6",
        "Added the mitigation “Agency cover”, owned by HR, due 1 May 2023",
        "Marked the mitigation “Agency cover” done on 1 March 2023",
        "Escalated the risk to Performance Board",
        "Closed the risk: Recruited in full",
        "Reopened the risk: Two posts vacant again",
    ]
    latest = risk_history(risk=risk)[0]
    assert (latest.by, latest.changes) == ("admin", ("Reopened the risk: Two posts vacant again",))


def test_the_history_names_people_as_the_council_does_in_a_fixed_number_of_queries(world):
    from realise.accounts.models import Membership

    Membership.objects.filter(user=world.users["admin"]).update(name="Ada Admin")
    for n in range(1, 6):
        risks.risk_rescore(
            risk=world.risk, likelihood=n, impact=2, seen_version=LATEST, by=world.users["admin"]
        )
        risks.mitigation_add(risk=world.risk, action=f"Step {n}", by=world.users["admin"])
    with CaptureQueriesContext(connection) as queries:
        events = risk_history(risk=world.risk)
    assert len(queries) <= 4
    assert len(events) == 11  # added, five rescores, five mitigations
    assert {e.by for e in events[:-1]} == {"Ada Admin"}


def test_closing_needs_a_reason_and_a_closed_risk_is_neither_closed_again_nor_escalated(
    world, board
):
    with pytest.raises(ValidationError) as caught:
        risks.risk_close(risk=world.risk, reason="  ", seen_version=LATEST)
    assert caught.value.message_dict == {"reason": ["Say why the risk is being closed"]}
    risks.risk_close(risk=world.risk, reason="Gone", seen_version=LATEST)
    with pytest.raises(ValidationError, match="is closed: reopen it before closing it again"):
        risks.risk_close(risk=world.risk, reason="Again", seen_version=LATEST)
    with pytest.raises(ValidationError, match="reopen it before escalating it"):
        risks.risk_escalate(risk=world.risk, board=board, seen_version=LATEST)
    with pytest.raises(ValidationError, match="reopen it before adding a mitigation"):
        risks.mitigation_add(risk=_fresh(world.risk), action="Too late")
    risks.risk_reopen(risk=world.risk, reason="Back", seen_version=LATEST)
    with pytest.raises(ValidationError, match="is already open"):
        risks.risk_reopen(risk=world.risk, reason="Again", seen_version=LATEST)


def test_a_risk_closed_by_an_edit_or_an_import_says_why_too(world):
    with pytest.raises(ValidationError) as caught:
        risks.risk_update(risk=world.risk, seen_version=LATEST, changes={"status": "closed"})
    assert caught.value.message_dict == {"closed_reason": ["Say why the risk is closed"]}
    changes = {"status": "closed", "closed_reason": "Merged into another risk"}
    risks.risk_update(risk=world.risk, seen_version=LATEST, changes=changes)
    assert _fresh(world.risk).closed_reason == "Merged into another risk"


def test_a_close_over_someone_elses_newer_change_is_refused(world):
    seen = current_version(world.risk)
    risks.risk_rescore(risk=world.risk, likelihood=1, impact=1, seen_version=seen)
    with pytest.raises(StaleEdit):
        risks.risk_close(risk=world.risk, reason="Gone", seen_version=seen)
    assert _fresh(world.risk).is_open


def test_escalation_is_to_one_of_the_councils_own_boards_and_not_twice_to_the_same(world, board):
    theirs = portfolio.board_create(organisation=world.other_org, name="Wessex Cabinet")
    with pytest.raises(ValidationError) as caught:
        risks.risk_escalate(risk=world.risk, board=theirs, seen_version=LATEST)
    assert caught.value.message_dict == {"board": ["Choose one of this council's boards"]}
    risks.risk_escalate(risk=world.risk, board=board, seen_version=LATEST)
    with pytest.raises(ValidationError, match="already escalated to Performance Board"):
        risks.risk_escalate(risk=world.risk, board=board, seen_version=LATEST)
    risks.risk_update(risk=world.risk, seen_version=LATEST, changes={"escalated": False})
    assert (_fresh(world.risk).escalated, _fresh(world.risk).escalated_to) == (False, None)
    assert _said(world.risk)[-1] == "Withdrew the escalation"


def test_the_owner_in_realise_holds_a_role_in_the_council(world):
    with pytest.raises(ValidationError) as caught:
        risks.risk_update(
            risk=world.risk, seen_version=LATEST, changes={"owner_user": world.users["outsider"]}
        )
    assert caught.value.message_dict == {
        "owner_user": ["Choose someone who holds a role in this council"]
    }
    risks.risk_update(
        risk=world.risk,
        seen_version=LATEST,
        changes={"owner_user": world.users["finance"], "owner": "Head of Finance"},
    )
    assert risk_view(risk=_fresh(world.risk)).owner == "finance (Head of Finance)"


def test_a_mitigation_is_done_once_and_never_on_a_day_to_come(world):
    action = risks.mitigation_add(risk=world.risk, action="Second supplier")
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        risks.mitigation_done(mitigation=action, on=tomorrow)
    assert caught.value.message_dict == {"done_on": ["The day it was done cannot be in the future"]}
    risks.mitigation_done(mitigation=action, on=date(2023, 1, 9))
    with pytest.raises(ValidationError, match="already marked done on 9 January 2023"):
        risks.mitigation_done(mitigation=action)
    with pytest.raises(ValidationError) as empty:
        risks.mitigation_add(risk=world.risk, action=" ")
    assert "action" in empty.value.message_dict


def test_overdue_reviews_are_flagged_and_filtered_in_the_register(world):
    late = risks.risk_create(
        organisation=world.org,
        project=world.project_b,
        title="Late review",
        likelihood=2,
        impact=2,
        review_on=date(2023, 3, 30),
    )
    risks.risk_update(risk=world.risk, seen_version=LATEST, changes={"review_on": TODAY})
    closed = risks.risk_create(
        organisation=world.org,
        project=world.project_b,
        title="Closed and late",
        likelihood=1,
        impact=1,
        review_on=date(2022, 1, 1),
        status="closed",
        closed_reason="Done",
    )
    lines = {r.pk: r for r in risks_list(organisation=world.org, today=TODAY)}
    assert (lines[late.pk].overdue, lines[world.risk.pk].overdue) == (True, False)
    assert lines[closed.pk].overdue is False  # a closed risk is not reviewed
    only = risks_list(organisation=world.org, filters={"review": "overdue"}, today=TODAY)
    assert [r.pk for r in only] == [late.pk]


def test_the_heat_map_and_register_read_current_or_residual_scores(world):
    risks.risk_rescore(
        risk=world.risk,
        likelihood=5,
        impact=4,
        target_likelihood=1,
        target_impact=2,
        seen_version=LATEST,
    )
    current = risk_heat_map(organisation=world.org)
    residual = risk_heat_map(organisation=world.org, scores="residual")
    assert (current.count(5, 4), current.count(1, 2), current.band_count("high")) == (1, 0, 1)
    assert (residual.count(5, 4), residual.count(1, 2), residual.band_count("low")) == (0, 1, 1)
    assert (current.residual, residual.residual) == (False, True)
    by_residual = {"likelihood": "1", "impact": "2", "scores": "residual", "band": "low"}
    assert [r.pk for r in risks_list(organisation=world.org, filters=by_residual)] == [
        world.risk.pk
    ]
    assert risks_list(organisation=world.org, filters={"likelihood": "1", "impact": "2"}) == ()


def test_a_spreadsheet_that_closes_a_risk_says_why_or_is_refused(world, tmp_path):
    import openpyxl

    from realise.imports.engine import run_import

    def imported(*row):
        book = openpyxl.Workbook()
        book.active.title = "Risks"
        heads = ["Title", "Project code", "Likelihood", "Impact", "Status", "Closed because"]
        book.active.append(heads[: len(row)])
        book.active.append(list(row))
        book.save(tmp_path / "risks.xlsx")
        return run_import(tmp_path / "risks.xlsx", organisation=world.org, dry_run=False)

    refused = imported("Staff capacity", "A-1", 3, 4, "Closed")
    assert not refused.applied
    assert any("Say why the risk is closed" in str(p) for p in refused.problems), refused.problems
    assert _fresh(world.risk).is_open
    closed = imported("Staff capacity", "A-1", 3, 4, "Closed", "Posts filled")
    assert closed.applied, closed.problems
    assert (_fresh(world.risk).status, _fresh(world.risk).closed_reason) == (
        "closed",
        "Posts filled",
    )
