"""Reconciling a committee paper with Realise (issue 16, point 3), for Testshire, a council made
here: the figures a paper printed against the same figures of Realise's own tables, every
difference reported with its size and every match as a match, and a printed total that is not
the sum of its printed rows noticed. Through the service, the web pages, the API and the command
line; refused figures save nothing; a one-council backup keeps the papers."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from realise.accounts.models import Membership
from realise.benefits import services as benefits
from realise.cli import app
from realise.core.concurrency import LATEST
from realise.portfolio.services import project_update
from realise.reconciliation import services
from realise.reconciliation.models import PublishedFigure
from realise.reconciliation.selectors import reconciliation
from realise.reconciliation.services import FigureIn, FiguresRefused
from realise.risks.services import risk_create

pytestmark = pytest.mark.db

YEAR = "2023/24"
T3 = "savings-by-directorate"


def _fig(table, row, column, printed, year=None, unit=""):
    return FigureIn(table=table, row=row, column=column, printed=printed, year=year, unit=unit)


# What Testshire's paper printed: some right, one achieved figure wrong by £1,000, a total that
# is not the sum of its rows, and a directorate Realise does not have.
PRINTED = [
    _fig(T3, "People", "Projected", "10,000", YEAR),
    _fig(T3, "Place", "Projected", "5,000", YEAR),
    _fig(T3, "Total", "Projected", "16,000", YEAR),
    _fig(T3, "Place", "Achieved", "4,000", YEAR),
    _fig(T3, "Children", "Projected", "100", YEAR),
    _fig("Table 2", YEAR, "budgeted", "15", unit="£k"),
    _fig("savings-by-year", YEAR, "achieved", "0.013", unit="£m"),
    _fig("rag", "Amber", "projects", "1", YEAR),
    _fig("rag", "Green", "Budgeted", "5,000", YEAR),
    _fig("rag by directorate", "People", "Amber", "10,000", YEAR),
    _fig("rag by directorate", "Place", "Amber/Green", "0", YEAR),
    _fig("risks", "High", "Risks", "1"),
]


@pytest.fixture
def testshire(council):
    """Testshire's savings for 2023/24: People's project (delivery confidence Amber) budgeted
    £10,000 and achieved £8,000, Place's (Green) £5,000 of £5,000; one high risk (15) and one
    low; a finance officer and a viewer."""
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
    for project, title, likelihood, impact in (
        (council["care"], "Care market fails", 3, 5),
        (council["roads"], "Road works late", 1, 2),
    ):
        risk_create(
            organisation=org, project=project, title=title, likelihood=likelihood, impact=impact
        )
    users = get_user_model().objects
    people = {}
    for name, role in (("fin@testshire.gov.uk", "finance"), ("view@testshire.gov.uk", "viewer")):
        people[role] = users.create_user(username=name, email=name, password="a-long-passphrase-9")
        Membership.objects.create(organisation=org, user=people[role], role=role)
    return council | people


def _outcomes(result):
    return {(f.table[:8], f.row, f.column): (f.outcome, f.difference) for f in result.figures}


def test_each_difference_is_reported_with_its_size_and_each_match_as_a_match(testshire):
    paper = services.paper_create(
        organisation=testshire["org"],
        title="Transformation annual report 2023/24",
        committee="Cabinet",
        published_on=date(2024, 7, 18),
        figures=PRINTED,
        by=testshire["finance"],
    )
    result = reconciliation(paper=paper)
    found = _outcomes(result)
    assert found[("Table 3:", "People", "Projected")] == ("match", Decimal(0))
    assert found[("Table 3:", "Place", "Achieved")] == ("differs", Decimal(-1000))
    assert found[("Table 3:", "Total", "Projected")] == ("differs", Decimal(1000))
    assert found[("Table 3:", "Children", "Projected")] == ("missing", None)
    assert found[("Table 2:", YEAR, "Budgeted")] == ("match", Decimal(0))  # £15k
    assert found[("Table 2:", YEAR, "Achieved")] == ("match", Decimal(0))  # £0.013m
    assert found[("RAG summ", "Amber", "Projects")] == ("match", Decimal(0))
    assert found[("RAG summ", "Green", "Budgeted")] == ("match", Decimal(0))
    assert found[("Open ris", "High", "Risks")] == ("match", Decimal(0))
    assert found[("A year's", "People", "Amber")] == ("match", Decimal(0))
    # No project is rated Amber/Green, so Realise's table leaves the column out: it holds £0.
    assert found[("A year's", "Place", "Amber/Green")] == ("match", Decimal(0))
    notes = {f.row: f.note for f in result.figures if f.note}
    assert notes == {
        "Children": 'Realise\'s table has no row "Children"',
        "Place": "Realise's table leaves Amber/Green out, as it holds nothing: £0",
    }
    place = next(f for f in result.figures if f.row == "Place" and f.column == "Achieved")
    assert (place.printed, place.realise_text, place.difference_text) == (
        "£4,000",
        "£5,000",
        "−£1,000",
    )
    (total,) = [s for s in result.sums if s.column == "Projected"]
    assert (total.adds_up, total.rows, total.difference_text) == (False, 3, "+£900")
    assert result.summary == (
        "3 of 12 published figures differ from Realise's; 1 of 1 published totals do not add up."
    )
    assert not result.clean

    corrected = [
        _fig(T3, "place", "achieved", "5,000", YEAR),
        _fig(T3, "Total", "Projected", "15,000", YEAR),
        _fig(T3, "Children", "Projected", "–", YEAR),
    ]
    services.figures_set(paper=paper, figures=corrected, by=testshire["finance"])
    figure = PublishedFigure.objects.get(paper=paper, row="Place", column="achieved")
    assert figure.history.count() == 2  # entered, then corrected in its place
    assert figure.history.first().history_user == testshire["finance"]
    result = reconciliation(paper=paper)
    assert [f.row for f in result.figures if f.outcome != "match"] == ["Children"]
    (total,) = result.sums
    assert total.adds_up  # 10,000 + 5,000 + nothing for Children


def test_figures_refused_name_each_figure_and_field_and_nothing_is_saved(testshire):
    paper = services.paper_create(
        organisation=testshire["org"], title="Budget monitoring Q2", published_on=date(2023, 11, 1)
    )
    with pytest.raises(FiguresRefused) as refused:
        services.figures_set(
            paper=paper,
            figures=[
                _fig(T3, "People", "Projected", "10,000", YEAR),
                _fig(T3, "People", "Spent", "1", YEAR),
                _fig(T3, "People", "Achieved", "1", "2030/31"),
                _fig("risks", "high", "Risks", "£3"),
                _fig("Table 2", "People", "Budgeted", "1"),
                _fig(T3, "People", "projected", "9,000", YEAR),
            ],
        )
    problems = {(p.index, p.field): p.message for p in refused.value.problems}
    assert problems[(1, "column")].startswith(
        'Table 3: a year\'s savings by directorate has no column "Spent"'
    )
    assert "outside this council's plan years, 2020/21 to 2026/27" in problems[(2, "year")]
    assert problems[(3, "printed")] == "Risks is a count: leave the unit out, not £"
    assert problems[(4, "row")].startswith('"People" is not a row of Table 2')
    assert problems[(5, "row")] == "The same figure is also given as figure 1"
    assert refused.value.message_dict["figures.1.column"]  # as the API names it
    assert not PublishedFigure.objects.filter(paper=paper).exists()


def _words(text):
    return " ".join(text.split())


def _csv(tmp_path, lines):
    path = tmp_path / "paper.csv"
    path.write_text("Table,Year,Row,Column,Amount,Unit,Where\n" + "\n".join(lines) + "\n")
    return path


def test_the_command_line_enters_figures_from_a_file_and_exits_1_on_a_difference(
    testshire, tmp_path
):
    runner = CliRunner()
    good = _csv(tmp_path, [f'Table 3,{YEAR},People,Projected,"10,000",,page 4'])
    added = runner.invoke(
        app,
        [
            "reconcile",
            "add",
            "-o",
            "testshire",
            "--title",
            "Annual report",
            "--date",
            "2024-07-18",
            "--figures",
            str(good),
            "--as",
            "fin@testshire.gov.uk",
        ],
    )
    assert added.exit_code == 0, added.output
    number = added.output.split()[2].rstrip(":")
    clean = runner.invoke(app, ["reconcile", "check", number, "-o", "testshire"])
    assert clean.exit_code == 0, clean.output
    assert "All 1 published figures match Realise's, within rounding." in _words(clean.output)
    bad = _csv(
        tmp_path, [f"Table 3,{YEAR},Place,Achieved,4.0,£k,", f"Table 3,{YEAR},Place,Spent,1,,"]
    )
    refused = runner.invoke(
        app,
        [
            "reconcile",
            "figures",
            number,
            str(bad),
            "-o",
            "testshire",
            "--as",
            "fin@testshire.gov.uk",
        ],
    )
    assert refused.exit_code == 1
    assert (
        "paper.csv, line 3, column Column: Table 3: a year's savings by directorate has no "
        'column "Spent"' in _words(refused.output)
    )
    viewer = runner.invoke(
        app,
        [
            "reconcile",
            "figures",
            number,
            str(good),
            "-o",
            "testshire",
            "--as",
            "view@testshire.gov.uk",
        ],
    )
    assert viewer.exit_code == 1
    assert "does not allow this (reconcile)" in _words(viewer.output)
    one = _csv(tmp_path, [f"Table 3,{YEAR},Place,Achieved,4.0,£k,"])
    entered = runner.invoke(
        app,
        [
            "reconcile",
            "figures",
            number,
            str(one),
            "-o",
            "testshire",
            "--as",
            "fin@testshire.gov.uk",
        ],
    )
    assert entered.exit_code == 0, entered.output
    checked = runner.invoke(app, ["reconcile", "check", "-o", "testshire", "-f", "json"])
    assert checked.exit_code == 1
    (paper,) = json.loads(checked.output)
    differing = [f for f in paper["figures"] if f["outcome"] == "differs"]
    assert [(f["row"], f["printed"], f["realise"], f["difference"]) for f in differing] == [
        ("Place", "£4.0k", "5000.00", "-1000.00")
    ]


def test_the_api_adds_a_paper_with_its_figures_and_answers_its_reconciliation(testshire, client):
    from realise.accounts.tokens import api_token_create

    def post(path, body, role="finance"):
        token = api_token_create(user=testshire[role], name="t").secret
        return client.post(
            f"/api/orgs/testshire/{path}",
            data=json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    body = {
        "title": "Annual report",
        "published_on": "2024-07-18",
        "figures": [
            {"table": T3, "year": YEAR, "row": "Place", "column": "achieved", "printed": "4,000"},
            {"table": "risks-by-band", "row": "high", "column": "risks", "printed": "1"},
        ],
    }
    made = post("papers", body)
    assert made.status_code == 201, made.content
    answer = made.json()
    assert (answer["clean"], answer["differences"]) == (False, 1)
    assert [(f["row"], f["outcome"], f["difference"]) for f in answer["figures"]] == [
        ("Place", "differs", "-1000.00"),
        ("high", "match", "0"),
    ]
    bad = post(
        f"papers/{answer['paper']['id']}/figures",
        {
            "figures": [
                {"table": T3, "year": "2023/24", "row": "Place", "column": "spent", "printed": "1"}
            ]
        },
    )
    assert bad.status_code == 422
    assert bad.json()["field"] == "figures.0.column"
    assert post("papers", body | {"title": "Other"}, role="viewer").status_code == 403


def test_a_finance_officer_enters_figures_on_the_web_and_sees_differences(testshire, client):
    org = testshire["org"]
    paper = services.paper_create(
        organisation=org, title="Q3 monitoring", published_on=date(2024, 1, 20)
    )
    client.force_login(testshire["viewer"])
    base = f"/o/testshire/reports/papers/{paper.pk}"
    assert client.get(f"{base}/figures/?table={T3}").status_code == 403
    client.force_login(testshire["finance"])
    form = f"{base}/figures/?table=monitoring-by-directorate"
    lines = {
        "year": "2023",
        "unit": "£",
        "where": "Appendix A",
        "line-1-row": "People",
        "line-1-column": "validated",
        "line-1-printed": "8,000",
        "line-2-row": "Place",
        "line-2-column": "at-risk",
        "line-2-printed": "250",
    }
    refused = client.post(form, lines | {"line-3-row": "Place", "line-3-printed": "1"})
    assert refused.status_code == 400
    assert "Figure 3: Choose the column" in refused.content.decode()
    saved = client.post(form, lines)
    assert saved.status_code == 302
    page = client.get(f"{base}/").content.decode()
    assert 'data-outcome="match" data-figure-row="People"' in page
    assert 'data-outcome="differs" data-figure-row="Place"' in page
    assert "+£250" in page
    upload = client.post(
        f"{base}/upload/",
        {"file": _upload("Table,Year,Row,Column,Amount\nTable 3,2023/24,People,Spent,1\n")},
    )
    assert upload.status_code == 400
    assert "figures.csv, line 2, column Column:" in upload.content.decode()
    figure = PublishedFigure.objects.filter(paper=paper).first()
    assert client.post(f"{base}/figures/{figure.pk}/remove/").status_code == 302
    assert PublishedFigure.objects.filter(paper=paper).count() == 1


def _upload(text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("figures.csv", text.encode(), content_type="text/csv")


def test_a_one_council_backup_keeps_its_papers_and_figures(testshire, tmp_path):
    from realise.backup.archive import backup

    paper = services.paper_create(
        organisation=testshire["org"],
        title="Annual report",
        published_on=date(2024, 7, 18),
        figures=PRINTED[:2],
    )
    archive = tmp_path / "testshire.zip"
    backup(archive, organisation=testshire["org"])
    with zipfile.ZipFile(archive) as zf:
        papers = json.loads(zf.read("data/reconciliation.publishedpaper.json"))
        figures = json.loads(zf.read("data/reconciliation.publishedfigure.json"))
        history = json.loads(zf.read("data/reconciliation.historicalpublishedfigure.json"))
    assert [row[papers["fields"].index("id")] for row in papers["rows"]] == [paper.pk]
    assert (len(figures["rows"]), len(history["rows"])) == (2, 2)
