"""32 editors at once on PostgreSQL: no lost update, and ledger totals equal the sum of appends.

Each editor is a thread with its own database connection. Editors append their own line to the
same project's summary (and bump the same risk) with the version they read, retrying when told
their version is stale. If any update were lost, a line would be missing. The same editors also
change the project's status and rescore the risk, each based on the value they read: those
services write only their own fields under the same version check, so no summary line or
mitigation is lost to them, and the status log and the risk's history form one unbroken chain
with every editor's change in it once. At the same time each appends savings to the ledger, and
finance validates claims concurrently."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal
from itertools import pairwise

import pytest

from realise.benefits import services as benefits
from realise.benefits.models import EntryStatus, SavingsEntry
from realise.benefits.selectors import savings_by_year
from realise.core.concurrency import StaleEdit, version_of, versioned
from realise.portfolio.models import Project, ProjectChange
from realise.portfolio.services import project_change_status, project_update
from realise.risks.models import Risk
from realise.risks.services import risk_rescore, risk_update
from tests.threads import at_once, skip_unless_postgresql

pytestmark = [pytest.mark.postgres, pytest.mark.db]

EDITORS = 32
FLIP = {"proposed": "in_progress", "in_progress": "proposed"}
EDITS_EACH = 3
APPENDS_EACH = 5


@pytest.fixture(autouse=True)
def _needs_postgresql(transactional_db):
    skip_unless_postgresql()


def _run(workers: list) -> list[BaseException]:
    return at_once(workers)[1]


def _edit_until_saved(model, pk, change, update, stale_counter):
    while True:
        obj = versioned(model.objects).get(pk=pk)  # fields and version from one snapshot
        try:
            update(obj, version_of(obj), change(obj))
            return
        except StaleEdit:
            stale_counter.append(1)


def test_32_editors_lose_no_update_and_ledger_totals_add_up(world):
    project_pk, risk_pk = world.project_a.pk, world.risk.pk
    stale: list[int] = []
    appended: list[Decimal] = []
    lock = threading.Lock()

    def editor(n: int):
        def work():
            for k in range(EDITS_EACH):
                _edit_until_saved(
                    Project,
                    project_pk,
                    lambda p, k=k: {"summary": f"{p.summary}e{n}-{k};"},
                    lambda p, v, c: project_update(project=p, seen_version=v, changes=c),
                    stale,
                )
            _edit_until_saved(
                Risk,
                risk_pk,
                lambda r: {"mitigations": f"{r.mitigations}m{n};"},
                lambda r, v, c: risk_update(risk=r, seen_version=v, changes=c),
                stale,
            )
            # Status: flip what the editor saw, and say in the note what that was.
            _edit_until_saved(
                Project,
                project_pk,
                lambda p: {"status": FLIP[p.status], "note": f"s{n} saw {p.status}"},
                lambda p, v, c: project_change_status(
                    project=p, on=date(2023, 3, 31), seen_version=v, **c
                ),
                stale,
            )
            # Rescore: one step up the likelihood scale from what the editor saw (5 wraps to 1).
            _edit_until_saved(
                Risk,
                risk_pk,
                lambda r: {"likelihood": r.likelihood % 5 + 1, "impact": r.impact},
                lambda r, v, c: risk_rescore(risk=r, seen_version=v, **c),
                stale,
            )
            for k in range(APPENDS_EACH):
                amount = Decimal(n * 100 + k) + Decimal("0.01")
                benefits.saving_record(
                    organisation=world.org,
                    year="2022/23",
                    amount=amount,
                    project=world.project_a,
                    recorded_on=date(2023, 3, 31),
                )
                with lock:
                    appended.append(amount)

        return work

    errors = _run([editor(n) for n in range(EDITORS)])
    assert errors == []

    summary = Project.objects.get(pk=project_pk).summary
    expected = {f"e{n}-{k}" for n in range(EDITORS) for k in range(EDITS_EACH)}
    assert set(filter(None, summary.split(";"))) == expected
    assert len(summary.split(";")) - 1 == EDITORS * EDITS_EACH  # each line exactly once
    mitigations = Risk.objects.get(pk=risk_pk).mitigations
    assert sorted(filter(None, mitigations.split(";"))) == sorted(f"m{n}" for n in range(EDITORS))
    assert stale, "the editors never collided, so the test proved nothing"

    # Every status change is logged once, each over the status its editor saw: one chain.
    log = list(
        ProjectChange.objects.filter(project_id=project_pk, field=ProjectChange.Field.STATUS)
        .order_by("id")
        .values_list("old_value", "new_value", "note")
    )
    assert sorted(note.split()[0] for _, _, note in log) == sorted(f"s{n}" for n in range(EDITORS))
    assert all(note.endswith(f"saw {old}") and new == FLIP[old] for old, new, note in log)
    assert all(a[1] == b[0] for a, b in pairwise(log))
    assert Project.objects.get(pk=project_pk).status == log[-1][1]

    # Every rescore moved the likelihood exactly one step from the one before it.
    likelihoods = [h.likelihood for h in Risk.history.filter(id=risk_pk).order_by("history_id")]
    steps = [(a, b) for a, b in pairwise(likelihoods) if a != b]
    assert len(steps) == EDITORS
    assert all(b == a % 5 + 1 for a, b in steps)
    start = world.risk.likelihood
    assert Risk.objects.get(pk=risk_pk).likelihood == (start - 1 + EDITORS) % 5 + 1

    assert len(appended) == EDITORS * APPENDS_EACH
    table = savings_by_year(organisation=world.org)
    assert table.total_achieved == sum(appended, Decimal(0))
    assert SavingsEntry.objects.filter(status=EntryStatus.ACHIEVED).count() == len(appended)


def test_32_finance_officers_validating_the_same_claim_validate_it_once(world):
    claim_pk = world.claim.pk
    outcomes: list[str] = []

    def officer():
        from django.core.exceptions import ValidationError

        claim = SavingsEntry.objects.get(pk=claim_pk)
        try:
            benefits.saving_validate(entry=claim, recorded_on=date(2023, 3, 31))
            outcomes.append("validated")
        except ValidationError:
            outcomes.append("refused")

    errors = _run([officer for _ in range(EDITORS)])
    assert errors == []
    assert sorted(outcomes) == ["refused"] * (EDITORS - 1) + ["validated"]
    table = savings_by_year(organisation=world.org)
    assert (table.total_achieved, table.total_claimed) == (Decimal("1000.00"), Decimal("0"))
