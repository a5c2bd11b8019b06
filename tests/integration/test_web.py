"""The web pages through Django's test client: roles, tenant isolation, forms with GOV.UK error
summaries, totals that change when a saving is recorded, business-case uploads, query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from realise.accounts.models import Membership, Role
from realise.benefits.models import SavingsEntry
from realise.benefits.selectors import savings_by_year
from realise.demo.loader import DEMO_PASSWORD
from realise.portfolio import services as portfolio
from realise.portfolio.models import Project
from realise.risks.models import Risk

pytestmark = pytest.mark.db


@pytest.fixture
def dorset(demo_council, db):
    return demo_council


def signed_in(client, email):
    assert client.login(username=email, password=DEMO_PASSWORD)
    return client


PAGES = [
    "",
    "projects/",
    "projects/AH-01/",
    "savings/",
    "savings/?year=2021",
    "savings/carry-forwards/",
    "funding/",
    "risks/",
    "risks/?likelihood=3&impact=4",
    "business-case/",
]
FORMS = [
    "projects/new/",
    "projects/AH-01/edit/",
    "projects/AH-01/stage/",
    "projects/AH-01/status/",
    "savings/record/",
    "savings/carry-forward/",
    "funding/bids/new/",
    "funding/grants/new/",
    "risks/new/",
    "decisions/new/",
    "settings/",
    "settings/bands/",
    "settings/plan-years/",
    "settings/directorate/new/",
    "settings/people/",
    "settings/people/add/",
]


@pytest.mark.parametrize("path", PAGES)
def test_a_viewer_can_read_every_page(client, dorset, path):
    response = signed_in(client, "board@dorset.example").get(f"/o/dorset/{path}")
    assert response.status_code == 200
    assert b"Dorset Council" in response.content


@pytest.mark.parametrize("path", FORMS)
def test_a_viewer_is_refused_every_form(client, dorset, path):
    signed_in(client, "board@dorset.example")
    assert client.get(f"/o/dorset/{path}").status_code == 403
    assert client.post(f"/o/dorset/{path}", {}).status_code == 403


@pytest.mark.parametrize("path", FORMS)
def test_a_tmo_admin_can_open_every_form(client, dorset, path):
    assert signed_in(client, "tmo@dorset.example").get(f"/o/dorset/{path}").status_code == 200


def test_a_viewer_sees_no_links_to_forms(client, dorset):
    signed_in(client, "board@dorset.example")
    page = client.get("/o/dorset/savings/").content.decode()
    assert "Record a saving" not in page
    signed_in(client, "finance@dorset.example")
    assert "Record a saving" in client.get("/o/dorset/savings/").content.decode()


def test_finance_may_record_savings_but_not_change_settings(client, dorset):
    signed_in(client, "finance@dorset.example")
    assert client.get("/o/dorset/savings/record/").status_code == 200
    assert client.get("/o/dorset/settings/").status_code == 403


def test_another_councils_pages_are_not_found(client, dorset):
    other = portfolio.organisation_create(slug="wessex", name="Wessex Council")
    signed_in(client, "tmo@dorset.example")
    assert client.get("/o/wessex/").status_code == 404
    assert client.get("/o/wessex/projects/").status_code == 404
    user = get_user_model().objects.create_user(username="w@example", password="long-pass-123")
    Membership.objects.create(organisation=other, user=user, role=Role.TMO_ADMIN)
    client.force_login(user)
    assert client.get("/o/dorset/").status_code == 404
    assert client.get("/o/wessex/").status_code == 200
    assert b"Dorset" not in client.get("/o/wessex/projects/").content


def test_signed_out_visitors_are_sent_to_sign_in(client, dorset):
    response = client.get("/o/dorset/projects/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_sign_in_with_a_wrong_password_shows_the_error_summary(client, dorset):
    response = client.post("/sign-in/", {"username": "tmo@dorset.example", "password": "nope"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_username"' in page
    assert "Enter a correct email address and password" in page


def _saving(**changes):
    data = {
        "project": "",
        "directorate": "",
        "year": "2022",
        "status": "achieved",
        "kind": "cashable",
        "amount": "12,345.67",
        "recorded_on-day": "31",
        "recorded_on-month": "3",
        "recorded_on-year": "2023",
        "note": "",
    }
    return data | changes


@pytest.mark.parametrize(
    ("changes", "anchor", "message"),
    [
        ({"amount": ""}, "id_amount", "Enter the amount saved"),
        ({"amount": "twelve"}, "id_amount", "Enter an amount in pounds, like 12,500"),
        ({"amount": "10.005"}, "id_amount", "no more than 2 decimal places"),
        ({"amount": "0"}, "id_amount", "The amount must be more than £0"),
        (
            {"recorded_on-day": "31", "recorded_on-month": "2"},
            "id_recorded_on-day",
            "The date recorded must be a real date",
        ),
        ({"recorded_on-month": ""}, "id_recorded_on-day", "must include a month"),
        ({"status": ""}, "id_status_0", "Say whether the saving is achieved or forecast"),
        ({"year": ""}, "id_year", "Choose the financial year"),
    ],
)
def test_a_bad_saving_is_refused_with_a_linked_error(client, dorset, changes, anchor, message):
    signed_in(client, "finance@dorset.example")
    before = SavingsEntry.objects.count()
    response = client.post("/o/dorset/savings/record/", _saving(**changes))
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert f'href="#{anchor}"' in page
    assert message in page
    assert page.count(f'id="{anchor}"') == 1
    assert SavingsEntry.objects.count() == before


def test_recording_a_saving_changes_the_dashboard_totals(
    client, dorset, django_capture_on_commit_callbacks
):
    signed_in(client, "finance@dorset.example")
    before = savings_by_year(organisation=dorset).total_achieved
    client.get("/o/dorset/")  # the dashboard as it was, now in the cache
    project = Project.objects.get(organisation=dorset, code="AH-01")
    with django_capture_on_commit_callbacks(execute=True):  # the request's commit
        response = client.post(
            "/o/dorset/savings/record/", _saving(project=str(project.pk), amount="1,000.50")
        )
    assert response.status_code == 302
    after = savings_by_year(organisation=dorset).total_achieved
    assert after - before == Decimal("1000.50")
    page = client.get("/o/dorset/").content.decode()
    assert f"£{after:,.2f}" in page


def test_a_correction_reverses_an_entry_and_cannot_be_repeated(client, dorset):
    signed_in(client, "finance@dorset.example")
    entry = SavingsEntry.objects.filter(organisation=dorset).first()
    data = {
        "reason": "Double counted",
        "recorded_on-day": "1",
        "recorded_on-month": "4",
        "recorded_on-year": "2023",
    }
    assert client.post(f"/o/dorset/savings/{entry.pk}/correct/", data).status_code == 302
    assert SavingsEntry.objects.get(reverses=entry).amount == -entry.amount
    again = client.post(f"/o/dorset/savings/{entry.pk}/correct/", data)
    assert again.status_code == 400
    assert "already been reversed" in again.content.decode()


def test_a_new_risk_is_counted_in_its_heat_map_cell(client, dorset):
    signed_in(client, "tmo@dorset.example")
    programme = dorset.programme_set.first()
    before = Risk.objects.filter(organisation=dorset, likelihood=2, impact=5).count()
    response = client.post(
        "/o/dorset/risks/new/",
        {"title": "Supplier fails", "programme": programme.pk, "likelihood": "2", "impact": "5"},
    )
    assert response.status_code == 302
    page = client.get("/o/dorset/risks/").content.decode()
    cell = page.split('data-cell="2-5"')[1].split("</td>")[0]
    assert f'realise-heatmap__count">{before + 1}<' in cell


def test_a_bid_larger_than_the_fund_shows_the_services_message(client, dorset):
    signed_in(client, "finance@dorset.example")
    fund = dorset.fund_set.first()
    response = client.post(
        "/o/dorset/funding/bids/new/",
        {"fund": fund.pk, "title": "Too big", "amount": "999,999,999"},
    )
    assert response.status_code == 400
    assert "left in" in response.content.decode()


def test_projects_filter_and_sort(client, dorset):
    signed_in(client, "board@dorset.example")
    place = dorset.directorate_set.get(name="Place")
    page = client.get(f"/o/dorset/projects/?directorate={place.pk}&sort=name&order=desc")
    names = [p.name for p in page.context["projects"]]
    expected = sorted(
        Project.objects.filter(organisation=dorset, directorate=place).values_list(
            "name", flat=True
        ),
        reverse=True,
    )
    assert names == expected
    assert 'aria-sort="descending"' in page.content.decode()


def test_the_example_business_case_shows_scenarios_and_audit(client, dorset):
    signed_in(client, "board@dorset.example")
    response = client.get("/o/dorset/business-case/?example=dorset-our-future-council.yaml")
    page = response.content.decode()
    assert response.status_code == 200
    for scenario in response.context["scenarios"]:
        assert scenario["result"].scenario.name in page
    assert "Does the published arithmetic add up?" in page
    assert response.context["audit"].summary in page
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith(f"{response.context['case'].title}: business case")


def test_an_uploaded_case_with_errors_shows_their_line_numbers(client, dorset):
    from django.core.files.uploadedfile import SimpleUploadedFile

    signed_in(client, "board@dorset.example")
    bad = SimpleUploadedFile("bad.yaml", b"format: realise-business-case/1\ntitle: [unclosed\n")
    response = client.post("/o/dorset/business-case/", {"file": bad, "action": "show"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "The business-case file cannot be used" in page
    assert "bad.yaml, line" in page


def test_an_upload_over_the_size_limit_is_refused(client, dorset, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.REALISE_CASE_UPLOAD_LIMIT = 100
    signed_in(client, "board@dorset.example")
    big = SimpleUploadedFile("big.yaml", b"#" * 101)
    response = client.post("/o/dorset/business-case/", {"file": big, "action": "show"})
    assert response.status_code == 400
    assert "larger than" in response.content.decode()


@pytest.mark.parametrize("path", [*PAGES[:-1], "business-case/"])
def test_pages_run_a_bounded_number_of_queries(client, dorset, path):
    """Adding projects, risks and savings must not add queries (no N+1). The dashboard's cache is
    cleared so its figures are computed both times (test_dashboard_cache covers the cached path)."""
    signed_in(client, "tmo@dorset.example")
    client.get(f"/o/dorset/{path}")
    cache.clear()
    with CaptureQueriesContext(connection) as first:
        client.get(f"/o/dorset/{path}")
    project = Project.objects.get(organisation=dorset, code="AH-01")
    for n in range(5):
        portfolio.project_create(organisation=dorset, code=f"NEW-{n}", name=f"New {n}")
        Risk.objects.create(
            organisation=dorset,
            project=project,
            title=f"R{n}",
            likelihood=3,
            impact=3,
            target_likelihood=1,
            target_impact=1,
        )
    cache.clear()
    with CaptureQueriesContext(connection) as second:
        client.get(f"/o/dorset/{path}")
    assert len(second) == len(first)
    # A fixed ceiling besides: the dashboard now also totals savings by delivery confidence,
    # checks for pressures and reads the heat map's layout (27 queries with the cache cleared).
    assert len(first) <= 30


def test_saving_a_project_over_someone_elses_newer_edit_is_refused_and_keeps_your_input(
    client, dorset
):
    from django.contrib.auth import get_user_model

    from realise.core.concurrency import current_version
    from realise.portfolio.models import Project
    from realise.portfolio.services import project_update

    admin = get_user_model().objects.get(username="tmo@dorset.example")
    client.force_login(admin)
    project = Project.objects.filter(organisation=dorset).order_by("code").first()
    url = f"/o/dorset/projects/{project.code}/edit/"
    seen = current_version(project)
    project_update(project=project, seen_version=seen, changes={"summary": "Their summary"})
    response = client.post(
        url,
        {"code": project.code, "name": "My new name", "summary": "Mine", "version": seen},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "was changed by someone else after you opened it" in page
    assert "Their summary" in page  # what they changed, in the table of changes
    assert "My new name" in page  # the user's input is still on the form
    project.refresh_from_db()
    assert project.summary == "Their summary"
    assert project.name != "My new name"


def test_reports_and_data_page_links_every_download_the_user_may_have(client, dorset):
    from django.contrib.auth import get_user_model

    viewer = get_user_model().objects.get(username="board@dorset.example")
    client.force_login(viewer)
    page = client.get("/o/dorset/reports/?year=2022").content.decode()
    for fmt in ("html", "pdf", "docx", "xlsx", "ods", "csv"):
        assert f"/o/dorset/reports/annual/2022-23.{fmt}" in page
        assert f"/o/dorset/reports/monitoring/2022-23.{fmt}" in page
    assert "/o/dorset/export/" in page
    assert "/o/dorset/import/" not in page  # a viewer may not import
    assert "/o/dorset/changes/" not in page  # nor read the change log
    assert client.get("/o/dorset/reports/annual/2022-23.csv").status_code == 200


def test_a_tmo_admin_sees_import_and_the_change_log(client, dorset):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="tmo@dorset.example")
    client.force_login(admin)
    page = client.get("/o/dorset/reports/").content.decode()
    assert "/o/dorset/import/" in page
    assert "/o/dorset/changes/" in page
    project = client.get("/o/dorset/projects/AH-01/").content.decode()
    assert "/history/" in project


@pytest.mark.parametrize(
    ("fmt", "starts"),
    [("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK"), ("ods", b"PK"), ("html", b"<!DOCTYPE")],
)
def test_the_financial_case_report_downloads_from_the_business_case_page(
    client, dorset, fmt, starts
):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="board@dorset.example"))
    example = "dorset-our-future-council.yaml"
    page = client.get(f"/o/dorset/business-case/?example={example}").content.decode()
    url = f"/o/dorset/business-case/financial-case.{fmt}?example={example}"
    assert url.split("?")[0] in page
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(starts)
    assert "dorset-our-future-council-financial-case" in response["Content-Disposition"]
    assert (
        client.get("/o/dorset/business-case/financial-case.exe?example=" + example).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("page", "kinds"),
    [
        ("projects/", ["projects"]),
        ("risks/", ["risks"]),
        ("savings/", ["targets", "savings"]),
        ("funding/", ["bids", "grants"]),
    ],
)
def test_every_list_page_offers_its_list_as_a_spreadsheet(client, dorset, page, kinds):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="board@dorset.example"))
    html = client.get(f"/o/dorset/{page}").content.decode()
    for kind in kinds:
        for fmt in ("xlsx", "ods", "csv"):
            assert f"/o/dorset/export/{kind}.{fmt}" in html
    assert client.get(f"/o/dorset/export/{kinds[0]}.csv").status_code == 200


def test_pages_carry_the_councils_name_and_no_govuk_branding(client, dorset):
    """Issue #4: a council is not GOV.UK: no crown, no GOV.UK logo or name, not the GDS Transport
    font; the council's name heads every page and the icon is Realise's own."""
    page = signed_in(client, "board@dorset.example").get("/o/dorset/").content.decode()
    header = page.split('<header class="govuk-template__header">', 1)[1].split("</header>", 1)[0]
    assert "Dorset Council" in header
    for mark in ("GOV.UK", "govuk-logo", "govuk-header__logotype", "crown", "crest"):
        assert mark not in page, mark
    assert 'rel="icon"' in page
    assert "realise/favicon.svg" in page


def test_the_built_stylesheet_uses_arial_and_no_govuk_font_or_crest():
    from pathlib import Path

    import realise.web

    built = Path(realise.web.__file__).parent / "static" / "realise"
    css = built / "realise.css"
    if not css.exists():
        pytest.skip(f"{css} is not built: run `make assets` (needs Node 20 and npm)")
    text = css.read_text()
    assert "GDS Transport" not in text
    assert "@font-face" not in text
    assert "font-family:arial,sans-serif" in text.replace(" ", "")
    icon = (built / "favicon.svg").read_text()
    assert "<title>Realise</title>" in icon
    assert "crown" not in icon.lower()


def test_the_dashboard_names_both_ends_of_the_due_window(client, dorset, monkeypatch):
    from datetime import date

    monkeypatch.setattr("realise.web.core.views.today", lambda: date(2026, 11, 30))
    page = signed_in(client, "board@dorset.example").get("/o/dorset/").content.decode()
    assert "Due in the next 90 days" in page
    assert "are due between 30 November 2026 and 28 February 2027." in page


def test_the_server_error_page_is_styled_and_says_what_to_do(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/o/dorset/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "realise/realise.css" in page
    assert "<h1" in page
    assert "check whether it was saved" in page


def test_a_risk_added_from_a_project_goes_back_to_the_project(client, dorset):
    signed_in(client, "tmo@dorset.example")
    project = Project.objects.get(organisation=dorset, code="AH-01")
    url = f"/o/dorset/risks/new/?project={project.pk}"
    form = client.get(url).content.decode()
    assert 'href="/o/dorset/projects/AH-01/" class="govuk-back-link"' in form
    body = {"title": "Care market too thin", "project": project.pk, "likelihood": "3"}
    response = client.post(url, body | {"impact": "4"}, follow=True)
    assert response.redirect_chain[-1][0] == "/o/dorset/projects/AH-01/"
    assert "Care market too thin" in response.content.decode()
    # Opened from nowhere in particular, or with an id no project has: back to the register.
    for query in ("", "?project=99999999999999999999", "?project=x"):
        page = client.get(f"/o/dorset/risks/new/{query}").content.decode()
        assert 'href="/o/dorset/risks/" class="govuk-back-link"' in page, query


def test_claims_awaiting_finance_are_shown_beside_achieved_not_in_it(client, dorset):
    from datetime import date

    from realise.benefits import services as benefits

    before = savings_by_year(organisation=dorset).total_achieved
    benefits.saving_record(
        organisation=dorset,
        year="2022/23",
        amount="2500.00",
        status="claimed",
        recorded_on=date(2023, 3, 1),
    )
    for path in ("/o/dorset/savings/?year=2022", "/o/dorset/"):
        page = signed_in(client, "board@dorset.example").get(path).content.decode()
        assert "Claimed, awaiting finance" in page
        assert 'data-figure="claimed-2022">£2,500<' in page
        assert 'data-figure="claimed-total"><strong>£2,500<' in page
    assert savings_by_year(organisation=dorset).total_achieved == before
