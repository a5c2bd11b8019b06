"""Bombs through the front doors: the import page, `realise import` and the business-case page
refuse a file that would unpack or expand past the limits, with a plain message, before reading it.
(The JSON API accepts no uploads: it only exports.)"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from typer.testing import CliRunner

from realise.benefits.models import SavingsTarget
from realise.cli import app
from tests.bombs import MB, laughs, ods_with_one_huge_cell, xlsx_with_one_huge_cell
from tests.integration.test_import_pages import user

pytestmark = pytest.mark.db
runner = CliRunner()
BUILD = {"xlsx": xlsx_with_one_huge_cell, "ods": ods_with_one_huge_cell}


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bombs")
    return {kind: build(folder / f"targets.{kind}", 300 * MB) for kind, build in BUILD.items()}


@pytest.fixture
def no_reader(monkeypatch):
    import python_calamine

    class Unreachable:
        @staticmethod
        def from_path(path):
            raise AssertionError(f"the spreadsheet reader was given {path}")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Unreachable)


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_the_import_page_refuses_a_workbook_bomb_in_plain_words(
    client, council, bombs, no_reader, kind
):
    client.force_login(user(council, "admin", "tmo_admin"))
    upload = SimpleUploadedFile(f"targets.{kind}", bombs[kind].read_bytes())
    response = client.post("/o/testshire/import/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 422
    assert "is too large to import: unpacked, its contents come to 301 MB" in html
    assert "save the rows in several smaller files and import each one" in html
    assert SavingsTarget.objects.count() == 0


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_the_import_command_refuses_a_workbook_bomb_in_plain_words(council, bombs, no_reader, kind):
    result = runner.invoke(
        app, ["import", str(bombs[kind]), "--organisation", "testshire", "--dry-run"]
    )
    assert result.exit_code == 1
    assert f"targets.{kind}: is too large to import: unpacked" in result.output
    assert "Traceback" not in result.output


def test_the_import_command_refuses_a_file_over_the_upload_limit(council, tmp_path, settings):
    settings.REALISE_IMPORT_UPLOAD_LIMIT = 1024
    big = tmp_path / "targets.csv"
    big.write_bytes(b"Year,Amount,Directorate\n" + b"2024/25,1,People\n" * 100)
    user(council, "fin@testshire.gov.uk", "finance")
    acting = ["--as", "fin@testshire.gov.uk"]
    result = runner.invoke(app, ["import", str(big), "--organisation", "testshire", *acting])
    assert result.exit_code == 1
    assert "targets.csv: is 2 KB, and a file to import must be smaller than 1 KB" in result.output
    assert SavingsTarget.objects.count() == 0


def test_the_business_case_page_refuses_an_alias_bomb_at_once(client, council):
    client.force_login(user(council, "board", "viewer"))
    bomb = SimpleUploadedFile("bomb.yaml", laughs(9).encode())
    response = client.post("/o/testshire/business-case/", {"file": bomb, "action": "show"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "the file is too large to be a business case" in html
    assert "at most 100,000" in html


def test_the_business_case_page_takes_its_limits_from_the_settings(client, council, settings):
    settings.REALISE_CASE_MAX_ALIASES = 3
    client.force_login(user(council, "board", "viewer"))
    text = b"a: &a 1\nb: [*a, *a, *a, *a]\n"
    response = client.post(
        "/o/testshire/business-case/",
        {"file": SimpleUploadedFile("few.yaml", text), "action": "show"},
    )
    assert response.status_code == 400
    assert "the file uses too many aliases (*a): a business case may use at most 3" in (
        response.content.decode()
    )
