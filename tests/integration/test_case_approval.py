"""Approval makes a business case the plan (issue 17, ADR 0039): approving the Dorset demo's case
with Scenario 4 sets a savings target for each year and directorate equal, to the penny, to the
engine's part-year effect of the layers that land there; a later approved version re-baselines
them (the change and its reason recorded, a target dropped set to £0, never deleted); approving
again writes nothing new; an approval that fails part way writes nothing; and the API, the pages
(with their check of the targets before recording) and the command line do the same through the
one service. Concurrent approvals: test_case_approval_postgres.py."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from realise.benefits.models import SavingsTarget
from realise.benefits.selectors import savings_by_year
from realise.benefits.services import plan_years_set
from realise.cases import services
from realise.cases.approval import approval_write
from realise.cases.models import Case, CaseBudget, CaseTarget, CaseVersion
from realise.cases.plans import approval_plan
from realise.cases.selectors import version_document
from realise.demo.loader import demo_data
from realise.finance.scenario import run_scenario
from realise.portfolio import services as portfolio
from realise.portfolio.models import Board, Decision, Directorate
from tests.conftest import PLAN_YEARS

pytestmark = pytest.mark.db

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"
DORSET = EXAMPLE.read_text(encoding="utf-8")
# Version 2: Scenario 4 at the medium savings level, not the high.
MEDIUM = DORSET.replace("level: high", "level: medium")
DAY = date(2025, 2, 12)
LAYERS = ("layer:customer", "layer:commissioning", "layer:business_support", "layer:strategic")


def _to_2029(organisation):
    """The case's savings run to 2029/30: the plan years must hold them."""
    plan_years_set(organisation=organisation, first_year="2020/21", last_year="2029/30")


def _targets_of(case):
    """The case's savings targets: (year, directorate, project code or None) → amount."""
    ids = CaseTarget.objects.filter(case=case).values("target")
    rows = SavingsTarget.objects.filter(pk__in=ids).select_related("directorate", "project")
    return {
        (t.financial_year, t.directorate.name, t.project.code if t.project else None): t.amount
        for t in rows
    }


def test_approving_dorsets_scenario_4_sets_each_years_targets_to_the_engines_part_year_effect(
    dorset,
):
    case = Case.objects.get(organisation=dorset)
    version = case.versions.get()
    cabinet = Board.objects.get(organisation=dorset, name="Cabinet")
    suggested = demo_data()["business_cases"][0]["directorates"]
    chosen = {
        line: Directorate.objects.get(organisation=dorset, name=name)
        for line, name in suggested.items()
    }
    budgeted = savings_by_year(organisation=dorset).total_budgeted
    decisions = Decision.objects.count()

    # The case names no directorate for its layers, and its years run past the plan years:
    # refused whole, naming each layer and the years, with nothing written.
    with pytest.raises(ValidationError) as refused:
        services.case_approve(case=case, option="s4", board=cabinet, decided_on=DAY)
    problems = refused.value.message_dict
    assert set(problems) == {f"directorates.{line}" for line in LAYERS} | {"__all__"}
    assert problems["directorates.layer:customer"] == [
        "Choose the directorate whose savings target the layer ‘Customer’ sets: the case names none"
    ]
    assert problems["__all__"] == [
        "The option sets savings targets in 2026/27, 2027/28, 2028/29 and 2029/30, outside "
        "Dorset Council's plan years (2021/22 to 2025/26): a TMO admin extends the plan years in "
        "Settings first, to 2029/30 or later"
    ]
    assert (CaseTarget.objects.count(), Decision.objects.count()) == (0, decisions)

    plan_years_set(organisation=dorset, first_year="2021/22", last_year="2029/30")
    approved = services.case_approve(
        case=case, option="s4", board=cabinet, decided_on=DAY, directorates=chosen
    )
    assert (approved.pk, approved.status) == (version.pk, "approved")

    engine = run_scenario(version_document(version=version).case, "s4")
    expected: dict[tuple[int, str, None], Decimal] = defaultdict(Decimal)
    by_layer = {}
    for layer in ("customer", "commissioning", "business_support", "strategic"):
        for year, _, part_year in engine.layer_profile(layer):
            expected[(year.start, suggested[f"layer:{layer}"], None)] += part_year
            by_layer[(f"layer:{layer}", year.start)] = part_year
    assert _targets_of(case) == dict(expected)
    assert _targets_of(case)[(2025, "Corporate Services", None)] == Decimal("5806194.63")
    links = CaseTarget.objects.filter(version=version)
    assert {(link.line, link.financial_year): link.amount for link in links} == by_layer
    assert {link.kind for link in links} == {"cashable"}
    # The savings tables count them: the plan's budget grew by the case's savings exactly.
    grown = savings_by_year(organisation=dorset).total_budgeted - budgeted
    assert grown == engine.years[-1].cumulative_part_year_effect
    staff = CaseBudget.objects.filter(version=version, kind="fte")
    assert {(b.financial_year, b.amount) for b in staff} == {
        (2025, Decimal("249.175")),
        (2026, Decimal("137.225")),
    }

    # Approving again writes nothing: the version is approved, and its rows are written once.
    counts = (SavingsTarget.objects.count(), CaseTarget.objects.count(), CaseBudget.objects.count())
    with pytest.raises(ValidationError, match="its latest version, 1, is approved"):
        services.case_approve(
            case=case, option="s4", board=cabinet, decided_on=DAY, directorates=chosen
        )
    document = version_document(version=version)
    again = approval_plan(
        case=case, version=version, document=document, option="s4", directorates=chosen
    )
    approval_write(plan=again, board="Cabinet", decided_on=DAY)
    assert counts == (
        SavingsTarget.objects.count(),
        CaseTarget.objects.count(),
        CaseBudget.objects.count(),
    )


@pytest.fixture
def admin(council):
    """A TMO admin of the council, with an API token."""
    from django.contrib.auth import get_user_model

    from realise.accounts.models import Membership
    from realise.accounts.tokens import api_token_create

    user = get_user_model().objects.create_user(username="admin", password="a-long-passphrase-9")
    Membership.objects.create(organisation=council["org"], user=user, role="tmo_admin")
    user.token = api_token_create(user=user, name="tests").secret
    return user


@pytest.fixture
def care(council):
    """The Care review project's case (People), submitted; Cabinet; plan years to 2029/30."""
    _to_2029(council["org"])
    cabinet = portfolio.board_create(organisation=council["org"], name="Cabinet")
    case = services.case_create(
        organisation=council["org"],
        title="Care review case",
        project=council["care"],
        document=DORSET,
    )
    services.case_submit(case=case)
    return case, council["place"], cabinet


def test_a_later_approved_version_rebaselines_the_targets_and_sets_those_it_drops_to_nothing(
    care, council, admin
):
    case, place, cabinet = care
    # Version 1: the project's directorate for three layers (the case's default), Place for one.
    services.case_approve(
        case=case,
        option="s4",
        board=cabinet,
        decided_on=DAY,
        directorates={"layer:commissioning": place},
        by=admin,
    )
    first = _targets_of(case)
    assert first[(2025, "People", "P-1")] == Decimal("5624324.38")  # three layers' part-year
    assert first[(2025, "Place", None)] == Decimal("181870.25")  # commissioning, no project
    made = set(CaseTarget.objects.values_list("target", flat=True))

    services.case_version_save(case=case, document=MEDIUM, note="Medium level", by=admin)
    services.case_submit(case=case, by=admin)
    services.case_approve(case=case, option="s4", board=cabinet, decided_on=date(2025, 6, 1))

    after = _targets_of(case)
    # People's targets re-baselined (medium level, commissioning now theirs too); Place's set to
    # £0 and kept; no target deleted, none added.
    assert set(CaseTarget.objects.values_list("target", flat=True)) == made
    assert {k: v for k, v in after.items() if k[1] == "Place"} == {
        (year, "Place", None): Decimal("0.00") for year in range(2025, 2030)
    }
    assert after[(2025, "People", "P-1")] == Decimal("3940899.00")
    people = SavingsTarget.objects.get(financial_year=2025, project=council["care"])
    assert people.variance_reason == (
        "Re-baselined by the approval of “Care review case” version 2 (Scenario 4) by Cabinet "
        "on 01 June 2025, replacing version 1: £5,624,324.38 → £3,940,899.00"
    )
    assert [h.amount for h in people.history.order_by("history_id")] == [
        Decimal("5624324.38"),
        Decimal("3940899.00"),
    ]
    dropped = SavingsTarget.objects.get(financial_year=2025, directorate=place)
    assert dropped.variance_reason.startswith(
        "Set to £0.00 by the approval of “Care review case” version 2 (Scenario 4)"
    )
    assert dropped.variance_reason.endswith("which has no such saving: £181,870.25 → £0.00")
    # Version 2's rows: each layer in People, and commissioning's old place at £0.
    second = CaseVersion.objects.get(case=case, number=2)
    rows = CaseTarget.objects.filter(version=second, financial_year=2025)
    assert sorted((r.line, r.directorate.name, r.amount) for r in rows) == [
        ("layer:business_support", "People", Decimal("543127.50")),
        ("layer:commissioning", "People", Decimal("155888.75")),
        ("layer:commissioning", "Place", Decimal("0.00")),
        ("layer:customer", "People", Decimal("1453911.00")),
        ("layer:strategic", "People", Decimal("1787971.75")),
    ]


def test_an_approval_that_fails_part_way_writes_nothing(care, monkeypatch):
    from realise.cases import approval

    case, _, cabinet = care
    made = []
    real = approval.benefits.savings_target_set

    def fails_on_the_third(**kwargs):
        if len(made) == 2:
            raise ValidationError({"amount": "The ledger refused the third target"})
        made.append(real(**kwargs))
        return made[-1]

    monkeypatch.setattr(approval.benefits, "savings_target_set", fails_on_the_third)
    decisions = Decision.objects.count()
    with pytest.raises(ValidationError, match="refused the third target"):
        services.case_approve(case=case, option="s4", board=cabinet, decided_on=DAY)
    assert len(made) == 2  # two targets were set before the failure, and are gone with it
    assert SavingsTarget.objects.filter(pk__in=[t.pk for t in made]).count() == 0
    assert (CaseTarget.objects.count(), CaseBudget.objects.count()) == (0, 0)
    assert Decision.objects.count() == decisions
    assert case.versions.get().status == "submitted"


def _programme_case(council):
    """A case of a programme with no directorate: every layer needs one chosen."""
    _to_2029(council["org"])
    case = services.case_create(
        organisation=council["org"], title="OFC", programme=council["programme"], document=DORSET
    )
    services.case_submit(case=case)
    return case, portfolio.board_create(organisation=council["org"], name="Cabinet")


def test_the_api_takes_where_each_line_goes_and_lists_the_targets_and_budgets(
    client, council, admin
):
    case, board = _programme_case(council)
    people = council["people"]
    other = portfolio.organisation_create(slug="wessex", name="Wessex", **PLAN_YEARS)
    wessex = portfolio.directorate_create(organisation=other, name="Wessex roads")
    url = f"/api/orgs/testshire/cases/{case.pk}"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {admin.token}"}

    def approve(directorates):
        body = {"option": "s4", "board_id": board.pk, "decided_on": "2025-02-12"}
        return client.post(
            f"{url}/approve",
            data=json.dumps(body | {"directorates": directorates}),
            content_type="application/json",
            **headers,
        )

    missing = approve({"layer:customer": people.pk, "layer:nope": people.pk})
    assert missing.status_code == 422
    fields = {e["field"] for e in missing.json()["errors"]}
    assert fields == {
        "directorates.layer:nope",
        "directorates.layer:commissioning",
        "directorates.layer:business_support",
        "directorates.layer:strategic",
    }
    assert approve(dict.fromkeys(LAYERS, wessex.pk)).status_code == 404
    assert CaseTarget.objects.count() == 0
    done = approve(dict.fromkeys(LAYERS, people.pk))
    assert (done.status_code, done.json()["status"]) == (200, "approved")

    listed = client.get(f"{url}/targets", **headers).json()
    assert (listed["version"], listed["option"]) == (1, "s4")
    first = listed["targets"][0]
    assert {k: first[k] for k in ("financial_year", "line", "directorate", "amount")} == {
        "financial_year": "2025/26",
        "line": "layer:customer",
        "directorate": "People",
        "amount": "2076999.38",
    }
    assert first["target_amount"] == "5806194.63"
    assert len(listed["targets"]) == 20  # four layers, five years
    staff = [b for b in listed["budgets"] if b["kind"] == "fte"]
    assert [(b["financial_year"], b["amount"]) for b in staff] == [
        ("2025/26", "249.175"),
        ("2026/27", "137.225"),
    ]
    assert {"line": "redundancy", "amount": "6150000.00"}.items() <= next(
        b for b in listed["budgets"] if b["line"] == "redundancy"
    ).items()


def test_the_approval_page_checks_the_targets_before_recording_them(client, council, admin):
    case, board = _programme_case(council)
    people = council["people"]
    client.force_login(admin)
    url = f"/o/testshire/business-cases/{case.pk}/approve/"
    form = client.get(url).content.decode()
    for n, layer in enumerate(("Customer", "Commissioning and Procurement")):
        assert f'for="id_place_{n}"' in form
        assert f"Directorate for the layer ‘{layer}’" in form
    filled = {
        "option": "s4",
        "board": board.pk,
        "decided_on-day": "12",
        "decided_on-month": "2",
        "decided_on-year": "2025",
        "latest": 1,
    }
    refused = client.post(url, filled | {"place_0": people.pk})
    assert refused.status_code == 400
    said = refused.content.decode()
    assert "Choose the directorate whose savings target the layer ‘Strategic and Enabling’" in said
    places = {f"place_{n}": people.pk for n in range(4)}
    check = client.post(url, filled | places)
    assert check.status_code == 200
    shown = check.content.decode()
    for text in ("Check the approval of version 1", "£5,806,194.63", "New target", "249.2"):
        assert text in shown
    assert "Non-cashable benefits make no savings target; this option has none" in shown
    assert CaseTarget.objects.count() == 0  # nothing is recorded by the check
    back = client.post(url, filled | places | {"step": "change"})
    assert (back.status_code, 'value="s4" checked' in back.content.decode()) == (200, True)
    done = client.post(url, filled | places | {"step": "confirm"})
    assert done.status_code == 302
    page = client.get(done["Location"]).content.decode()
    assert "Savings targets from the approval" in page
    assert "/o/testshire/savings/?year=2025" in page
    assert "£2,076,999.38" in page


def test_the_command_line_checks_and_records_an_approval_and_lists_its_targets(council, admin):
    from typer.testing import CliRunner

    from realise.cli import app

    case, _ = _programme_case(council)
    runner = CliRunner()
    places = [a for line in LAYERS for a in ("--directorate", f"{line}=people")]
    command = ["case", "approve", str(case.pk), "-o", "testshire", "--as", "admin"]
    command += ["--option", "s4"]
    command += ["--board", "Cabinet", "--on", "2025-02-12"]
    missing = runner.invoke(app, command)
    assert missing.exit_code == 1
    assert "directorates.layer:customer: Choose the directorate" in " ".join(missing.output.split())
    checked = runner.invoke(app, [*command, *places, "--check"])
    assert checked.exit_code == 0, checked.output
    assert "£5,806,194.63" in checked.output
    assert "Nothing was recorded" in checked.output
    assert CaseTarget.objects.count() == 0
    done = runner.invoke(app, [*command, *places])
    assert done.exit_code == 0, done.output
    assert "setting 5 savings targets" in " ".join(done.output.split())
    listed = runner.invoke(app, ["case", "targets", str(case.pk), "-o", "testshire"])
    assert "£2,076,999.38" in listed.output
    assert "249.2" in listed.output
