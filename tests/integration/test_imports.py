"""Spreadsheet imports: located problems, all or nothing, no duplicates on re-import, and exports
that import back unchanged."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from typer.testing import CliRunner

from realise.accounts.models import Membership
from realise.benefits import services as benefits
from realise.benefits.models import SavingsEntry, SavingsTarget
from realise.funding import services as funding
from realise.imports.engine import run_import
from realise.imports.exports import export_file, export_rows, write_csv
from realise.imports.kinds import KINDS
from realise.imports.templates import template_xlsx
from realise.portfolio import services as portfolio
from realise.portfolio.models import Project
from realise.risks import services as risks

pytestmark = pytest.mark.db


def workbook(path, sheets):
    """Write ``{sheet name: [rows]}`` as an XLSX file."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


SAVINGS_HEAD = ["Year", "Achieved", "Service area", "Project code", "Recorded on"]


def savings_rows(count, start=2):
    return [["2024/25", f"£{1000 + i:,}.50", "People", "P-1", "31/03/2025"] for i in range(count)]


def test_a_bad_cell_is_named_by_file_sheet_row_and_column(council, tmp_path):
    rows = [SAVINGS_HEAD, *savings_rows(15)]
    rows.append(["2024/25", "£1,2O0", "People", "P-1", "31/03/2025"])  # row 17
    path = workbook(tmp_path / "savings.xlsx", {"2024-25": rows})
    outcome = run_import(path, organisation=council["org"], dry_run=False)
    assert [str(p) for p in outcome.problems] == [
        'savings.xlsx, sheet "2024-25", row 17, column "Achieved": "£1,2O0" is not an amount: '
        "write it like £1,234.50"
    ]
    assert not outcome.applied
    assert SavingsEntry.objects.count() == 0


def test_an_import_with_any_error_changes_nothing(council, tmp_path):
    projects = [["Code", "Name", "Directorate"], ["N-1", "New one", "People"]]
    bad_target = [["Year", "Amount", "Project code"], ["2024/25", "£10", "P-404"]]
    path = workbook(tmp_path / "mixed.xlsx", {"Projects": projects, "Targets": bad_target})
    outcome = run_import(path, organisation=council["org"], dry_run=False)
    assert outcome.problem_count == 1
    assert 'column "Project code": "P-404" is not a project code' in str(outcome.problems[0])
    assert not Project.objects.filter(code="N-1").exists()
    assert SavingsTarget.objects.count() == 0


def test_a_dry_run_reports_creates_and_updates_and_changes_nothing(council, tmp_path):
    rows = [["Code", "Name"], ["P-1", "Care review renamed"], ["N-2", "Brand new"]]
    path = workbook(tmp_path / "p.xlsx", {"Projects": rows})
    outcome = run_import(path, organisation=council["org"], dry_run=True)
    assert outcome.ok
    assert [(c.action, c.row) for c in outcome.changes] == [("update", 2), ("create", 3)]
    assert Project.objects.get(code="P-1").name == "Care review"
    assert not Project.objects.filter(code="N-2").exists()


def test_reimporting_the_same_file_creates_no_duplicates(council, tmp_path):
    rows = [SAVINGS_HEAD, *savings_rows(3)]
    targets = [["FY", "Budget", "Directorate"], ["FY24/25", "£1.2m", "People"]]
    path = workbook(tmp_path / "s.xlsx", {"Savings": rows, "Targets": targets})
    first = run_import(path, organisation=council["org"], dry_run=False)
    assert (len(first.created), first.ok) == (4, True)
    second = run_import(path, organisation=council["org"], dry_run=False)
    assert (len(second.changes), second.unchanged) == (0, 4)
    assert SavingsEntry.objects.count() == 3
    assert SavingsTarget.objects.get().amount == Decimal("1200000.00")


def test_a_changed_target_amount_is_an_update_not_a_second_target(council, tmp_path):
    head = ["Year", "Amount", "Directorate"]
    run_import(
        workbook(tmp_path / "a.xlsx", {"T": [head, ["2024/25", 100, "Place"]]}),
        organisation=council["org"],
        dry_run=False,
    )
    again = run_import(
        workbook(tmp_path / "b.xlsx", {"T": [head, ["2024/25", "(0)", "Place"]]}),
        organisation=council["org"],
        dry_run=False,
    )
    assert [c.action for c in again.changes] == ["update"]
    assert SavingsTarget.objects.get().amount == Decimal("0.00")


def test_two_identical_ledger_rows_need_references_to_tell_them_apart(council, tmp_path):
    rows = [SAVINGS_HEAD, *savings_rows(1), *savings_rows(1)]
    outcome = run_import(workbook(tmp_path / "d.xlsx", {"S": rows}), organisation=council["org"])
    assert [str(p) for p in outcome.problems] == [
        'd.xlsx, sheet "S", row 3: repeats row 2: the same ledger entry appears twice '
        "(give each a different Reference)"
    ]


def test_a_reference_already_imported_with_other_figures_is_refused(council, tmp_path):
    head = ["Reference", *SAVINGS_HEAD]
    first = [head, ["S-1", "2024/25", 500, "People", "P-1", "31/03/2025"]]
    run_import(
        workbook(tmp_path / "1.xlsx", {"S": first}), organisation=council["org"], dry_run=False
    )
    changed = [head, ["S-1", "2024/25", 600, "People", "P-1", "31/03/2025"]]
    outcome = run_import(workbook(tmp_path / "2.xlsx", {"S": changed}), organisation=council["org"])
    assert outcome.problem_count == 1
    assert 'column "Reference": This reference is already in the savings ledger' in str(
        outcome.problems[0]
    )
    assert SavingsEntry.objects.get().amount == Decimal("500.00")


def test_a_missing_required_column_is_named_with_its_synonyms(council, tmp_path):
    path = workbook(tmp_path / "m.xlsx", {"Risks": [["Title", "Impact", "Owner"], ["X", 3, "Al"]]})
    outcome = run_import(path, organisation=council["org"])
    assert str(outcome.problems[0]).startswith(
        'm.xlsx, sheet "Risks", row 1: has no "Likelihood" column (or probability, l)'
    )


def test_model_rules_reach_the_row_and_column(council, tmp_path):
    fund = funding.fund_create(organisation=council["org"], name="Pot", kind="other", pot=100)
    rows = [["Fund", "Title", "Amount", "Status", "Decided on"], [fund.name, "Big", 160, "", ""]]
    outcome = run_import(workbook(tmp_path / "c.xlsx", {"Bids": rows}), organisation=council["org"])
    assert [str(p) for p in outcome.problems] == [
        'c.xlsx, sheet "Bids", row 2, column "Amount": £160 is more than the £100 left in Pot'
    ]


def test_csv_in_windows_1252_is_read_with_a_notice_and_bad_bytes_are_refused(council, tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes("Year,Amount,Directorate\n2024/25,£1.2m,Place\n".encode("cp1252"))
    outcome = run_import(path, organisation=council["org"])
    assert outcome.ok
    assert outcome.changes[0].description == "2024/25 Place: £1,200,000.00"
    assert "read it as Windows-1252" in outcome.notices[0]
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"Year,Amount\n\x81\x8d,\x90\n")
    outcome = run_import(broken, organisation=council["org"])
    assert str(outcome.problems[0]).startswith("broken.csv: is neither UTF-8 nor Windows-1252")


def test_a_file_that_is_not_a_spreadsheet_is_refused_plainly(council, tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("hello")
    outcome = run_import(path, organisation=council["org"])
    assert [str(p) for p in outcome.problems] == [
        "fake.xlsx: is not an Excel workbook Realise can read: save it again as .xlsx"
    ]


def populate(council):
    org = council["org"]
    benefits.savings_target_set(
        organisation=org, year="2024/25", amount="1000.50", project=council["care"]
    )
    entry = benefits.saving_record(
        organisation=org,
        year="2024/25",
        amount=400,
        project=council["care"],
        recorded_on=date(2025, 3, 31),
    )
    benefits.saving_reverse(entry=entry, reason="Counted twice", recorded_on=date(2025, 4, 2))
    benefits.measure_create(
        organisation=org, name="Calls answered", unit="%", baseline="62", target=80
    )
    fund = funding.fund_create(organisation=org, name="Invest", kind="invest_to_save", pot=5000)
    bid = funding.bid_submit(fund=fund, title="Portal", amount=1200, project=council["roads"])
    funding.bid_decide(bid=bid, approve=True, decided_on=date(2024, 6, 1))
    funding.grant_record(
        organisation=org, funder="DfE", amount="250000", awarded_on=date(2024, 5, 1)
    )
    risks.risk_create(
        organisation=org, title="Capacity", likelihood=3, impact=4, project=council["care"]
    )
    board = portfolio.board_create(organisation=org, name="Cabinet")
    portfolio.decision_record(
        organisation=org,
        board=board,
        decided_on=date(2024, 7, 1),
        kind="approve_business_case",
        text="Approved",
        projects=[council["care"]],
    )


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_export_imports_back_unchanged(council, tmp_path, kind, fmt):
    populate(council)
    headings, rows = export_rows(kind, council["org"])
    assert headings == [c.heading for c in KINDS[kind].columns]
    assert rows, f"no {kind} to export"
    path = tmp_path / f"{kind}.{fmt}"
    path.write_bytes(export_file(kind, council["org"], fmt))
    outcome = run_import(path, organisation=council["org"], dry_run=False)
    assert outcome.problems == []
    assert (outcome.changes, outcome.unchanged) == ([], len(rows))


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_two_identical_entries_recorded_on_the_web_export_and_import_back(council, tmp_path, fmt):
    """Two people may record the same claim on the same day: both are real ledger entries. The
    export gives each a reference of Realise's own, so the file imports back unchanged instead of
    being refused as one row repeating another."""
    for _ in range(2):
        benefits.saving_record(
            organisation=council["org"],
            year="2022/23",
            amount="12500",
            status="claimed",
            project=council["care"],
            recorded_on=date(2023, 3, 31),
        )
    headings, rows = export_rows("savings", council["org"])
    references = [row[headings.index("Reference")] for row in rows]
    assert len(set(references)) == 2
    assert all(references)
    path = tmp_path / f"ledger.{fmt}"
    path.write_bytes(export_file("savings", council["org"], fmt))
    outcome = run_import(path, organisation=council["org"], dry_run=False)
    assert outcome.problems == []
    assert (outcome.changes, outcome.unchanged) == ([], 2)
    assert SavingsEntry.objects.filter(organisation=council["org"]).count() == 2


def test_csv_export_has_a_byte_order_mark_for_excel():
    assert write_csv(["Amount"], [[Decimal("1.50")]]).startswith(b"\xef\xbb\xbfAmount\r\n1.50")


def test_a_template_has_drop_downs_on_a_hidden_lists_sheet_and_its_example_imports(
    council, tmp_path
):
    path = tmp_path / "t.xlsx"
    path.write_bytes(template_xlsx(KINDS["targets"], council["org"]))
    book = openpyxl.load_workbook(path)
    assert book["Lists"].sheet_state == "hidden"
    sheet = book["Savings targets"]
    sources = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert "Lists!$D$1:$D$2" in sources  # the directorates, People and Place
    assert [book["Lists"].cell(row=r, column=4).value for r in (1, 2)] == ["People", "Place"]
    outcome = run_import(path, organisation=council["org"], dry_run=False)
    assert (outcome.ok, len(outcome.created)) == (True, 1)


def test_the_cli_imports_with_a_dry_run_and_exits_1_on_problems(council, tmp_path):
    from realise.cli import app

    good = workbook(tmp_path / "g.xlsx", {"S": [SAVINGS_HEAD, *savings_rows(2)]})
    runner = CliRunner()
    result = runner.invoke(app, ["import", str(good), "--organisation", "testshire", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Dry run, nothing changed: 2 to create" in result.output
    assert SavingsEntry.objects.count() == 0
    finance = get_user_model().objects.create_user(username="fin@testshire.gov.uk")
    Membership.objects.create(organisation=council["org"], user=finance, role="finance")
    acting = ["--as", "fin@testshire.gov.uk"]
    result = runner.invoke(app, ["import", str(good), "--organisation", "testshire", *acting])
    assert (result.exit_code, SavingsEntry.objects.count()) == (0, 2)
    bad = workbook(
        tmp_path / "b.xlsx", {"S": [SAVINGS_HEAD, ["2024/25", "lots", "People", "P-1", ""]]}
    )
    result = runner.invoke(app, ["import", str(bad), "--organisation", "testshire", *acting])
    assert result.exit_code == 1
    assert 'b.xlsx, sheet "S", row 2, column "Achieved": "lots" is not an amount' in result.output
    assert "Nothing was imported: 2 problem(s) to correct." in result.output
    assert "to create" not in result.output  # nothing is, while a problem remains


def test_a_finished_project_or_decided_bid_needs_its_date_not_today(council, tmp_path):
    funding.fund_create(organisation=council["org"], name="Pot", kind="other", pot=100)
    projects = [["Code", "Name", "Status"], ["N-9", "Done", "Complete"]]
    bids = [["Fund", "Title", "Amount", "Status"], ["Pot", "Ask", 10, "Approved"]]
    path = workbook(tmp_path / "dates.xlsx", {"Projects": projects, "Bids": bids})
    outcome = run_import(path, organisation=council["org"], dry_run=False)
    assert [str(p) for p in outcome.problems] == [
        'dates.xlsx, sheet "Projects", row 2, column "Actual end": A complete or stopped project '
        "needs its actual end date",
        'dates.xlsx, sheet "Bids", row 2, column "Decided on": Give the date the bid was decided',
    ]
    assert not Project.objects.filter(code="N-9").exists()


def test_bulk_ledger_services_validate_like_saving_record_and_refuse_a_known_key(council):
    org = council["org"]
    with pytest.raises(ValidationError) as caught:
        benefits.saving_build(
            organisation=org, year="2024/25", amount=-5, recorded_on=date(2025, 1, 1)
        )
    assert "more than £0" in str(caught.value.message_dict["amount"])
    first = benefits.saving_build(
        organisation=org, year="2024/25", amount=5, recorded_on=date(2025, 1, 1), import_key="ref:a"
    )
    benefits.savings_insert(entries=[first])
    again = benefits.saving_build(
        organisation=org, year="2024/25", amount=5, recorded_on=date(2025, 1, 1), import_key="ref:a"
    )
    with pytest.raises(ValidationError, match="already in the savings ledger"):
        benefits.savings_insert(entries=[again])
    assert SavingsEntry.objects.count() == 1


def test_a_reference_on_two_sheets_is_one_entry_unless_the_figures_differ(council, tmp_path):
    head = ["Reference", *SAVINGS_HEAD]
    row = ["S-1", "2024/25", 500, "People", "P-1", "31/03/2025"]
    same = workbook(tmp_path / "same.xlsx", {"Q1": [head, row], "Q2": [head, row]})
    outcome = run_import(same, organisation=council["org"], dry_run=False)
    assert (len(outcome.created), outcome.unchanged, outcome.problems) == (1, 1, [])
    changed = ["S-2", "2024/25", 7, "People", "P-1", "31/03/2025"]
    both = workbook(tmp_path / "c.xlsx", {"Q1": [head, ["S-2", *row[1:]]], "Q2": [head, changed]})
    outcome = run_import(both, organisation=council["org"], dry_run=False)
    assert [str(p) for p in outcome.problems] == [
        'c.xlsx, sheet "Q2", row 2, column "Reference": This reference is already in the savings '
        "ledger with other figures: the ledger only grows, so record a correction under a new "
        "reference"
    ]
    assert SavingsEntry.objects.count() == 1


def test_a_ledger_in_many_batches_is_all_or_nothing(council, tmp_path, monkeypatch):
    from realise.imports import engine

    monkeypatch.setattr(engine, "BULK", 4)
    rows = [SAVINGS_HEAD, *savings_rows(10)]
    good = workbook(tmp_path / "good.xlsx", {"S": rows})
    assert run_import(good, organisation=council["org"], dry_run=True).ok
    assert SavingsEntry.objects.count() == 0  # the dry run wrote its batches and undid them
    outcome = run_import(good, organisation=council["org"], dry_run=False)
    assert (len(outcome.created), SavingsEntry.objects.count()) == (10, 10)
    bad = workbook(
        tmp_path / "bad.xlsx",
        {"S": [SAVINGS_HEAD, *savings_rows(20)[10:], ["2024/25", "£5", "Place", "P-1", ""]]},
    )
    outcome = run_import(bad, organisation=council["org"], dry_run=False)
    assert [str(p) for p in outcome.problems] == [
        'bad.xlsx, sheet "S", row 12, column "Recorded on": is empty: fill it in'
    ]
    assert SavingsEntry.objects.count() == 10  # the first batches of the bad file were undone
    again = run_import(good, organisation=council["org"], dry_run=False)
    assert (again.changes, again.unchanged) == ([], 10)


def test_a_tmo_admin_without_finance_is_told_how_to_import_achieved_savings(council, tmp_path):
    """Only finance validates (ADR 0005): an achieved row, or one whose Status is left empty
    (which means Achieved), is refused for a TMO admin with what to do instead."""
    from django.contrib.auth import get_user_model

    from realise.accounts.models import Membership

    admin = get_user_model().objects.create_user("admin-only", password="x")
    Membership.objects.create(organisation=council["org"], user=admin, role="tmo_admin")
    head = ["Reference", "Year", "Amount", "Type of entry", "Service area", "Recorded on"]
    rows = [
        head,
        ["S-1", "2024/25", "£100", "Achieved", "People", "31/03/2025"],
        ["S-2", "2024/25", "£100", None, "People", "31/03/2025"],
        ["S-3", "2024/25", "£100", "Claimed", "People", "31/03/2025"],
    ]
    path = workbook(tmp_path / "savings.xlsx", {"Ledger": rows})
    outcome = run_import(path, organisation=council["org"], by=admin)
    problems = [str(p) for p in outcome.problems]
    assert len(problems) == 2
    assert problems[0].startswith('savings.xlsx, sheet "Ledger", row 2, column "Type of entry": ')
    assert "put Claimed in this column" in problems[0]
    assert "someone with the finance role" in problems[0]
    assert problems[1].startswith('savings.xlsx, sheet "Ledger", row 3, column "Type of entry": ')
    assert "An empty status means Achieved" in problems[1]
    # The template says so before anyone fills it in.
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(KINDS["savings"], council["org"])))
    status = next(c for c in book.worksheets[0][1] if c.value == "Status")
    assert "finance role" in status.comment.text
    assert "Claimed" in status.comment.text


def test_an_imported_decision_may_part_fund_and_a_rejection_needs_its_reason(council, tmp_path):
    from realise.funding.models import Bid

    funding.fund_create(organisation=council["org"], name="Pot", kind="other", pot=1000)
    heading = ["Fund", "Title", "Amount", "Status", "Decided on", "Awarded", "Reason"]
    rejected = ["Pot", "No", 50, "Rejected", "31/03/2023", "", ""]
    outcome = run_import(
        workbook(tmp_path / "r.xlsx", {"Bids": [heading, rejected]}), organisation=council["org"]
    )
    assert [str(p) for p in outcome.problems] == [
        'r.xlsx, sheet "Bids", row 2, column "Reason": Say why the bid is rejected'
    ]
    part = ["Pot", "Half", 800, "Approved", "31/03/2023", 400, "Phase 1 only"]
    outcome = run_import(
        workbook(tmp_path / "p.xlsx", {"Bids": [heading, part]}),
        organisation=council["org"],
        dry_run=False,
    )
    assert outcome.ok, [str(p) for p in outcome.problems]
    bid = Bid.objects.get(title="Half")
    assert (bid.amount, bid.awarded, bid.reason) == (
        Decimal("800.00"),
        Decimal("400.00"),
        "Phase 1 only",
    )
