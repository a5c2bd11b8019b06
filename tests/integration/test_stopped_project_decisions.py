"""The annual report's "Projects stopped, with the board's decision": the decision that stopped
the project, not every decision about it. Since a board's decision on a funding bid (and a
business case's approval) is linked to its project, a stopped project's row listed those too."""

from __future__ import annotations

from datetime import date

import pytest

from realise.core.concurrency import LATEST
from realise.finance.calendar import FinancialYear
from realise.portfolio import services as portfolio
from realise.portfolio.models import DecisionKind
from realise.portfolio.outcomes import project_outcomes

pytestmark = pytest.mark.db


def test_a_stopped_projects_row_gives_the_decision_that_stopped_it(council):
    org, roads = council["org"], council["roads"]
    board = portfolio.board_create(organisation=org, name="Cabinet")
    for kind, text, day in (
        (DecisionKind.APPROVE_BID, "Approved the bid for new gritters", date(2023, 5, 1)),
        (DecisionKind.STOP, "Stopped: the gritters were not delivered", date(2023, 11, 2)),
        (DecisionKind.OTHER, "Lessons learned to be reported in March", date(2023, 11, 2)),
    ):
        portfolio.decision_record(
            organisation=org, board=board, decided_on=day, kind=kind, text=text, projects=[roads]
        )
    portfolio.project_change_status(
        project=roads, status="stopped", on=date(2023, 11, 2), seen_version=LATEST
    )
    stopped = project_outcomes(organisation=org, year=FinancialYear(2023)).stopped
    assert [line.code for line in stopped] == ["P-2"]
    assert stopped[0].decisions == (
        "Cabinet, 2 November 2023: Stopped: the gritters were not delivered",
        "Cabinet, 2 November 2023: Lessons learned to be reported in March",
    )
