"""The import pages: upload -> preview -> confirm, for TMO admins only; exports for viewers."""

import io
import os
import shutil
import time

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
    assert client.get("/o/testshire/export/projects.xlsx").status_code == 404
    assert client.get("/o/nowhere/export/projects.xlsx").status_code == 404


def test_previews_never_confirmed_are_removed_a_day_after_upload(
    admin_client, council, tmp_path, monkeypatch
):
    from realise.imports import views

    monkeypatch.setattr(views, "_uploads", lambda: tmp_path)
    stale, recent = tmp_path / "stale", tmp_path / "recent"
    for folder in (stale, recent):
        folder.mkdir()
        (folder / "upload.xlsx").write_bytes(b"left over")
    day_and_a_minute = views.PREVIEW_LIFETIME.total_seconds() + 60
    old = time.time() - day_and_a_minute
    os.utime(stale, (old, old))
    recent_time = time.time() - day_and_a_minute + 120  # a minute short of a day
    os.utime(recent, (recent_time, recent_time))
    rows = [["Year", "Amount", "Directorate"], ["2024/25", "£1,000", "People"]]
    assert admin_client.post("/o/testshire/import/", {"file": xlsx(rows)}).status_code == 200
    left = sorted(p.name for p in tmp_path.iterdir())
    assert "stale" not in left
    assert "recent" in left
    assert len(left) == 2  # the recent one and the new upload, which confirms as usual
    assert admin_client.post("/o/testshire/import/confirm/").status_code == 200
    assert SavingsTarget.objects.count() == 1


def test_confirming_an_expired_preview_goes_back_to_the_upload_page(admin_client, council):
    from realise.imports import views

    rows = [["Year", "Amount", "Directorate"], ["2024/25", "£1,000", "People"]]
    admin_client.post("/o/testshire/import/", {"file": xlsx(rows)})
    token = admin_client.session[views.SESSION_KEY]["token"]
    shutil.rmtree(views._uploads() / token)  # as _expire_previews would a day later
    response = admin_client.post("/o/testshire/import/confirm/")
    assert (response.status_code, response["Location"]) == (302, "/o/testshire/import/")
    assert SavingsTarget.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(admin_client, settings):
    settings.REALISE_IMPORT_UPLOAD_LIMIT = 1024
    big = SimpleUploadedFile("targets.csv", b"Year,Amount\n" + b"2024/25,1\n" * 200)
    page = admin_client.post("/o/testshire/import/", {"file": big})
    html = page.content.decode()
    assert page.status_code == 422
    assert "The selected file must be smaller than 1 KB" in html
    assert 'href="#file"' in html
    assert "realise_import" not in admin_client.session


def test_a_wrong_choice_of_kind_links_to_the_kind_list(admin_client):
    rows = [["Year", "Amount"], ["2024/25", "1"]]
    page = admin_client.post("/o/testshire/import/", {"file": xlsx(rows), "kind": "nonsense"})
    html = page.content.decode()
    assert page.status_code == 422
    assert '<a href="#kind">Choose what the file holds from the list</a>' in html


def test_a_preview_with_problems_does_not_promise_what_it_will_create(admin_client, council):
    rows = [["Code", "Name", "Directorate"], ["N-1", "New", "People"], ["N-2", "Bad", "Nowhere"]]
    html = admin_client.post(
        "/o/testshire/import/", {"file": xlsx(rows, "projects.xlsx")}
    ).content.decode()
    assert "To create" not in html
    assert "Rows without problems" in html
    assert "What would change once the problems are corrected" in html


def test_a_file_with_nothing_new_says_so_rather_than_asking_for_a_corrected_file(
    admin_client, council
):
    rows = [["Year", "Amount", "Directorate"], ["2024/25", "£1,000", "People"]]
    admin_client.post("/o/testshire/import/", {"file": xlsx(rows)})
    admin_client.post("/o/testshire/import/confirm/")
    html = admin_client.post("/o/testshire/import/", {"file": xlsx(rows)}).content.decode()
    assert "Nothing to import: every row is already in Realise" in html
    assert "Upload a corrected file" not in html
    assert SavingsTarget.objects.count() == 1
