"""A case's workbook (XLSX, ODS) brought back into Realise wherever a case file is taken: the
web editor's "start from a file", a stored case's first version and its next, the API's upload
endpoints and ``realise case store``. The workbook's sheets are the ones the unit tests build by
hand (tests/unit/test_case_workbook_reader.py), saved with openpyxl; a refused workbook's
problems name the sheet, row and column wherever they are shown."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from realise.cases.models import Case, CaseDraft, CaseVersion
from realise.finance.appraisal.engine import run_appraisal
from realise.finance.casefile import CaseFileError
from realise.finance.casefile.format2 import parse_appraisal
from realise.imports.case_workbook import case_text_from_upload
from tests.unit.test_case_workbook_reader import case_system, reorganisation

pytestmark = pytest.mark.db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
REORGANISATION = parse_appraisal(
    (EXAMPLES / "northshire-reorganisation-options.yaml").read_text(encoding="utf-8")
)
DORSET_YAML = (EXAMPLES / "dorset-our-future-council.yaml").read_text(encoding="utf-8")


def xlsx_of(sheets: dict[str, list[list[Any]]]) -> bytes:
    """The sheets as an XLSX file, an empty string left as an empty cell."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for number, row in enumerate(rows, start=1):
            for column, value in enumerate(row, start=1):
                if value != "":
                    sheet.cell(number, column, value)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _broken() -> tuple[bytes, str]:
    """The reorganisation workbook with a word for an amount, and where that is said to be."""
    sheets = reorganisation()
    rows = sheets["Inputs"]
    row = next(n for n, r in enumerate(rows, 1) if r[:3] == ["a", "cost", "change"])
    rows[row - 1][8] = "lots"
    where = f'case.xlsx, sheet "Inputs", row {row}, column I (Amount (£)): expected an amount in pounds, found "lots"'  # noqa: E501
    return xlsx_of(sheets), where


def test_the_bytes_of_a_workbook_read_as_its_case(db):
    text = case_text_from_upload(xlsx_of(reorganisation()), "case.xlsx")
    assert parse_appraisal(text) == REORGANISATION
    read = parse_appraisal(case_text_from_upload(xlsx_of(case_system()), "obc.xlsx"))
    assert read.title == "Case system OBC"


def test_a_file_that_is_not_a_workbook_of_a_case_is_refused_plainly(db, tmp_path):
    with pytest.raises(CaseFileError) as damaged:
        case_text_from_upload(b"not a zip at all", "case.xlsx")
    assert "case.xlsx" in str(damaged.value)
    assert "Traceback" not in str(damaged.value)
    listed = xlsx_of({"Projects": [["Code", "Name"], ["A-1", "Care"]]})
    with pytest.raises(CaseFileError, match="is not a Realise business-case workbook"):
        case_text_from_upload(listed, "projects.xlsx")
    data, where = _broken()
    with pytest.raises(CaseFileError) as refused:
        case_text_from_upload(data, "case.xlsx")
    assert [str(p) for p in refused.value.problems] == [where]


def test_the_editor_starts_a_draft_from_a_workbook_and_names_a_bad_cell(client, world):
    client.force_login(world.users["admin"])
    upload = "/o/dorset/business-cases/write/upload/"
    data, where = _broken()
    bad = client.post(upload, {"file": SimpleUploadedFile("case.xlsx", data)})
    assert bad.status_code == 400
    shown = bad.content.decode()
    assert "govuk-error-summary" in shown
    assert where.replace('"', "&quot;").replace("'", "&#x27;") in shown
    assert CaseDraft.objects.count() == 0
    made = client.post(upload, {"file": SimpleUploadedFile("case.xlsx", xlsx_of(reorganisation()))})
    assert made.status_code == 302
    draft = CaseDraft.objects.get()
    assert draft.started_from == "the file case.xlsx"
    assert parse_appraisal(draft.document) == REORGANISATION
    page = client.get(made["Location"]).content.decode()
    for said in ("Reorganisation options", "Option A", "Option B"):
        assert said in page
    start = client.get("/o/dorset/business-cases/write/").content.decode()
    assert ".xlsx" in start
    assert 'accept=".yaml,.yml,.xlsx,.ods,text/yaml"' in start


def test_a_stored_case_takes_its_first_and_next_versions_from_workbooks(client, world):
    client.force_login(world.users["admin"])
    here = "/o/dorset/business-cases/"
    made = client.post(
        f"{here}new/",
        {
            "title": "Reorganisation",
            "project": world.project_a.pk,
            "file": SimpleUploadedFile("case.ods", DORSET_YAML.encode()),
            "note": "First",
        },
    )
    assert made.status_code == 400  # a YAML file named .ods is read as a workbook, and is not one
    assert "case.ods" in made.content.decode()
    made = client.post(
        f"{here}new/",
        {
            "title": "Reorganisation",
            "project": world.project_a.pk,
            "file": SimpleUploadedFile("case.xlsx", xlsx_of(reorganisation())),
            "note": "First",
        },
    )
    assert made.status_code == 302, made.content.decode()
    case = Case.objects.get()
    first = CaseVersion.objects.get(case=case)
    assert (first.format, first.source) == (2, "case.xlsx")
    assert parse_appraisal(first.document) == REORGANISATION
    sheets = reorganisation()
    rows = sheets["Inputs"]
    row = next(n for n, r in enumerate(rows, 1) if r[:3] == ["b", "cost", "change"])
    rows[row - 1][8] = 3500000.0
    done = client.post(
        f"{here}{case.pk}/versions/new/",
        {"file": SimpleUploadedFile("v2.xlsx", xlsx_of(sheets)), "note": "Costs", "latest": 1},
    )
    assert done.status_code == 302, done.content.decode()
    second = CaseVersion.objects.get(case=case, number=2)
    changed = parse_appraisal(second.document)
    assert changed.options[2].costs[0].profile.total == 3500000
    assert run_appraisal(changed) != run_appraisal(REORGANISATION)


def test_the_api_stores_a_case_and_a_version_from_uploaded_files(client, world):
    headers = world.headers("lead")
    base = "/api/orgs/dorset/cases"
    data, where = _broken()
    bad = client.post(
        f"{base}/upload",
        {
            "file": SimpleUploadedFile("case.xlsx", data),
            "title": "Reorg",
            "project_id": world.project_a.pk,
        },
        **headers,
    )
    assert bad.status_code == 422
    assert [(e["field"], e["message"]) for e in bad.json()["errors"]] == [("file", where)]
    made = client.post(
        f"{base}/upload",
        {
            "file": SimpleUploadedFile("case.xlsx", xlsx_of(reorganisation())),
            "title": "Reorg",
            "project_id": world.project_a.pk,
            "note": "From the workbook",
        },
        **headers,
    )
    assert made.status_code == 201, made.content
    case = made.json()
    assert (case["title"], case["versions"][0]["source"]) == ("Reorg", "case.xlsx")
    assert Case.objects.get().project == world.project_a
    other = client.post(
        f"{base}/upload",
        {
            "file": SimpleUploadedFile("b.xlsx", xlsx_of(reorganisation())),
            "title": "B",
            "project_id": world.project_b.pk,
        },
        **headers,
    )
    assert other.status_code == 403  # a lead stores cases of their own projects only
    yaml_text = (EXAMPLES / "northshire-case-system-obc.yaml").read_bytes()
    saved = client.post(
        f"{base}/{case['id']}/versions/upload",
        {"file": SimpleUploadedFile("obc.yaml", yaml_text), "note": "Now the OBC", "seen": 1},
        **headers,
    )
    assert saved.status_code == 201, saved.content
    assert (saved.json()["number"], saved.json()["source"]) == (2, "obc.yaml")
    version = CaseVersion.objects.get(number=2)
    assert version.document == yaml_text.decode()  # a YAML file is kept as written


def test_the_api_starts_an_editor_draft_from_a_workbook(client, world):
    headers = world.headers("lead")
    data, where = _broken()
    url = "/api/orgs/dorset/case-drafts/upload"
    bad = client.post(url, {"file": SimpleUploadedFile("case.xlsx", data)}, **headers)
    assert bad.status_code == 422
    assert [(e["field"], e["message"]) for e in bad.json()["errors"]] == [("file", where)]
    assert not CaseDraft.objects.exists()
    made = client.post(
        url, {"file": SimpleUploadedFile("case.xlsx", xlsx_of(reorganisation()))}, **headers
    )
    assert made.status_code == 201, made.content
    draft = made.json()
    assert draft["started_from"] == "the file case.xlsx"
    stored = CaseDraft.objects.get()
    expected = parse_appraisal(case_text_from_upload(xlsx_of(reorganisation()), "case.xlsx"))
    assert run_appraisal(parse_appraisal(stored.document)) == run_appraisal(expected)
    extra = client.post(
        url,
        {"file": SimpleUploadedFile("case.xlsx", xlsx_of(reorganisation())), "title": "x"},
        **headers,
    )
    assert extra.status_code == 422  # a field the endpoint does not take is named


def test_the_command_line_stores_a_case_from_its_workbook(world, tmp_path):
    from typer.testing import CliRunner

    from realise.cli import app

    runner = CliRunner()
    good, bad = tmp_path / "case.xlsx", tmp_path / "broken.xlsx"
    good.write_bytes(xlsx_of(reorganisation()))
    data, where = _broken()
    bad.write_bytes(data)
    org = ["-o", "dorset", "--as", "lead"]
    refused = runner.invoke(
        app, ["case", "store", str(bad), *org, "--title", "Reorg", "--project", "A-1"]
    )
    assert refused.exit_code == 1
    assert where.replace("case.xlsx", "broken.xlsx") in " ".join(refused.output.split())
    stored = runner.invoke(
        app, ["case", "store", str(good), *org, "--title", "Reorg", "--project", "A-1"]
    )
    assert stored.exit_code == 0, stored.output
    version = CaseVersion.objects.get()
    assert (version.source, parse_appraisal(version.document)) == ("case.xlsx", REORGANISATION)


def test_the_import_page_points_a_case_to_the_business_case_pages(client, world):
    """A case is not a list of rows: the import page says where a case's file or workbook goes,
    and a case workbook uploaded as a list is refused with the same pointer, nothing changed."""
    client.force_login(world.users["admin"])
    page = client.get("/o/dorset/import/").content.decode()
    assert "Business cases" in page
    for link in ("/o/dorset/business-cases/new/", "/o/dorset/business-cases/write/"):
        assert f'href="{link}"' in page
    refused = client.post(
        "/o/dorset/import/", {"file": SimpleUploadedFile("case.xlsx", xlsx_of(reorganisation()))}
    )
    assert refused.status_code == 422
    shown = refused.content.decode()
    assert "is the workbook of a business case, not a list" in shown
    assert "sheet &quot;Inputs&quot;, row 3" in shown
    assert Case.objects.count() == 0
