"""Stored business cases end to end: each save an immutable version (who, when, a note), the path
draft → submitted → approved / rejected / superseded with the board's decision recorded, two
versions compared, through the services, the API, the pages and the command line; the change log
and a backup hold them (the Dorset demo's case: test_dorset_demo.py)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from realise.benefits.services import plan_years_set
from realise.cases import selectors, services
from realise.cases.models import Case, CaseStatus, CaseVersion
from realise.portfolio import services as portfolio
from realise.portfolio.models import Decision, DecisionKind

pytestmark = pytest.mark.db

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"
DORSET = EXAMPLE.read_text(encoding="utf-8")
REVISED = DORSET.replace(
    "Redundancy: {2025/26: 6.15m, 2026/27: 3.30m}", "Redundancy: {2025/26: 6.15m, 2026/27: 3.40m}"
)
REDUNDANCY = (
    "Scenario ‘Scenario 4’, cost line ‘Redundancy’: cost in 2026/27 £3,300,000 → £3,400,000"
)
DAY = date(2025, 2, 12)


def _stored(world, by="lead", document=DORSET):
    return services.case_create(
        organisation=world.org,
        title="Care review case",
        project=world.project_a,
        document=document,
        source="care.yaml",
        note="First draft",
        by=world.users[by],
    )


def _plan_to_2029(world):
    """The case's savings run to 2029/30: the council's plan years must hold them."""
    plan_years_set(organisation=world.org, first_year="2020/21", last_year="2029/30")


def _statuses(case):
    return list(CaseVersion.objects.filter(case=case).values_list("number", "status"))


def test_a_case_goes_from_draft_to_approved_and_each_save_is_a_new_version(world):
    lead, admin = world.users["lead"], world.users["admin"]
    case = _stored(world)
    first = case.versions.get()
    assert (first.number, first.status, first.format, first.note, first.created_by) == (
        1,
        CaseStatus.DRAFT,
        1,
        "First draft",
        lead,
    )
    assert first.checksum == hashlib.sha256(DORSET.encode()).hexdigest()
    assert first.document == DORSET  # kept as written, comments and all

    with pytest.raises(ValidationError, match="the same as version 1: nothing to save"):
        services.case_version_save(case=case, document=DORSET, by=lead)
    second = services.case_version_save(
        case=case, document=REVISED, note="Redundancy revised", seen=1, by=lead
    )
    assert _statuses(case) == [(1, "superseded"), (2, "draft")]
    with pytest.raises(ValidationError, match="Version 2 was saved after version 1"):
        services.case_submit(case=case, seen=1, by=lead)

    services.case_submit(case=case, seen=2, by=lead)
    cabinet = portfolio.board_create(organisation=world.org, name="Cabinet")
    _plan_to_2029(world)
    with pytest.raises(ValidationError, match=r"“s9” is not an option of version 2: choose s1"):
        services.case_approve(case=case, option="s9", board=cabinet, decided_on=DAY, by=admin)
    approved = services.case_approve(
        case=case, option="s4", board=cabinet, decided_on=DAY, text="Subject to review", by=admin
    )
    assert (approved.status, approved.option, approved.option_name) == (
        "approved",
        "s4",
        "Scenario 4",
    )
    decision = Decision.objects.get(pk=approved.decision_id)
    assert (decision.kind, decision.board, decision.decided_on) == (
        DecisionKind.APPROVE_BUSINESS_CASE,
        cabinet,
        DAY,
    )
    assert decision.text == (
        "Approved the business case “Care review case”, version 2: Scenario 4. Subject to review"
    )
    assert list(decision.projects.all()) == [world.project_a]

    # An approved version cannot be edited: a change is a new version, and the approval stays.
    approved.note = "Quietly edited"
    with pytest.raises(ValidationError, match="cannot be changed: save a new version"):
        approved.save()
    third = services.case_version_save(case=case, document=DORSET, note="Back to v1", by=admin)
    assert _statuses(case) == [(1, "superseded"), (2, "approved"), (3, "draft")]
    services.case_submit(case=case, by=admin)
    services.case_approve(case=case, option="s1", board=cabinet, decided_on=DAY, by=admin)
    assert _statuses(case) == [(1, "superseded"), (2, "superseded"), (3, "approved")]
    in_force = selectors.approval_in_force(case=case)
    assert (in_force.version, in_force.option.name, in_force.board) == (
        third,
        "Scenario 1",
        "Cabinet",
    )

    compared = selectors.versions_compared(old=first, new=second)
    assert [c.words for c in compared.changes] == [REDUNDANCY]
    events = [e.what for e in selectors.case_events(case=case)]
    assert events[0] == "Recorded the approval of version 3: Scenario 1"
    assert "Version 2 superseded: Replaced by version 3, approved on 12 February 2025" in events
    assert events[-1] == "Saved version 1: First draft"


def test_a_file_with_problems_is_refused_whole_with_each_problem_located(world):
    broken = DORSET.replace("level: high", "level: top").replace("years: 5 ", "years: 0 ")
    with pytest.raises(ValidationError) as refused:
        _stored(world, document=broken)
    messages = refused.value.message_dict["document"]
    assert messages[0].startswith("care.yaml:9 years: the number of years must be a whole")
    assert Case.objects.count() == 0


def test_a_rejection_says_why_and_a_superseded_case_takes_no_more_versions(world):
    admin = world.users["admin"]
    case = _stored(world)
    with pytest.raises(ValidationError, match="its latest version, 1, is draft"):
        services.case_reject(case=case, reason="Too costly", by=admin)
    services.case_submit(case=case, by=admin)
    board = portfolio.board_create(organisation=world.org, name="DARTboard")
    with pytest.raises(ValidationError, match="Give the date of the board's decision"):
        services.case_reject(case=case, reason="Too costly", board=board, by=admin)
    rejected = services.case_reject(
        case=case, reason="Too costly", board=board, decided_on=DAY, by=admin
    )
    assert (rejected.status, rejected.decision.kind) == ("rejected", DecisionKind.OTHER)

    other = _stored(world)
    services.case_supersede(case=case, reason="Replaced by a smaller case", replaced_by=other)
    case.refresh_from_db()
    assert (case.superseded_by, _statuses(case)) == (other, [(1, "rejected")])
    with pytest.raises(ValidationError, match="was superseded on"):
        services.case_version_save(case=case, document=REVISED, by=admin)


def test_the_api_stores_compares_and_decides_a_case(client, world):
    def call(role, method, path, body=None):
        kwargs = dict(world.headers(role))
        if body is not None:
            kwargs |= {"data": json.dumps(body), "content_type": "application/json"}
        return getattr(client, method)(f"/api/orgs/dorset/cases{path}", **kwargs)

    bad = call(
        "lead", "post", "", {"title": "X", "project_id": world.project_a.pk, "document": "years: x"}
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"document"}
    assert len(bad.json()["errors"]) > 1  # every problem, not the first
    body = {"title": "Care", "project_id": world.project_a.pk, "document": DORSET}
    assert call("lead", "post", "", body | {"project_id": world.project_b.pk}).status_code == 403
    made = call("lead", "post", "", body | {"source": "care.yaml"})
    assert made.status_code == 201, made.content
    case = made.json()
    assert (case["status"], case["latest_version"], case["versions"][0]["saved_by"]) == (
        "draft",
        1,
        "lead",
    )
    base = f"/{case['id']}"
    saved = call("finance", "post", f"{base}/versions", {"document": REVISED, "seen": 1})
    assert (saved.status_code, saved.json()["number"]) == (201, 2)
    diff = call("viewer", "get", f"{base}/diff?old=1&new=2").json()
    assert [c["words"] for c in diff["changes"]] == [REDUNDANCY]
    assert (diff["changes"][0]["old"], diff["changes"][0]["new"]) == ("£3,300,000", "£3,400,000")
    document = call("viewer", "get", f"{base}/versions/1/document").json()
    assert document["document"] == DORSET
    assert [o["id"] for o in document["options"]] == ["s1", "s2", "s3", "s4"]
    assert call("lead", "post", f"{base}/submit", {"seen": 2}).json()["status"] == "submitted"
    board = portfolio.board_create(organisation=world.org, name="Cabinet")
    _plan_to_2029(world)
    approval = {"option": "s4", "board_id": board.pk, "decided_on": "2025-02-12"}
    assert call("lead", "post", f"{base}/approve", approval).status_code == 403
    approved = call("admin", "post", f"{base}/approve", approval).json()
    assert (approved["status"], approved["option_name"]) == ("approved", "Scenario 4")
    listed = call("viewer", "get", "?status=approved").json()
    assert [(c["title"], c["in_force"]) for c in listed["items"]] == [("Care", 2)]
    assert call("outsider", "get", base).status_code == 404


def _page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_pages_store_a_case_take_a_new_version_and_show_the_changes(client, world):
    client.force_login(world.users["admin"])
    here = "/o/dorset/business-cases/"
    made = client.post(
        f"{here}new/",
        {
            "title": "Care review case",
            "project": world.project_a.pk,
            "file": SimpleUploadedFile("care.yaml", DORSET.encode()),
            "note": "First draft",
        },
    )
    assert made.status_code == 302, made.content.decode()
    case = Case.objects.get()
    page = f"{here}{case.pk}/"
    assert made["Location"] == page
    bad = client.post(
        f"{page}versions/new/",
        {"file": SimpleUploadedFile("v2.yaml", b"title: [unclosed\n"), "latest": 1},
    )
    assert bad.status_code == 400
    assert "v2.yaml:2: a list opened with [ is not closed" in bad.content.decode()
    done = client.post(
        f"{page}versions/new/",
        {"file": SimpleUploadedFile("v2.yaml", REVISED.encode()), "note": "Costs", "latest": 1},
    )
    assert done.status_code == 302
    assert client.post(f"{page}submit/", {"latest": 2}).status_code == 302
    shown = _page(client, page)
    for said in ("Record an approval", "Costs", "Submitted"):
        assert said in shown
    compared = _page(client, f"{page}compare/?old=1&new=2")
    for said in ("£3,300,000", "£3,400,000", "1 change from version 1 (superseded)"):
        assert said in compared
    assert "Scenario 4" in _page(client, f"{page}versions/2/")
    assert client.get(f"{page}versions/1/case.yaml").content.decode() == DORSET
    # The version as format 2's workbook: Dorset's format 1 file upgraded, every section kept.
    workbook = client.get(f"{page}versions/1/case.xlsx")
    assert "care-review-case-version-1.xlsx" in workbook["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(workbook.content))
    assert book["Inputs"]["B3"].value == "realise-business-case-workbook/2"
    assert "4. Scenario 4" in book.sheetnames
    kept = [row[0] for row in book["Other sections"].iter_rows(min_row=4, values_only=True)]
    assert "published:" in kept
    assert "the workbook (XLSX, live formulas)" in _page(client, f"{page}versions/1/")
    assert "Care review case" in _page(client, here)

    client.force_login(world.users["viewer"])
    assert "Record an approval" not in _page(client, page)
    assert client.get(f"{page}approve/").status_code == 403
    client.force_login(world.users["outsider"])
    assert client.get(page.replace("dorset", "wessex")).status_code == 404


def test_the_command_line_stores_a_case_and_a_version_and_prints_the_changes(world, tmp_path):
    from typer.testing import CliRunner

    from realise.cli import app

    runner = CliRunner()
    first, second, broken = (tmp_path / n for n in ("v1.yaml", "v2.yaml", "bad.yaml"))
    first.write_text(DORSET, encoding="utf-8")
    second.write_text(REVISED, encoding="utf-8")
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    org = ["-o", "dorset", "--as", "lead"]
    stored = runner.invoke(
        app, ["case", "store", str(first), *org, "--title", "Care", "--project", "A-1"]
    )
    assert stored.exit_code == 0, stored.output
    case = Case.objects.get()
    assert f"Stored “Care” as case {case.pk}, version 1" in stored.output
    refused = runner.invoke(app, ["case", "store", str(broken), *org, "--case", str(case.pk)])
    assert (refused.exit_code, "bad.yaml:2" in refused.output) == (1, True)
    theirs = runner.invoke(
        app, ["case", "store", str(first), *org, "--title", "B", "--project", "B-1"]
    )
    assert theirs.exit_code == 1
    assert "does not allow storing this business case" in " ".join(theirs.output.split())
    saved = runner.invoke(app, ["case", "store", str(second), *org, "--case", str(case.pk)])
    assert "Saved version 2" in saved.output
    compared = runner.invoke(app, ["case", "compare", str(case.pk), "1", "2", "-o", "dorset"])
    assert compared.output.split() == REDUNDANCY.split()
    assert "Care" in runner.invoke(app, ["case", "list", "-o", "dorset"]).output


def test_the_change_log_and_a_backup_hold_cases_and_their_versions(world, tmp_path):
    from realise.audit.changes import change_log
    from realise.backup.archive import backup

    case = _stored(world)
    services.case_version_save(case=case, document=REVISED, by=world.users["lead"])
    lines = change_log(organisation=world.org).lines
    assert [line.record for line in lines[:2]] == [
        "Care review case version 2",
        "Care review case version 1",
    ]
    archive = tmp_path / "dorset.zip"
    backup(archive, organisation=world.org)
    with zipfile.ZipFile(archive) as zf:
        versions = json.loads(zf.read("data/cases.caseversion.json"))
    rows = [dict(zip(versions["fields"], row, strict=True)) for row in versions["rows"]]
    assert [(r["number"], r["document"]) for r in rows] == [(1, DORSET), (2, REVISED)]
