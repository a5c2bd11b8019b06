"""The import pages: upload -> preview -> confirm, for TMO admins only; exports for viewers."""

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from realise.accounts.models import Membership
from realise.benefits.models import SavingsTarget
from realise.portfolio.models import Project

pytestmark = pytest.mark.db


def user(council, name, role):
    person = get_user_model().objects.create_user(name, password="x")
    Membership.objects.create(organisation=council["org"], user=person, role=role)
    return person


def xlsx(rows, name="targets.xlsx"):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


@pytest.fixture
def admin_client(client, council):
    client.force_login(user(council, "admin", "tmo_admin"))
    return client


def test_upload_previews_then_confirm_imports(admin_client, council):
    rows = [["Year", "Amount", "Directorate"], ["2024/25", "£1,000", "People"]]
    page = admin_client.post("/o/testshire/import/", {"file": xlsx(rows)})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Check what will change" in html
    assert "2024/25 People: £1,000.00" in html
    assert SavingsTarget.objects.count() == 0
    done = admin_client.post("/o/testshire/import/confirm/")
    assert done.status_code == 200
    assert "Imported" in done.content.decode()
    assert SavingsTarget.objects.count() == 1


def test_problems_are_listed_in_an_error_summary_and_nothing_changes(admin_client, council):
    rows = [["Code", "Name", "Directorate"], ["N-1", "New", "People"], ["N-2", "Bad", "Nowhere"]]
    page = admin_client.post("/o/testshire/import/", {"file": xlsx(rows, "projects.xlsx")})
    assert page.status_code == 422
    html = page.content.decode()
    assert "govuk-error-summary" in html
    assert "projects.xlsx, sheet &quot;Sheet&quot;, row 3, column &quot;Directorate&quot;" in html
    assert "Import 1 change" not in html
    assert not Project.objects.filter(code="N-1").exists()


def test_upload_without_a_file_says_what_to_do(admin_client):
    page = admin_client.post("/o/testshire/import/", {})
    assert page.status_code == 422
    assert "Select a spreadsheet to import" in page.content.decode()


def test_a_viewer_may_export_but_not_import(client, council):
    client.force_login(user(council, "viewer", "viewer"))
    assert client.get("/o/testshire/import/").status_code == 403
    response = client.get("/o/testshire/export/projects.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "P-1,Care review,People" in response.content.decode("utf-8-sig")
    template = client.get("/o/testshire/import/template/risks.xlsx")
    assert template.status_code == 200
    assert openpyxl.load_workbook(io.BytesIO(template.content)).sheetnames == ["Risks", "Lists"]


def test_the_export_page_links_every_list_in_three_formats(client, council):
    client.force_login(user(council, "viewer2", "viewer"))
    html = client.get("/o/testshire/export/").content.decode()
    for kind in (
        "projects",
        "targets",
        "savings",
        "bids",
        "grants",
        "risks",
        "measures",
        "decisions",
    ):
        for fmt in ("xlsx", "ods", "csv"):
            assert f'href="/o/testshire/export/{kind}.{fmt}"' in html
    assert "Import a spreadsheet" not in html  # a viewer cannot import


def test_signed_out_visitors_are_sent_to_sign_in_and_strangers_refused(client, council):
    assert client.get("/o/testshire/export/projects.xlsx").status_code == 302
    other = get_user_model().objects.create_user("stranger", password="x")
    client.force_login(other)
    assert client.get("/o/testshire/export/projects.xlsx").status_code == 403
    assert client.get("/o/nowhere/export/projects.xlsx").status_code == 404
