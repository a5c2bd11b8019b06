"""Import robustness (issue 16, point 5), on the Testshire fixture council and a new one: every
problem of a row in one pass, references kept as written, a template's example row that imports,
a £0 target, and names that differ only in letter case or punctuation."""

from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from realise.accounts.models import Membership
from realise.benefits import services as benefits
from realise.benefits.models import SavingsEntry, SavingsTarget
from realise.imports.engine import run_import
from realise.imports.exports import export_file, export_rows
from realise.imports.kinds import KINDS
from realise.imports.templates import template_xlsx
from realise.portfolio import services as portfolio
from realise.portfolio.models import Board, Directorate, Programme, Project

pytestmark = pytest.mark.db


def workbook(path, sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def problems(outcome):
    return [str(p) for p in outcome.problems]


def test_every_problem_of_a_row_comes_in_one_pass(council, tmp_path):
    """An unknown project code does not hide a negative amount, a year outside the plan does not
    hide a target below £0, and an achieved saving from someone who may not validate it does not
    hide its amount: each is reported on its own column, together."""
    admin = get_user_model().objects.create_user("admin@testshire.gov.uk")
    Membership.objects.create(organisation=council["org"], user=admin, role="tmo_admin")
    ledger = [
        ["Reference", "Year", "Amount", "Status", "Project code", "Recorded on"],
        ["L-1", "2024/25", "-300", "Claimed", "P-404", "31/03/2025"],
        ["L-2", "2024/25", "-50", "Achieved", "P-1", "31/03/2025"],
    ]
    targets = [
        ["Year", "Amount", "Directorate"],
        ["2024/25", "(100)", "Nowhere"],
        ["2031/32", "(100)", "Place"],
    ]
    path = workbook(tmp_path / "two.xlsx", {"Ledger": ledger, "Targets": targets})
    outcome = run_import(path, organisation=council["org"], by=admin)
    found = problems(outcome)
    where = 'two.xlsx, sheet "{}", row {}, column "{}": '
    expected = [
        (where.format("Targets", 2, "Directorate"), '"Nowhere" is not a directorate'),
        (where.format("Targets", 2, "Amount"), "A savings target cannot be less than £0"),
        (where.format("Targets", 3, "Year"), "Financial year 2031/32 is outside"),
        (where.format("Targets", 3, "Amount"), "A savings target cannot be less than £0"),
        (where.format("Ledger", 2, "Project code"), '"P-404" is not a project code'),
        (where.format("Ledger", 2, "Amount"), "An amount saved must be more than £0"),
        (where.format("Ledger", 3, "Status"), "Achieved: only someone with the finance role"),
        (where.format("Ledger", 3, "Amount"), "An amount saved must be more than £0"),
    ]
    assert len(found) == len(expected), found
    for (place, start), problem in zip(expected, found, strict=True):
        assert problem.startswith(place + start), problem
    assert (outcome.changes, SavingsEntry.objects.count(), SavingsTarget.objects.count()) == (
        [],
        0,
        0,
    )


def test_a_row_that_could_not_be_read_whole_makes_no_change_and_misleads_no_other_row(
    council, tmp_path
):
    """A project row with a bad date still makes the project for the rest of the check, so a
    saving that names it is not refused for an unknown code; nothing is kept."""
    projects = [["Code", "Name", "Planned start"], ["N-1", "New one", "31/02/2025"]]
    ledger = [
        ["Reference", "Year", "Amount", "Status", "Project code", "Recorded on"],
        ["L-1", "2024/25", "100", "Claimed", "N-1", "31/03/2025"],
    ]
    path = workbook(tmp_path / "p.xlsx", {"Projects": projects, "Ledger": ledger})
    outcome = run_import(path, organisation=council["org"], dry_run=False)
    assert problems(outcome) == [
        'p.xlsx, sheet "Projects", row 2, column "Planned start": "31/02/2025" is not a date: '
        "write it like 31/03/2025"
    ]
    assert not Project.objects.filter(code="N-1").exists()


def test_ledger_references_are_kept_exactly_as_written(council, tmp_path):
    """BH22-FCL-B stays BH22-FCL-B (not "bh22 fcl b"), and 2024/25-001 and 2024-25-001 are two
    references: each is its own entry, exported as written and imported back unchanged."""
    head = ["Reference", "Year", "Amount", "Status", "Project code", "Recorded on"]
    written = ["BH22-FCL-B", "2024/25-001", "2024-25-001", "bh22-fcl-b"]
    rows = [[ref, "2024/25", 250, "Claimed", "P-1", "31/03/2025"] for ref in written]
    path = workbook(tmp_path / "refs.xlsx", {"Ledger": [head, *rows]})
    outcome = run_import(path, organisation=council["org"], dry_run=False)
    assert (problems(outcome), len(outcome.created)) == ([], 4)
    headings, exported = export_rows("savings", council["org"])
    assert sorted(row[headings.index("Reference")] for row in exported) == sorted(written)
    again = tmp_path / "again.csv"
    again.write_bytes(export_file("savings", council["org"], "csv"))
    outcome = run_import(again, organisation=council["org"], dry_run=False)
    assert (problems(outcome), outcome.changes, outcome.unchanged) == ([], [], 4)
    changed = [["2024-25-001", "2024/25", 999, "Claimed", "P-1", "31/03/2025"]]
    outcome = run_import(workbook(tmp_path / "c.xlsx", {"L": [head, *changed]}), **_org(council))
    assert (
        "This reference is already in the savings ledger with other figures"
        in (problems(outcome)[0])
    )


def test_a_reference_imported_before_references_were_kept_as_written_is_still_found(
    council, tmp_path
):
    """Entries imported when references were kept in lower case with their punctuation made
    spaces are not imported a second time when the same file comes again."""
    benefits.saving_record(
        organisation=council["org"],
        year="2024/25",
        amount=250,
        status="claimed",
        project=council["care"],
        recorded_on=date(2025, 3, 31),
        import_key="ref:bh22 fcl b",
    )
    head = ["Reference", "Year", "Amount", "Status", "Project code", "Recorded on"]
    row = ["BH22-FCL-B", "2024/25", 250, "Claimed", "P-1", "31/03/2025"]
    outcome = run_import(workbook(tmp_path / "old.xlsx", {"L": [head, row]}), **_org(council))
    assert (problems(outcome), outcome.changes, outcome.unchanged) == ([], [], 1)


def _org(council):
    return {"organisation": council["org"], "dry_run": False}


def test_each_template_example_row_imports_into_a_new_council(db, tmp_path):
    """A council whose plan years start after 2025/26, with a project and no programme: the
    targets, ledger and risks templates' example rows import, and the risks template says a risk
    needs a programme or a project."""
    org = portfolio.organisation_create(
        slug="northmoor", name="Northmoor Council", first_year="2026/27", last_year="2030/31"
    )
    place = portfolio.directorate_create(organisation=org, name="Place")
    portfolio.project_create(organisation=org, code="NM-1", name="Depots", directorate=place)
    for kind in ("targets", "savings", "risks"):
        path = tmp_path / f"{kind}.xlsx"
        path.write_bytes(template_xlsx(KINDS[kind], org))
        outcome = run_import(path, organisation=org, dry_run=False)
        assert (problems(outcome), len(outcome.created)) == ([], 1), kind
    notes = {
        cell.value: cell.comment.text
        for cell in openpyxl.load_workbook(tmp_path / "risks.xlsx")["Risks"][1]
    }
    assert "Needed when the risk has no project code" in notes["Programme"]
    assert "Leave empty for a programme's risk" in notes["Project code"]


def test_a_zero_target_is_allowed_and_below_zero_is_refused_in_plain_words(council, tmp_path):
    """£0 budgets nothing (how a budget set by mistake is taken back); less than £0 is refused by
    the service, which the import reports on the Amount column."""
    head = ["Year", "Amount", "Directorate"]
    zero = workbook(tmp_path / "z.xlsx", {"T": [head, ["2024/25", "£0", "Place"]]})
    outcome = run_import(zero, **_org(council))
    assert (problems(outcome), SavingsTarget.objects.get().amount) == ([], Decimal("0.00"))
    with pytest.raises(ValidationError, match="cannot be less than £0") as refused:
        benefits.savings_target_set(organisation=council["org"], year="2025/26", amount="-1")
    assert list(refused.value.message_dict) == ["amount"]


def test_names_differing_only_in_letter_case_are_one_name_and_punctuation_tells_names_apart(
    council, tmp_path
):
    """A directorate named in any letter case is the council's one directorate of that name (a
    second in other case is refused by the service, and the import makes none); two boards named
    in one file in different case are one board; "Adults & Health" and "Adults Health" are two
    directorates, each found as written."""
    org = council["org"]
    with pytest.raises(ValidationError, match="differs only in letter case"):
        portfolio.directorate_create(organisation=org, name="PEOPLE")
    amp = portfolio.directorate_create(organisation=org, name="Adults & Health")
    plain = portfolio.directorate_create(organisation=org, name="Adults Health")
    targets = [
        ["Year", "Amount", "Directorate"],
        ["2024/25", 10, "PEOPLE"],
        ["2024/25", 20, "Adults & Health"],
        ["2024/25", 30, "adults health"],
    ]
    decisions = [
        ["Board", "Date", "Kind", "Decision"],
        ["Cabinet", "01/07/2024", "Approve business case", "Yes"],
        ["CABINET", "02/07/2024", "Approve business case", "Yes again"],
    ]
    path = workbook(tmp_path / "n.xlsx", {"Targets": targets, "Decisions": decisions})
    outcome = run_import(path, organisation=org, dry_run=False)
    assert problems(outcome) == []
    by_directorate = dict(SavingsTarget.objects.values_list("directorate__name", "amount"))
    assert by_directorate == {"People": 10, amp.name: 20, plain.name: 30}
    assert Directorate.objects.filter(organisation=org).count() == 4
    assert list(Board.objects.filter(organisation=org).values_list("name", flat=True)) == [
        "Cabinet"
    ]


def test_a_name_two_items_answer_to_is_refused_on_its_cell(council, tmp_path):
    """Programmes kept from before names were compared in any case may differ only in case: a
    row that could mean either is refused, naming both; written exactly, it finds its own."""
    Programme.objects.create(organisation=council["org"], name="better services")
    head = ["Title", "Programme", "Likelihood", "Impact"]
    rows = [head, ["Staffing", "BETTER SERVICES", 3, 3], ["Budget", "better services", 2, 2]]
    outcome = run_import(workbook(tmp_path / "r.xlsx", {"Risks": rows}), **_org(council))
    assert problems(outcome) == [
        'r.xlsx, sheet "Risks", row 2, column "Programme": "BETTER SERVICES" could be '
        '"Better Services" or "better services" of Testshire Council: write it exactly as '
        "Realise has it"
    ]
