"""One write path (ADR 0023): the savings service decides whether an achieved saving is validated
or a claim, from who records it; an import writes every row through the domain services, so a
stage it moves is logged and every change it makes has the importer in its history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from realise.accounts.models import Membership
from realise.benefits import services as benefits
from realise.benefits.models import EntryStatus, Measure, SavingsEntry, SavingsTarget
from realise.funding import services as funding
from realise.funding.models import Bid, Grant
from realise.imports.engine import run_import
from realise.portfolio import services as portfolio
from realise.portfolio.models import Project, ProjectChange
from realise.risks import services as risks
from realise.risks.models import Risk

pytestmark = pytest.mark.db

DAY = date(2025, 3, 31)


def _person(org, name, role):
    user = get_user_model().objects.create_user(username=name, password="a-long-passphrase-9")
    Membership.objects.create(organisation=org, user=user, role=role)
    return user


@pytest.fixture
def people(council):
    org = council["org"]
    return {role: _person(org, role, role) for role in ("finance", "tmo_admin", "project_lead")}


def _record(council, by, status=EntryStatus.ACHIEVED, **more):
    return benefits.saving_record(
        organisation=council["org"],
        year="2024/25",
        amount="100.00",
        status=status,
        project=council["care"],
        recorded_on=DAY,
        by=by,
        **more,
    )


# The service decides ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["tmo_admin", "project_lead"])
def test_the_service_keeps_an_achieved_saving_from_anyone_but_finance_as_a_claim(
    council, people, role
):
    entry = _record(council, people[role])
    assert entry.status == EntryStatus.CLAIMED
    assert SavingsEntry.objects.get(pk=entry.pk).status == EntryStatus.CLAIMED


def test_finance_and_realise_itself_record_an_achieved_saving_as_validated(council, people):
    assert _record(council, people["finance"]).status == EntryStatus.ACHIEVED
    assert _record(council, None).status == EntryStatus.ACHIEVED  # the demo loader, tests


@pytest.mark.parametrize("status", [EntryStatus.CLAIMED, EntryStatus.FORECAST])
def test_a_claim_or_a_forecast_is_kept_whoever_records_it(council, people, status):
    assert _record(council, people["tmo_admin"], status).status == status


def test_a_caller_that_refuses_gets_the_status_refused_and_nothing_is_written(council, people):
    with pytest.raises(benefits.OnlyFinanceValidates) as refused:
        _record(council, people["tmo_admin"], if_not_allowed="refuse")
    assert isinstance(refused.value, ValidationError)
    assert list(refused.value.message_dict) == ["status"]
    assert "finance" in refused.value.message_dict["status"][0]
    assert not SavingsEntry.objects.exists()
    assert _record(council, people["finance"], if_not_allowed="refuse").status == "achieved"


def test_the_bulk_path_decides_as_saving_record_does(council, people):
    def build(by, **more):
        return benefits.saving_build(
            organisation=council["org"],
            year=2024,
            amount=Decimal("5.00"),
            recorded_on=DAY,
            project=council["care"],
            by=by,
            **more,
        )

    assert build(people["project_lead"]).status == EntryStatus.CLAIMED
    assert build(people["finance"]).status == EntryStatus.ACHIEVED
    with pytest.raises(benefits.OnlyFinanceValidates):
        build(people["tmo_admin"], if_not_allowed="refuse")


def test_an_edge_asks_the_service_what_an_achieved_saving_from_someone_becomes(council, people):
    org = council["org"]
    assert benefits.achieved_saving_status(organisation=org, by=people["finance"]) == "achieved"
    assert benefits.achieved_saving_status(organisation=org, by=people["tmo_admin"]) == "claimed"


# Imports write through the services -------------------------------------------------------------


def _workbook(path, sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def stages(council):
    org = council["org"]
    return [
        portfolio.lifecycle_stage_create(organisation=org, name=name, order=i)
        for i, name in enumerate(("Idea", "Business case", "Delivery"))
    ]


def test_an_import_that_moves_a_projects_stage_logs_the_move_with_the_importer(
    council, people, stages, tmp_path
):
    importer = people["tmo_admin"]
    path = _workbook(
        tmp_path / "projects.xlsx",
        {"Projects": [["Code", "Name", "Stage"], ["P-1", "Care review", "Delivery"]]},
    )
    outcome = run_import(path, organisation=council["org"], dry_run=False, by=importer)
    assert outcome.ok, [str(p) for p in outcome.problems]
    change = ProjectChange.objects.get(project=council["care"])
    assert (change.field, change.old_value, change.new_value) == ("stage", "", "Delivery")
    assert change.recorded_by == importer
    latest = Project.objects.get(code="P-1").history.order_by("-history_id").first()
    assert (latest.stage.name, latest.history_user) == ("Delivery", importer)


def test_an_import_that_edits_a_project_has_the_importer_in_its_history(council, people, tmp_path):
    importer = people["tmo_admin"]
    path = _workbook(
        tmp_path / "projects.xlsx",
        {
            "Projects": [
                ["Code", "Name", "Lead officer", "Status", "Planned start"],
                ["P-1", "Care review", "Sam Jones", "In progress", "01/04/2024"],
                ["N-1", "New project", "Ann Lee", None, None],
            ]
        },
    )
    outcome = run_import(path, organisation=council["org"], dry_run=False, by=importer)
    assert outcome.ok, [str(p) for p in outcome.problems]
    care = Project.objects.get(code="P-1")
    assert (care.lead_officer, care.status) == ("Sam Jones", "in_progress")
    assert {r.history_user for r in care.history.all()[:2]} == {importer}
    assert ProjectChange.objects.get(project=care, field="status").recorded_by == importer
    assert Project.objects.get(code="N-1").history.get().history_user == importer


def test_an_import_has_the_importer_in_the_history_of_every_row_it_changes(
    council, people, tmp_path
):
    org = council["org"]
    importer = people["finance"]
    fund = funding.fund_create(organisation=org, name="Transformation", kind="other", pot=50_000)
    funding.bid_submit(fund=fund, title="Care software", amount="1000.00")
    funding.grant_record(organisation=org, funder="DfE", amount="2500.00")
    benefits.savings_target_set(organisation=org, year="2024/25", amount="500.00")
    risks.risk_create(
        organisation=org, project=council["care"], title="Staff capacity", likelihood=3, impact=4
    )
    benefits.measure_create(organisation=org, name="Calls answered", unit="%")
    sheets = {
        "Targets": [["Year", "Amount"], ["2024/25", "£600"]],
        "Bids": [["Fund", "Title", "Amount"], ["Transformation", "Care software", "£1,200"]],
        "Grants": [["Funder", "Amount"], ["DfE", "£3,000"]],
        "Risks": [["Title", "Project", "Likelihood", "Impact"], ["Staff capacity", "P-1", 2, 4]],
        "Measures": [["Name", "Unit", "Baseline"], ["Calls answered", "%", 60]],
    }
    outcome = run_import(
        _workbook(tmp_path / "all.xlsx", sheets), organisation=org, dry_run=False, by=importer
    )
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert len(outcome.updated) == 5
    for model in (SavingsTarget, Bid, Grant, Risk, Measure):
        row = model.objects.get(organisation=org)
        latest = row.history.order_by("-history_id").first()
        assert latest.history_type == "~", model
        assert latest.history_user == importer, model


def test_an_import_of_achieved_savings_by_someone_who_may_not_validate_is_refused_by_the_rule(
    council, people, tmp_path
):
    """The import's rule (refuse, naming the council's column) is the service's rule, asked to
    refuse rather than keep a claim."""
    rows = [["Year", "Amount", "Type of entry", "Project code", "Recorded on"]]
    rows.append(["2024/25", "£10", "Achieved", "P-1", "31/03/2025"])
    path = _workbook(tmp_path / "s.xlsx", {"Ledger": rows})
    by = people["tmo_admin"]
    outcome = run_import(path, organisation=council["org"], dry_run=False, by=by)
    assert [p.column for p in outcome.problems] == ["Type of entry"]
    assert "put Claimed in this column" in outcome.problems[0].message
    assert not SavingsEntry.objects.exists()
