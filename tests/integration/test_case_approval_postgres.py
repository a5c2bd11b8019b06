"""Two people recording the approval of the same business case at the same moment, on PostgreSQL,
never set its savings targets twice: the case's row lock serves them one after the other, and the
second, reading the case again inside the lock, finds its version approved and is refused in
words that say so. Each is a thread with its own database connection, released together by a
barrier (tests/threads.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from realise.benefits.models import SavingsTarget
from realise.benefits.services import plan_years_set
from realise.cases import services
from realise.cases.models import Case, CaseTarget, CaseVersion
from realise.portfolio import services as portfolio
from realise.portfolio.models import Decision
from tests.threads import at_once, skip_unless_postgresql

pytestmark = [pytest.mark.postgres, pytest.mark.db]

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"


@pytest.fixture(autouse=True)
def _needs_postgresql(transactional_db):
    skip_unless_postgresql()


def test_two_approvals_of_one_case_at_once_set_its_targets_once(council):
    org = council["org"]
    plan_years_set(organisation=org, first_year="2020/21", last_year="2029/30")
    cabinet = portfolio.board_create(organisation=org, name="Cabinet")
    case = services.case_create(
        organisation=org,
        title="Care review case",
        project=council["care"],
        document=EXAMPLE.read_text(encoding="utf-8"),
    )
    services.case_submit(case=case)

    def officer(who: str):
        def work():
            mine = Case.objects.get(pk=case.pk)  # each read the case before recording
            try:
                services.case_approve(
                    case=mine, option="s4", board=cabinet, decided_on=date(2025, 2, 12)
                )
                return ("approved", who)
            except ValidationError as refused:
                return ("refused", refused.message_dict["status"][0])

        return work

    # Two officers record the board's one decision: Scenario 4.
    done, raised = at_once([officer("first"), officer("second")])
    assert raised == []
    assert sorted(outcome for outcome, _ in done) == ["approved", "refused"]
    (message,) = [text for outcome, text in done if outcome == "refused"]
    assert message == (
        "“Care review case” cannot be approved: its latest version, 1, is approved, and it must "
        "be submitted"
    )
    version = CaseVersion.objects.get(case=case)
    assert (version.status, version.option) == ("approved", "s4")
    # One approval's targets: one a year in People for the project, each line's part linked once.
    assert SavingsTarget.objects.filter(organisation=org).count() == 5
    assert CaseTarget.objects.filter(case=case).count() == 20  # four layers, five years
    assert Decision.objects.filter(organisation=org).count() == 1
