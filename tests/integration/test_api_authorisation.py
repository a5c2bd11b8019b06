"""The authorisation matrix: every API endpoint, called as every role, gives exactly the expected
status. The endpoint list comes from the OpenAPI schema, so a new endpoint without a row here
fails ``test_every_endpoint_is_in_the_matrix``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

ROLES = ("viewer", "lead", "finance", "admin", "outsider", "anonymous")  # as conftest.World

pytestmark = pytest.mark.db

DORSET = ("viewer", "lead", "finance", "admin")


def only(status: int, *roles: str) -> dict[str, int]:
    """``status`` for ``roles``; 403 for Dorset's other roles; 404 for the other council's user
    (Dorset's data is never confirmed to exist); 401 when not signed in."""
    table = {role: (status if role in roles else 403) for role in DORSET}
    return table | {"outsider": 404, "anonymous": 401}


READ = only(200, *DORSET)


def leads_own(status: int) -> dict[str, int]:
    """A business-case draft is its writer's own (the project lead's, here): ``status`` for
    them, 404 for everyone else who may write cases (it is not among theirs), 403 for a viewer."""
    return only(status, "lead") | {"finance": 404, "admin": 404}


def _with_shortfall(world: Any, path: str) -> str:
    """A budget of £1,000 for project A in 2022/23 with nothing achieved, so £250 of it may be
    carried forward."""
    from realise.benefits import services as benefits

    benefits.savings_target_set(
        organisation=world.project_a.organisation,
        year="2022/23",
        amount=1000,
        project=world.project_a,
    )
    return path


def _carried(world: Any) -> str:
    """A £250 carry-forward of project A's 2022/23 shortfall, and the path that reverses it."""
    from realise.benefits import services as benefits

    _with_shortfall(world, "")
    carry = benefits.savings_carry_forward(
        organisation=world.project_a.organisation,
        from_year="2022/23",
        to_year="2023/24",
        amount=250,
        reason="Slipped",
        project=world.project_a,
    )
    return f"/api/orgs/dorset/savings/carry-forwards/{carry.pk}/reverse"


def _closed(world: Any, path: str) -> str:
    """The world's fund, closed on 31 March 2023."""
    from realise.funding import services as funding

    funding.fund_close(fund=world.fund, closed_on=date(2023, 3, 31))
    return path


def _approved(world: Any, path: str) -> str:
    """The world's bid, approved in full on 31 March 2023."""
    from realise.funding import services as funding

    funding.bid_decide(bid=world.bid, approve=True, decided_on=date(2023, 3, 31))
    return path


Call = Callable[[Any], tuple[str, dict[str, Any] | None]]

# (method, path in the schema) -> (concrete path and body for the world, expected per role)
MATRIX: dict[tuple[str, str], tuple[Call, dict[str, int]]] = {
    ("get", "/api/organisations"): (
        lambda w: ("/api/organisations", None),
        {role: 200 for role in ROLES} | {"anonymous": 401},
    ),
    ("get", "/api/organisations/{org}"): (lambda w: ("/api/organisations/dorset", None), READ),
    ("get", "/api/orgs/{org}/people"): (
        lambda w: ("/api/orgs/dorset/people", None),
        only(200, "admin"),
    ),
    ("put", "/api/orgs/{org}/people/{user_id}/roles"): (
        lambda w: (
            f"/api/orgs/dorset/people/{w.users['viewer'].pk}/roles",
            {"roles": ["viewer", "finance"]},
        ),
        only(200, "admin"),
    ),
    ("get", "/api/orgs/{org}/projects"): (lambda w: ("/api/orgs/dorset/projects", None), READ),
    ("post", "/api/orgs/{org}/projects"): (
        lambda w: ("/api/orgs/dorset/projects", {"code": "N-1", "name": "New"}),
        only(201, "admin"),
    ),
    ("get", "/api/orgs/{org}/projects/{project_id}"): (
        lambda w: (f"/api/orgs/dorset/projects/{w.project_a.pk}", None),
        READ,
    ),
    ("patch", "/api/orgs/{org}/projects/{project_id}"): (
        lambda w: (
            f"/api/orgs/dorset/projects/{w.project_a.pk}",
            {"version": _version(w.project_a), "summary": "Edited"},
        ),
        only(200, "lead", "admin"),
    ),
    ("post", "/api/orgs/{org}/projects/{project_id}/status"): (
        lambda w: (
            f"/api/orgs/dorset/projects/{w.project_a.pk}/status",
            {"version": _version(w.project_a), "status": "in_progress", "on": "2022-04-01"},
        ),
        only(200, "lead", "admin"),
    ),
    ("post", "/api/orgs/{org}/projects/{project_id}/stage"): (
        lambda w: (
            f"/api/orgs/dorset/projects/{w.project_a.pk}/stage",
            {"version": _version(w.project_a), "stage": _stage(w), "on": "2022-04-01"},
        ),
        only(200, "lead", "admin"),
    ),
    ("get", "/api/orgs/{org}/projects/{project_id}/history"): (
        lambda w: (f"/api/orgs/dorset/projects/{w.project_a.pk}/history", None),
        READ,
    ),
    ("get", "/api/orgs/{org}/decisions"): (lambda w: ("/api/orgs/dorset/decisions", None), READ),
    ("get", "/api/orgs/{org}/plan-years"): (lambda w: ("/api/orgs/dorset/plan-years", None), READ),
    ("put", "/api/orgs/{org}/plan-years"): (
        lambda w: (
            "/api/orgs/dorset/plan-years",
            {"first_year": "2021/22", "last_year": "2027/28"},
        ),
        only(200, "admin"),
    ),
    ("get", "/api/orgs/{org}/savings-rag"): (
        lambda w: ("/api/orgs/dorset/savings-rag", None),
        READ,
    ),
    ("put", "/api/orgs/{org}/savings-rag"): (
        lambda w: ("/api/orgs/dorset/savings-rag", {"green_from": 92, "amber_from": "75.5"}),
        only(200, "admin"),
    ),
    ("get", "/api/orgs/{org}/savings/targets"): (
        lambda w: ("/api/orgs/dorset/savings/targets", None),
        READ,
    ),
    ("get", "/api/orgs/{org}/savings/entries"): (
        lambda w: ("/api/orgs/dorset/savings/entries", None),
        READ,
    ),
    ("post", "/api/orgs/{org}/savings/entries"): (
        lambda w: (
            "/api/orgs/dorset/savings/entries",
            {
                "year": "2022/23",
                "amount": "250.00",
                "project_id": w.project_a.pk,
                "recorded_on": "2023-01-31",
            },
        ),
        only(201, "lead", "finance", "admin"),
    ),
    ("get", "/api/orgs/{org}/savings/carry-forwards"): (
        lambda w: ("/api/orgs/dorset/savings/carry-forwards", None),
        READ,
    ),
    ("post", "/api/orgs/{org}/savings/carry-forwards"): (
        lambda w: (
            _with_shortfall(w, "/api/orgs/dorset/savings/carry-forwards"),
            {
                "from_year": "2022/23",
                "to_year": "2023/24",
                "amount": "250.00",
                "reason": "Slipped",
                "project_id": w.project_a.pk,
            },
        ),
        only(201, "lead", "finance", "admin"),
    ),
    ("post", "/api/orgs/{org}/savings/carry-forwards/{carry_forward_id}/reverse"): (
        lambda w: (_carried(w), {"reason": "Carried from the wrong year"}),
        only(200, "lead", "finance", "admin"),
    ),
    ("post", "/api/orgs/{org}/savings/entries/{entry_id}/validate"): (
        lambda w: (f"/api/orgs/dorset/savings/entries/{w.claim.pk}/validate", {}),
        only(201, "finance"),
    ),
    ("post", "/api/orgs/{org}/savings/entries/{entry_id}/reject"): (
        lambda w: (
            f"/api/orgs/dorset/savings/entries/{w.claim.pk}/reject",
            {"reason": "No evidence"},
        ),
        only(201, "finance"),
    ),
    ("post", "/api/orgs/{org}/savings/claims/validate"): (
        lambda w: ("/api/orgs/dorset/savings/claims/validate", {"ids": [w.claim.pk]}),
        only(201, "finance"),
    ),
    ("post", "/api/orgs/{org}/savings/claims/reject"): (
        lambda w: (
            "/api/orgs/dorset/savings/claims/reject",
            {"ids": [w.claim.pk], "reason": "No evidence"},
        ),
        only(201, "finance"),
    ),
    ("get", "/api/orgs/{org}/savings/entries/{entry_id}/history"): (
        lambda w: (f"/api/orgs/dorset/savings/entries/{w.claim.pk}/history", None),
        READ,
    ),
    ("get", "/api/orgs/{org}/measures"): (lambda w: ("/api/orgs/dorset/measures", None), READ),
    ("post", "/api/orgs/{org}/measures/{measure_id}/readings"): (
        lambda w: (
            f"/api/orgs/dorset/measures/{w.measure.pk}/readings",
            {"taken_on": "2023-03-31", "value": "87.5"},
        ),
        only(201, "lead", "admin"),
    ),
    ("get", "/api/orgs/{org}/reports/savings-by-year"): (
        lambda w: ("/api/orgs/dorset/reports/savings-by-year", None),
        READ,
    ),
    ("get", "/api/orgs/{org}/reports/savings-by-directorate"): (
        lambda w: ("/api/orgs/dorset/reports/savings-by-directorate?year=2022/23", None),
        READ,
    ),
    ("get", "/api/orgs/{org}/reports/savings-by-confidence"): (
        lambda w: ("/api/orgs/dorset/reports/savings-by-confidence?year=2022/23", None),
        READ,
    ),
    ("get", "/api/orgs/{org}/funds"): (lambda w: ("/api/orgs/dorset/funds", None), READ),
    ("post", "/api/orgs/{org}/funds"): (
        lambda w: (
            "/api/orgs/dorset/funds",
            {"name": "Crack on", "kind": "small_change", "pot": "5000.00"},
        ),
        only(201, "finance", "admin"),
    ),
    ("get", "/api/orgs/{org}/funds/{fund_id}"): (
        lambda w: (f"/api/orgs/dorset/funds/{w.fund.pk}", None),
        READ,
    ),
    ("patch", "/api/orgs/{org}/funds/{fund_id}"): (
        lambda w: (
            f"/api/orgs/dorset/funds/{w.fund.pk}",
            {"version": _version(w.fund), "pot": "60000.00"},
        ),
        only(200, "finance", "admin"),
    ),
    ("post", "/api/orgs/{org}/funds/{fund_id}/close"): (
        lambda w: (f"/api/orgs/dorset/funds/{w.fund.pk}/close", {"closed_on": "2023-03-31"}),
        only(200, "finance", "admin"),
    ),
    ("post", "/api/orgs/{org}/funds/{fund_id}/reopen"): (
        lambda w: (_closed(w, f"/api/orgs/dorset/funds/{w.fund.pk}/reopen"), {}),
        only(200, "finance", "admin"),
    ),
    ("get", "/api/orgs/{org}/bids"): (lambda w: ("/api/orgs/dorset/bids", None), READ),
    ("post", "/api/orgs/{org}/bids"): (
        lambda w: (
            "/api/orgs/dorset/bids",
            {"fund_id": w.fund.pk, "title": "Robots", "amount": "1000.00"},
        ),
        only(201, "finance", "admin"),
    ),
    ("post", "/api/orgs/{org}/bids/{bid_id}/decision"): (
        lambda w: (
            f"/api/orgs/dorset/bids/{w.bid.pk}/decision",
            {"approve": True, "decided_on": "2022-06-01"},
        ),
        only(200, "finance", "admin"),
    ),
    ("post", "/api/orgs/{org}/bids/{bid_id}/drawn"): (
        lambda w: (_approved(w, f"/api/orgs/dorset/bids/{w.bid.pk}/drawn"), {"drawn": "100.00"}),
        only(200, "finance", "admin"),
    ),
    ("get", "/api/orgs/{org}/grants"): (lambda w: ("/api/orgs/dorset/grants", None), READ),
    ("get", "/api/orgs/{org}/exports/{kind}"): (
        lambda w: ("/api/orgs/dorset/exports/risks?format=csv", None),
        READ,
    ),
    ("get", "/api/orgs/{org}/risks"): (lambda w: ("/api/orgs/dorset/risks", None), READ),
    ("post", "/api/orgs/{org}/risks"): (
        lambda w: (
            "/api/orgs/dorset/risks",
            {"title": "Supplier", "likelihood": 2, "impact": 3, "project_id": w.project_a.pk},
        ),
        only(201, "lead", "admin"),
    ),
    ("get", "/api/orgs/{org}/risks/{risk_id}"): (
        lambda w: (f"/api/orgs/dorset/risks/{w.risk.pk}", None),
        READ,
    ),
    ("patch", "/api/orgs/{org}/risks/{risk_id}"): (
        lambda w: (
            f"/api/orgs/dorset/risks/{w.risk.pk}",
            {"version": _version(w.risk), "impact": 5},
        ),
        only(200, "lead", "admin"),
    ),
    ("get", "/api/orgs/{org}/reports/heat-map"): (
        lambda w: ("/api/orgs/dorset/reports/heat-map?scores=residual", None),
        READ,
    ),
    # The risk lifecycle: the risk is on project A, which the lead leads.
    ("post", "/api/orgs/{org}/risks/{risk_id}/close"): (
        lambda w: (
            f"/api/orgs/dorset/risks/{w.risk.pk}/close",
            {"version": _version(w.risk), "reason": "Contract signed"},
        ),
        only(200, "lead", "admin"),
    ),
    ("post", "/api/orgs/{org}/risks/{risk_id}/reopen"): (
        lambda w: (
            f"/api/orgs/dorset/risks/{w.risk.pk}/reopen",
            {"version": _version(_closed_risk(w.risk)), "reason": "Supplier withdrew"},
        ),
        only(200, "lead", "admin"),
    ),
    ("post", "/api/orgs/{org}/risks/{risk_id}/escalate"): (
        lambda w: (
            f"/api/orgs/dorset/risks/{w.risk.pk}/escalate",
            {"version": _version(w.risk), "board_id": _board(w).pk},
        ),
        only(200, "lead", "admin"),
    ),
    ("get", "/api/orgs/{org}/risks/{risk_id}/mitigations"): (
        lambda w: (f"/api/orgs/dorset/risks/{w.risk.pk}/mitigations", None),
        READ,
    ),
    ("post", "/api/orgs/{org}/risks/{risk_id}/mitigations"): (
        lambda w: (
            f"/api/orgs/dorset/risks/{w.risk.pk}/mitigations",
            {"action": "Second supplier", "owner": "Procurement", "due_on": "2023-06-30"},
        ),
        only(201, "lead", "admin"),
    ),
    ("post", "/api/orgs/{org}/risks/{risk_id}/mitigations/{mitigation_id}/done"): (
        lambda w: _mitigation_done(w),
        only(200, "lead", "admin"),
    ),
    ("get", "/api/orgs/{org}/risks/{risk_id}/history"): (
        lambda w: (f"/api/orgs/dorset/risks/{w.risk.pk}/history", None),
        READ,
    ),
    ("get", "/api/orgs/{org}/settings/{kind}"): (
        lambda w: ("/api/orgs/dorset/settings/directorates", None),
        READ,
    ),
    ("post", "/api/orgs/{org}/settings/{kind}"): (
        lambda w: ("/api/orgs/dorset/settings/boards", {"name": "Cabinet"}),
        only(201, "admin"),
    ),
    ("patch", "/api/orgs/{org}/settings/{kind}/{item_id}"): (
        lambda w: (
            f"/api/orgs/dorset/settings/directorates/{w.project_a.directorate_id}",
            {"name": "People and Health", "retired": True},
        ),
        only(200, "admin"),
    ),
    ("get", "/api/orgs/{org}/risk-bands"): (lambda w: ("/api/orgs/dorset/risk-bands", None), READ),
    ("post", "/api/orgs/{org}/risk-bands"): (
        lambda w: ("/api/orgs/dorset/risk-bands", {"name": "severe", "min_score": 20}),
        only(201, "admin"),
    ),
    ("patch", "/api/orgs/{org}/risk-bands/{band_id}"): (
        lambda w: (f"/api/orgs/dorset/risk-bands/{_band(w, 'high')}", {"retired": True}),
        only(200, "admin"),
    ),
    ("get", "/api/orgs/{org}/papers"): (lambda w: ("/api/orgs/dorset/papers", None), READ),
    ("post", "/api/orgs/{org}/papers"): (
        lambda w: (
            "/api/orgs/dorset/papers",
            {"title": "Annual report", "published_on": "2024-07-18", "figures": [RISKS]},
        ),
        only(201, "finance", "admin"),
    ),
    ("get", "/api/orgs/{org}/papers/{paper_id}"): (
        lambda w: (f"/api/orgs/dorset/papers/{_paper(w)}", None),
        READ,
    ),
    ("patch", "/api/orgs/{org}/papers/{paper_id}"): (
        lambda w: _paper_edit(w),
        only(200, "finance", "admin"),
    ),
    ("delete", "/api/orgs/{org}/papers/{paper_id}"): (
        lambda w: (f"/api/orgs/dorset/papers/{_paper(w)}", None),
        only(204, "finance", "admin"),
    ),
    ("post", "/api/orgs/{org}/papers/{paper_id}/figures"): (
        lambda w: (f"/api/orgs/dorset/papers/{_paper(w)}/figures", {"figures": [RISKS]}),
        only(200, "finance", "admin"),
    ),
    ("get", "/api/orgs/{org}/cases"): (lambda w: ("/api/orgs/dorset/cases", None), READ),
    ("post", "/api/orgs/{org}/cases"): (
        lambda w: (
            "/api/orgs/dorset/cases",
            {"title": "Care", "project_id": w.project_a.pk, "document": _case_file()},
        ),
        only(201, "lead", "finance", "admin"),
    ),
    ("post", "/api/orgs/{org}/cases/upload"): (
        lambda w: (
            "/api/orgs/dorset/cases/upload",
            {"file": _upload("care.yaml"), "title": "Care", "project_id": w.project_a.pk},
        ),
        only(201, "lead", "finance", "admin"),
    ),
    ("post", "/api/orgs/{org}/case-drafts/upload"): (
        lambda w: ("/api/orgs/dorset/case-drafts/upload", {"file": _upload("care.yaml")}),
        only(201, "lead", "finance", "admin"),
    ),
    ("post", "/api/orgs/{org}/cases/{case_id}/versions/upload"): (
        lambda w: (
            f"/api/orgs/dorset/cases/{_case(w).pk}/versions/upload",
            {"file": _upload("v2.yaml", "# version 2\n"), "note": "Costs"},
        ),
        only(201, "lead", "finance", "admin"),
    ),
    ("get", "/api/orgs/{org}/cases/{case_id}"): (
        lambda w: (f"/api/orgs/dorset/cases/{_case(w).pk}", None),
        READ,
    ),
    ("post", "/api/orgs/{org}/cases/{case_id}/versions"): (
        lambda w: (
            f"/api/orgs/dorset/cases/{_case(w).pk}/versions",
            {"document": _case_file("# version 2\n")},
        ),
        only(201, "lead", "finance", "admin"),
    ),
    ("get", "/api/orgs/{org}/cases/{case_id}/versions/{number}/document"): (
        lambda w: (f"/api/orgs/dorset/cases/{_case(w).pk}/versions/1/document", None),
        READ,
    ),
    ("get", "/api/orgs/{org}/cases/{case_id}/versions/{number}/workbook"): (
        lambda w: (f"/api/orgs/dorset/cases/{_case(w).pk}/versions/1/workbook", None),
        READ,
    ),
    ("get", "/api/orgs/{org}/cases/{case_id}/diff"): (
        lambda w: (f"/api/orgs/dorset/cases/{_case(w).pk}/diff?old=1&new=1", None),
        READ,
    ),
    ("get", "/api/orgs/{org}/cases/{case_id}/targets"): (
        lambda w: (f"/api/orgs/dorset/cases/{_case(w).pk}/targets", None),
        READ,
    ),
    ("post", "/api/orgs/{org}/cases/{case_id}/submit"): (
        lambda w: (f"/api/orgs/dorset/cases/{_case(w).pk}/submit", {}),
        only(200, "lead", "finance", "admin"),
    ),
    ("post", "/api/orgs/{org}/cases/{case_id}/approve"): (
        lambda w: (
            f"/api/orgs/dorset/cases/{_case(w, submitted=True).pk}/approve",
            {"option": "s4", "board_id": _board(w).pk, "decided_on": "2025-02-12"},
        ),
        only(200, "admin"),
    ),
    ("post", "/api/orgs/{org}/cases/{case_id}/reject"): (
        lambda w: (
            f"/api/orgs/dorset/cases/{_case(w, submitted=True).pk}/reject",
            {"reason": "Too costly"},
        ),
        only(200, "admin"),
    ),
    ("post", "/api/orgs/{org}/cases/{case_id}/supersede"): (
        lambda w: (f"/api/orgs/dorset/cases/{_case(w).pk}/supersede", {"reason": "Replaced"}),
        only(200, "admin"),
    ),
    ("get", "/api/orgs/{org}/cases/{case_id}/realisation"): (
        lambda w: (f"/api/orgs/dorset/cases/{_case(w, approved=True).pk}/realisation", None),
        READ,
    ),
    ("get", "/api/orgs/{org}/realisation"): (
        lambda w: ("/api/orgs/dorset/realisation", None),
        READ,
    ),
    ("post", "/api/orgs/{org}/cases/{case_id}/reforecasts"): (
        lambda w: (
            f"/api/orgs/dorset/cases/{_case(w, approved=True).pk}/reforecasts",
            {"line": "layer:customer", "year": "2025/26", "amount": "1000.00", "note": "Later"},
        ),
        only(201, "lead", "finance", "admin"),
    ),
    ("get", "/api/orgs/{org}/case-starters"): (
        lambda w: ("/api/orgs/dorset/case-starters", None),
        only(200, "lead", "finance", "admin"),
    ),
    ("get", "/api/orgs/{org}/case-drafts"): (
        lambda w: ("/api/orgs/dorset/case-drafts", None),
        only(200, "lead", "finance", "admin"),
    ),
    ("post", "/api/orgs/{org}/case-drafts"): (
        lambda w: ("/api/orgs/dorset/case-drafts", {"from": "blank"}),
        only(201, "lead", "finance", "admin"),
    ),
    ("get", "/api/orgs/{org}/case-drafts/{draft_id}"): (
        lambda w: (f"/api/orgs/dorset/case-drafts/{_draft(w).pk}", None),
        leads_own(200),
    ),
    ("put", "/api/orgs/{org}/case-drafts/{draft_id}"): (
        lambda w: _draft_renamed(w),
        leads_own(200),
    ),
    ("delete", "/api/orgs/{org}/case-drafts/{draft_id}"): (
        lambda w: (f"/api/orgs/dorset/case-drafts/{_draft(w).pk}", None),
        leads_own(204),
    ),
    ("get", "/api/orgs/{org}/case-drafts/{draft_id}/figures"): (
        lambda w: (f"/api/orgs/dorset/case-drafts/{_draft(w).pk}/figures", None),
        leads_own(200),
    ),
    ("get", "/api/orgs/{org}/case-drafts/{draft_id}/workbook"): (
        lambda w: (f"/api/orgs/dorset/case-drafts/{_draft(w).pk}/workbook", None),
        leads_own(200),
    ),
    ("post", "/api/orgs/{org}/case-drafts/{draft_id}/save"): (
        lambda w: (
            f"/api/orgs/dorset/case-drafts/{_draft(w).pk}/save",
            {"note": "First version", "project_id": w.project_a.pk},
        ),
        leads_own(201),
    ),
}

# A figure a committee paper printed: one open high risk.
RISKS = {"table": "risks-by-band", "row": "high", "column": "risks", "printed": "1"}


def _paper(world: Any) -> int:
    from realise.reconciliation.services import paper_create

    return paper_create(
        organisation=world.org, title="Risk report", published_on=date(2024, 7, 18)
    ).pk


def _paper_edit(world: Any) -> tuple[str, dict[str, Any]]:
    from realise.reconciliation.models import PublishedPaper

    paper = PublishedPaper.objects.get(pk=_paper(world))
    return f"/api/orgs/dorset/papers/{paper.pk}", {"version": _version(paper), "committee": "x"}


def _case_file(extra: str = "") -> str:
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"
    return extra + example.read_text(encoding="utf-8")


def _upload(name: str, extra: str = "") -> Any:
    """A case file as an uploaded file, for the endpoints that take one (multipart)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, _case_file(extra).encode())


def _case(world: Any, *, submitted: bool = False, approved: bool = False) -> Any:
    """A stored case of project A (which the project lead leads), its first version a draft or,
    with ``submitted``, submitted for a decision, or with ``approved``, approved (Scenario 4);
    the plan years then run to 2029/30, the case's last year, so that it may be approved."""
    from realise.benefits.services import plan_years_set
    from realise.cases import services as cases

    case = cases.case_create(
        organisation=world.org, title="Care", project=world.project_a, document=_case_file()
    )
    if submitted or approved:
        cases.case_submit(case=case)
        plan_years_set(organisation=world.org, first_year="2020/21", last_year="2029/30")
    if approved:
        board = _board(world)
        cases.case_approve(case=case, option="s4", board=board, decided_on=date(2025, 2, 12))
    return case


def _draft(world: Any) -> Any:
    """The project lead's draft of a new case, started blank."""
    from realise.cases.draft_services import draft_start
    from realise.cases.drafts import blank_text
    from realise.finance.appraisal.edit import blank
    from realise.finance.calendar import FinancialYear

    text = blank_text(blank("Dorset Council", FinancialYear(2025)))
    return draft_start(organisation=world.org, document=text, by=world.users["lead"])


def _draft_renamed(world: Any) -> tuple[str, dict[str, Any]]:
    draft = _draft(world)
    renamed = draft.document.replace("title: New business case", "title: Care review")
    return f"/api/orgs/dorset/case-drafts/{draft.pk}", {"document": renamed}


def _band(world: Any, name: str) -> int:
    from realise.risks.selectors import band_named

    return band_named(organisation=world.org, name=name).pk


def _closed_risk(risk: Any) -> Any:
    from realise.core.concurrency import LATEST
    from realise.risks.services import risk_close

    return risk_close(risk=risk, reason="Passed", seen_version=LATEST)


def _board(world: Any) -> Any:
    from realise.portfolio.services import board_create

    return board_create(organisation=world.org, name="Performance Board")


def _mitigation_done(world: Any) -> tuple[str, dict[str, Any]]:
    from realise.risks.services import mitigation_add

    action = mitigation_add(risk=world.risk, action="Train cover staff")
    path = f"/api/orgs/dorset/risks/{world.risk.pk}/mitigations/{action.pk}/done"
    return path, {"version": _version(action)}


def _stage(world: Any) -> str:
    from realise.portfolio.services import lifecycle_stage_create

    return lifecycle_stage_create(organisation=world.org, name="Deliver", order=1).name


def _version(obj: Any) -> int | None:
    from realise.core.concurrency import current_version

    return current_version(obj)


def schema_operations() -> set[tuple[str, str]]:
    from realise.config.api import api

    schema = api.get_openapi_schema()
    return {(method, path) for path, ops in schema["paths"].items() for method in ops}


def test_every_endpoint_is_in_the_matrix():
    assert schema_operations() == set(MATRIX)


def call(client, world, role: str, method: str, path: str, body: dict[str, Any] | None) -> Any:
    kwargs: dict[str, Any] = dict(world.headers(role))
    if body is not None and any(hasattr(value, "read") for value in body.values()):
        kwargs |= {"data": body}  # a file: sent as multipart/form-data, as a browser sends it
    elif body is not None:
        kwargs |= {"data": json.dumps(body), "content_type": "application/json"}
    return getattr(client, method)(path, **kwargs)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(MATRIX), ids=lambda op: f"{op[0]} {op[1]}")
def test_each_role_gets_exactly_the_expected_status(client, world, operation, role):
    build, expected = MATRIX[operation]
    path, body = build(world)
    response = call(client, world, role, operation[0], path, body)
    assert response.status_code == expected[role], response.content
    if response.status_code >= 400:
        assert response.json()["detail"]


@pytest.mark.parametrize("role", ["viewer", "lead", "finance", "admin"])
def test_a_dorset_user_never_reaches_wessex_records_through_their_own_organisation(
    client, world, role
):
    """Another council's record, addressed through an organisation the user belongs to, is 404."""
    response = client.get(
        f"/api/orgs/dorset/projects/{world.other_project.pk}", **world.headers(role)
    )
    assert response.status_code == 404
    listed = client.get("/api/orgs/dorset/projects", **world.headers(role)).json()["items"]
    assert {p["code"] for p in listed} == {"A-1", "B-1"}


def test_the_outsider_sees_only_their_own_organisation(client, world):
    mine = client.get("/api/organisations", **world.headers("outsider")).json()
    assert mine == [{"slug": "wessex", "name": "Wessex Council", "roles": ["tmo_admin"]}]


@pytest.mark.parametrize(
    "path",
    [
        "/api/orgs/dorset/settings/directorates/{other}",
        "/api/orgs/wessex/settings/directorates/{other}",
        "/api/orgs/dorset/risk-bands/{other_band}",
    ],
)
def test_a_tmo_admin_never_changes_another_councils_settings(client, world, path):
    """Wessex's directorate or band, addressed through Dorset or through Wessex itself: 404,
    and nothing changes."""
    from realise.portfolio import services as portfolio
    from realise.risks import services as risks

    other = portfolio.directorate_create(organisation=world.other_org, name="Wessex Roads")
    band = risks.risk_band_add(organisation=world.other_org, name="low", min_score=1)
    address = path.format(other=other.pk, other_band=band.pk)
    response = call(client, world, "admin", "patch", address, {"name": "Taken", "retired": True})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    other.refresh_from_db()
    band.refresh_from_db()
    assert (other.name, other.retired, band.name, band.retired) == (
        "Wessex Roads",
        False,
        "low",
        False,
    )


def test_a_project_lead_cannot_edit_a_project_they_do_not_lead(client, world):
    path = f"/api/orgs/dorset/projects/{world.project_b.pk}"
    body = {"version": _version(world.project_b), "summary": "Not mine"}
    response = call(client, world, "lead", "patch", path, body)
    assert response.status_code == 403
    world.project_b.refresh_from_db()
    assert world.project_b.summary == ""


# Assigning a lead: an edit of the project, but only TMO admins may hand a project to someone, not
# even its own lead (who may edit everything else on it).
ASSIGN_LEAD = only(200, "admin")


@pytest.mark.parametrize("role", ROLES)
def test_only_a_tmo_admin_may_assign_a_projects_lead(client, world, role):
    path = f"/api/orgs/dorset/projects/{world.project_a.pk}"
    body = {"version": _version(world.project_a), "lead_user": "finance"}
    response = call(client, world, role, "patch", path, body)
    assert response.status_code == ASSIGN_LEAD[role], response.content
    world.project_a.refresh_from_db()
    expected = world.users["finance" if ASSIGN_LEAD[role] == 200 else "lead"]
    assert world.project_a.lead_user == expected


@pytest.mark.parametrize("role", ["admin", "lead"])
def test_nobody_assigns_a_lead_to_another_councils_project(client, world, role):
    path = f"/api/orgs/dorset/projects/{world.other_project.pk}"
    body = {"version": _version(world.other_project), "lead_user": "finance"}
    assert call(client, world, role, "patch", path, body).status_code == 404
    world.other_project.refresh_from_db()
    assert world.other_project.lead_user is None
