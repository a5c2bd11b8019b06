"""Loose ends of issue 16 ("Any council's figures, as they publish them"), for Testshire (the
``council`` fixture), each a defect a user would hit: savings by delivery confidence read through
the API; a committee paper renamed and deleted (service, API, command line, web pages); a
saving's refusals given together; project codes that differ only in letter case; and Table 1
kept to the council's plan years.

Testshire's 2023/24 savings, typed in from what this module records: People's project (Amber)
budgeted £10,000 and achieved £8,000, Place's (Green) £5,000 of £5,000, and £1,000 budgeted to
Place outside its projects."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from typer.testing import CliRunner

from realise.accounts.models import Membership
from realise.benefits import services as benefits
from realise.cli import app
from realise.core.concurrency import LATEST, StaleEdit, current_version
from realise.portfolio.services import project_update
from realise.reconciliation import services as papers
from realise.reconciliation.models import PublishedFigure, PublishedPaper
from realise.reconciliation.services import FigureIn

pytestmark = pytest.mark.db

YEAR = "2023/24"


@pytest.fixture
def rated(council):
    org = council["org"]
    for project, confidence in ((council["care"], "amber"), (council["roads"], "green")):
        project_update(project=project, seen_version=LATEST, changes={"confidence": confidence})
    for project, budget, achieved in (
        (council["care"], 10000, 8000),
        (council["roads"], 5000, 5000),
    ):
        benefits.savings_target_set(organisation=org, year=YEAR, amount=budget, project=project)
        benefits.saving_record(
            organisation=org,
            year=YEAR,
            amount=achieved,
            project=project,
            recorded_on=date(2024, 3, 31),
        )
    benefits.savings_target_set(
        organisation=org, year=YEAR, amount=1000, directorate=council["place"]
    )
    users = get_user_model().objects
    people = {}
    for name, role in (("fin@testshire.gov.uk", "finance"), ("view@testshire.gov.uk", "viewer")):
        people[role] = users.create_user(username=name, email=name, password="a-long-passphrase-9")
        Membership.objects.create(organisation=org, user=people[role], role=role)
    return council | people


def _api(client, user, method, path, body=None):
    from realise.accounts.tokens import api_token_create

    token = api_token_create(user=user, name="t").secret
    kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if body is not None:
        kwargs |= {"data": json.dumps(body), "content_type": "application/json"}
    return getattr(client, method)(f"/api/orgs/testshire/{path}", **kwargs)


# --- 1. Savings by delivery confidence through the API ----------------------------------------


def test_the_api_gives_savings_by_delivery_confidence_as_the_tables_show_them(rated, client):
    answer = _api(client, rated["viewer"], "get", f"reports/savings-by-confidence?year={YEAR}")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["year"], body["kind"]) == (YEAR, "cashable")
    assert body["ratings"] == ["Green", "Amber", "Red", "Not in a project"]
    assert [tuple(x.values()) for x in body["by_rating"]] == [
        ("Green", 1, "5000.00", "5000.00"),
        ("Amber", 1, "10000.00", "8000.00"),
        ("Red", 0, "0.00", "0.00"),
        ("Not in a project", 0, "1000.00", "0.00"),
    ]
    assert body["total"] == {"projects": 2, "budgeted": "16000.00", "achieved": "13000.00"}
    assert body["by_directorate"] == [
        {
            "directorate": "People",
            "budgeted": ["0.00", "10000.00", "0.00", "0.00"],
            "total": "10000.00",
        },
        {
            "directorate": "Place",
            "budgeted": ["5000.00", "0.00", "0.00", "1000.00"],
            "total": "6000.00",
        },
    ]
    assert body["notes"][0].startswith("Delivery confidence is each project's own")
    refused = _api(client, rated["viewer"], "get", "reports/savings-by-confidence?year=2040/41")
    assert refused.status_code == 422
    assert "outside this council's plan years" in refused.json()["detail"]

    from realise.config.api import api

    described = api.get_openapi_schema()["paths"]["/api/orgs/{org}/reports/savings-by-confidence"]
    assert "delivery confidence" in described["get"]["description"]


# --- 2. A committee paper renamed and deleted -------------------------------------------------


def _paper(rated, title="Annual report", figures=2):
    printed = [
        FigureIn(
            table="savings-by-directorate",
            row="People",
            column="projected",
            printed="10,000",
            year=YEAR,
        ),
        FigureIn(table="risks-by-band", row="High", column="risks", printed="0"),
    ]
    return papers.paper_create(
        organisation=rated["org"],
        title=title,
        published_on=date(2024, 7, 18),
        figures=printed[:figures],
        by=rated["finance"],
    )


def test_a_paper_is_renamed_and_deleted_with_its_figures_its_history_kept(rated):
    paper = _paper(rated)
    _paper(rated, title="Budget monitoring Q1", figures=0)
    seen = current_version(paper)
    changed = papers.paper_update(
        paper=paper,
        seen_version=seen,
        changes={
            "title": "Annual report 2023/24",
            "committee": "Cabinet",
            "published_on": date(2024, 7, 19),
            "url": "https://testshire.gov.uk/p/1",
        },
        by=rated["finance"],
    )
    assert (changed.title, changed.committee, changed.published_on) == (
        "Annual report 2023/24",
        "Cabinet",
        date(2024, 7, 19),
    )
    with pytest.raises(StaleEdit):  # someone renamed it since that version
        papers.paper_update(paper=paper, seen_version=seen, changes={"committee": "Audit"})
    with pytest.raises(ValidationError) as taken:
        papers.paper_update(
            paper=changed,
            seen_version=LATEST,
            changes={"title": "budget monitoring q1", "published_on": date(2024, 7, 18)},
        )
    assert taken.value.message_dict["title"] == [
        "Testshire Council already has a paper called Budget monitoring Q1 on 18 July 2024"
    ]
    with pytest.raises(ValidationError) as blank:
        papers.paper_update(paper=changed, seen_version=LATEST, changes={"title": " "})
    assert "title" in blank.value.message_dict

    figures = list(PublishedFigure.objects.filter(paper=paper).values_list("pk", flat=True))
    papers.paper_delete(paper=changed, by=rated["finance"])
    assert not PublishedPaper.objects.filter(pk=paper.pk).exists()
    assert not PublishedFigure.objects.filter(pk__in=figures).exists()
    gone = PublishedPaper.history.filter(id=paper.pk).order_by("history_id")
    assert [h.history_type for h in gone] == ["+", "~", "-"]
    assert gone.last().history_user == rated["finance"]
    assert gone.last().title == "Annual report 2023/24"
    deleted = PublishedFigure.history.filter(id__in=figures, history_type="-")
    assert deleted.count() == 2


def test_the_api_edits_and_deletes_a_paper(rated, client):
    paper = _paper(rated)
    path = f"papers/{paper.pk}"
    (listed,) = _api(client, rated["viewer"], "get", "papers").json()["items"]
    assert listed["version"] == current_version(paper)
    edit = {"version": listed["version"], "title": "Annual report 2023/24"}
    assert _api(client, rated["viewer"], "patch", path, edit).status_code == 403
    edited = _api(client, rated["finance"], "patch", path, edit)
    assert edited.status_code == 200, edited.content
    assert (edited.json()["title"], edited.json()["figures"]) == ("Annual report 2023/24", 2)
    stale = _api(client, rated["finance"], "patch", path, edit | {"committee": "Cabinet"})
    assert stale.status_code == 409
    assert _api(client, rated["viewer"], "delete", path).status_code == 403
    assert _api(client, rated["finance"], "delete", path).status_code == 204
    assert _api(client, rated["viewer"], "get", path).status_code == 404
    assert not PublishedFigure.objects.filter(organisation=rated["org"]).exists()


def test_the_command_line_edits_and_deletes_a_paper(rated):
    paper = _paper(rated)
    runner = CliRunner()
    acting = ["-o", "testshire", "--as", "fin@testshire.gov.uk"]
    edited = runner.invoke(
        app,
        [
            "reconcile",
            "edit",
            str(paper.pk),
            "--title",
            "Annual report 2023/24",
            "--committee",
            "Cabinet",
            *acting,
        ],
    )
    assert edited.exit_code == 0, edited.output
    assert "Annual report 2023/24" in edited.output
    paper.refresh_from_db()
    assert (paper.title, paper.committee, paper.url) == ("Annual report 2023/24", "Cabinet", "")
    kept = runner.invoke(app, ["reconcile", "delete", str(paper.pk), *acting], input="n\n")
    assert kept.exit_code == 1
    assert PublishedPaper.objects.filter(pk=paper.pk).exists()
    deleted = runner.invoke(app, ["reconcile", "delete", str(paper.pk), "--yes", *acting])
    assert deleted.exit_code == 0, deleted.output
    assert "Deleted paper" in deleted.output
    assert "2 figures" in deleted.output
    assert not PublishedPaper.objects.filter(pk=paper.pk).exists()


def test_a_finance_officer_edits_and_deletes_a_paper_on_the_web(rated, client):
    paper = _paper(rated)
    base = f"/o/testshire/reports/papers/{paper.pk}"
    client.force_login(rated["viewer"])
    assert client.get(f"{base}/edit/").status_code == 403
    assert client.get(f"{base}/delete/").status_code == 403
    client.force_login(rated["finance"])
    assert f"{base}/edit/" in client.get(f"{base}/").content.decode()
    form = client.get(f"{base}/edit/").content.decode()
    assert 'value="Annual report"' in form
    saved = client.post(
        f"{base}/edit/",
        {
            "title": "Annual report 2023/24",
            "committee": "Cabinet",
            "published_on-day": "18",
            "published_on-month": "7",
            "published_on-year": "2024",
            "version": current_version(paper),
        },
    )
    assert saved.status_code == 302
    paper.refresh_from_db()
    assert paper.title == "Annual report 2023/24"
    asked = client.get(f"{base}/delete/").content.decode()
    assert "Delete Annual report 2023/24?" in asked
    assert "2 figures" in asked
    assert PublishedPaper.objects.filter(pk=paper.pk).exists()  # asking deletes nothing
    done = client.post(f"{base}/delete/")
    assert done.status_code == 302
    assert done["Location"].endswith("/reports/papers/")
    assert not PublishedPaper.objects.filter(pk=paper.pk).exists()


# --- 3. Every refusal of a saving at once -----------------------------------------------------


def test_a_saving_recorded_is_refused_on_every_field_at_once(rated, client):
    with pytest.raises(ValidationError) as refused:
        benefits.saving_record(
            organisation=rated["org"],
            year="2040/41",
            amount="ten pounds",
            project=rated["care"],
            directorate=rated["place"],
            recorded_on=date(2024, 3, 31),
        )
    assert set(refused.value.message_dict) == {"financial_year", "amount", "directorate"}
    client.force_login(rated["finance"])
    page = client.post(
        "/o/testshire/savings/record/",
        {
            "project": rated["care"].pk,
            "directorate": rated["place"].pk,
            "year": "2040",
            "status": "achieved",
            "kind": "cashable",
            "amount": "100",
            "recorded_on-day": "31",
            "recorded_on-month": "3",
            "recorded_on-year": "2024",
        },
    )
    assert page.status_code == 400
    shown = page.content.decode()
    assert "2040/41 is outside this council&#x27;s plan years" in shown
    assert "P-1 Care review is in People, not Place" in shown


# --- 4. Project codes that differ only in letter case -----------------------------------------


def test_a_project_code_differing_only_in_letter_case_is_refused(council):
    from realise.portfolio.services import project_create

    with pytest.raises(ValidationError) as refused:
        project_create(organisation=council["org"], code="p-1", name="Care review again")
    assert refused.value.message_dict["code"] == [
        "Testshire Council already has a project with the code P-1, which differs only in "
        "letter case: enter a different code"
    ]


# --- 5. Table 1 shows only plan years ---------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "shown"),
    [
        (2026, ["2025/26", "2026/27"]),  # the plan's last year: none after it
        (2020, ["2020/21", "2021/22", "2022/23", "2023/24"]),  # its first: none before
    ],
)
def test_table_1_shows_only_the_councils_plan_years(council, year, shown):
    from realise.finance.calendar import FinancialYear
    from realise.reports.annual.projects import projects_section

    section = projects_section(council["org"], FinancialYear(year))
    chart = section.blocks[-1]
    assert [row[0].text for row in chart.table.rows] == shown
