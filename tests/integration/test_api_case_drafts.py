"""The business-case editor's drafts through the API: a draft started blank, from an example, from
a file of either format or from a stored case; read as a format 2 file; replaced with a changed
file (a refused one named by line and place, the draft as it was); its figures; discarded; saved
as a new case or a case's next version with the figures it had; and who may do each. Every role
against every endpoint is in test_api_authorisation.py."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from realise.cases import selectors, services
from realise.cases.drafts import starter
from realise.cases.models import Case, CaseDraft
from realise.finance.appraisal.engine import run_appraisal
from realise.finance.casefile.workbook_layout import WORKBOOK_FORMAT

pytestmark = pytest.mark.db

DRAFTS = "/api/orgs/dorset/case-drafts"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"
DORSET = EXAMPLE.read_text(encoding="utf-8")
SYSTEMS = starter("systems").text  # type: ignore[union-attr]


def send(client, world, role, method, path, body=None):
    extra = {"data": json.dumps(body), "content_type": "application/json"} if body else {}
    return getattr(client, method)(path, **extra, **world.headers(role))


def start(client, world, role="finance", **body):
    response = send(client, world, role, "post", DRAFTS, body)
    assert response.status_code == 201, response.content
    return response.json()


def test_a_blank_draft_is_started_listed_read_and_discarded(client, world):
    started = start(client, world, **{"from": "blank", "title": "Libraries review"})
    assert started["title"] == "Libraries review"
    assert started["case_id"] is None
    assert started["started_from"] == "a blank case"
    assert started["document"].startswith("format: realise-business-case/2\n")
    assert "organisation: Dorset Council" in started["document"]
    assert [o["id"] for o in started["options"]] == ["option_1"]

    listed = send(client, world, "finance", "get", DRAFTS).json()
    assert listed["count"] == 1
    assert listed["items"][0]["id"] == started["id"]
    assert send(client, world, "admin", "get", DRAFTS).json()["count"] == 0  # not theirs

    path = f"{DRAFTS}/{started['id']}"
    assert send(client, world, "finance", "get", path).json()["document"] == started["document"]
    assert send(client, world, "finance", "delete", path).status_code == 204
    assert send(client, world, "finance", "get", path).status_code == 404
    assert not CaseDraft.objects.exists()
    deleted = CaseDraft.history.filter(history_type="-").get()
    assert deleted.history_user == world.users["finance"]


def test_an_examples_draft_has_its_figures_worked_out_to_the_penny(client, world):
    starters = send(client, world, "lead", "get", "/api/orgs/dorset/case-starters").json()
    assert "systems" in {s["id"] for s in starters}
    draft = start(client, world, "lead", **{"from": "starter", "starter": "systems"})
    assert draft["started_from"] == "the example “Systems or digital case”"

    figures = client.get(f"{DRAFTS}/{draft['id']}/figures", **world.headers("lead")).json()
    assert figures["years"][0] == "2026/27"
    assert [o["id"] for o in figures["options"]] == ["do_nothing", "replace"]
    replace = figures["options"][1]
    assert replace["role"] == "preferred"
    first = replace["years"][0]
    # £250,000 capital and £40,000 data migration in 2026/27, raised 20% by optimism bias.
    assert first["cost"] == "348000.00"
    assert first["cost_bias"] == "58000.00"
    assert first["discount_factor"] == "1.0000"
    assert first["cumulative_net"] == "-348000.00"
    assert replace["years"][1]["discount_factor"] == "0.9662"
    migration = next(line for line in replace["lines"] if line["id"] == "migration")
    assert migration["written"][0] == "40000.00"
    assert migration["total"] == "48000.00"
    assert replace["versus_do_nothing"]["do_nothing"] == "do_nothing"
    assert figures["options"][0]["versus_do_nothing"] is None
    assert figures["audit"] is None

    # The engine's figures for the same file, rounded once to the penny.
    result = run_appraisal(selectors.draft_appraisal(draft=CaseDraft.objects.get()))[1]
    assert replace["npv"] == f"{result.npv.quantize(Decimal('0.01'))}"
    assert replace["payback"]["year"] == (result.payback.year and result.payback.year.label)
    assert replace["payback"]["phrase"] == result.payback.phrase

    only = client.get(f"{DRAFTS}/{draft['id']}/figures?option=replace", **world.headers("lead"))
    assert [o["id"] for o in only.json()["options"]] == ["replace"]
    unknown = client.get(f"{DRAFTS}/{draft['id']}/figures?option=nope", **world.headers("lead"))
    assert unknown.status_code == 422
    assert unknown.json()["field"] == "option"
    assert "do_nothing, replace" in unknown.json()["detail"]

    # The draft as format 2's workbook, as the editor's download gives it.
    workbook = client.get(f"{DRAFTS}/{draft['id']}/workbook", **world.headers("lead"))
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(workbook.content))
    assert book.sheetnames[:2] == ["Summary", "Inputs"]
    assert book.sheetnames[2].startswith("1. Do nothing")
    assert book["Inputs"]["B3"].value == WORKBOOK_FORMAT


def test_a_format_1_file_becomes_a_format_2_draft_whose_published_figures_are_audited(
    client, world
):
    body = {"from": "document", "document": DORSET, "source": "dorset.yaml"}
    draft = start(client, world, "admin", **body)
    assert draft["document"].startswith("format: realise-business-case/2")
    assert draft["started_from"] == "the file dorset.yaml"
    figures = client.get(f"{DRAFTS}/{draft['id']}/figures", **world.headers("admin")).json()
    assert figures["audit"]["figures_checked"] > 0
    assert figures["audit"]["summary"]
    unnamed = start(client, world, "admin", **{"from": "document", "document": SYSTEMS})
    assert unnamed["started_from"] == "a file sent to the API"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"from": "starter"}, "starter"),
        ({"from": "starter", "starter": "nope"}, "starter"),
        ({"from": "document"}, "document"),
        ({"from": "case"}, "case_id"),
        ({"from": "blank", "document": "format: x"}, "document"),
        ({"from": "starter", "starter": "systems", "title": "Mine"}, "title"),
        ({"from": "elsewhere"}, "from"),
        ({"from": "document", "document": "title: [unclosed"}, "document"),
    ],
)
def test_a_start_that_cannot_be_made_is_refused_naming_the_field(client, world, body, field):
    response = send(client, world, "finance", "post", DRAFTS, body)
    assert response.status_code == 422, response.content
    assert response.json()["field"] == field
    assert not CaseDraft.objects.exists()


@pytest.mark.parametrize(
    ("broken", "place"),
    [
        (
            SYSTEMS.replace("2027/28: 100000}", "2045/46: 100000}"),
            "the draft:30 options[1].costs[0].amounts.2045/46: 2045/46 is outside the modelled "
            "years (2026/27 to 2035/36)",
        ),
        (
            SYSTEMS.replace("    preferred: true\n", "    preferred: true\n    do_nothing: true\n"),
            "the draft:26 options[1].do_nothing: only one option can be the do-nothing one",
        ),
        (SYSTEMS.replace("options:\n", "options: [\n", 1), "the draft:13: the layout is broken"),
    ],
    ids=["year outside the case", "rule broken", "YAML broken"],
)
def test_a_changed_file_that_cannot_be_used_is_refused_whole_and_the_draft_kept(
    client, world, broken, place
):
    draft = start(client, world, **{"from": "starter", "starter": "systems"})
    kept = CaseDraft.objects.get()
    response = send(
        client, world, "finance", "put", f"{DRAFTS}/{draft['id']}", {"document": broken}
    )
    assert response.status_code == 422, response.content
    problem = response.json()
    assert problem["field"] == "document"
    assert problem["errors"][0]["message"].startswith(place)
    after = CaseDraft.objects.get()
    assert (after.document, after.updated_at) == (kept.document, kept.updated_at)
    assert after.history.count() == 1  # started, never changed


def test_a_changed_file_is_kept_with_who_changed_it(client, world):
    draft = start(client, world, **{"from": "blank"})
    changed = SYSTEMS.replace("title: Replace the case", "title: Renew the case")
    response = send(
        client, world, "finance", "put", f"{DRAFTS}/{draft['id']}", {"document": changed}
    )
    assert response.status_code == 200, response.content
    assert response.json()["title"].startswith("Renew the case management system")
    assert response.json()["document"] == changed
    assert [o["id"] for o in response.json()["options"]] == ["do_nothing", "replace"]
    latest = CaseDraft.history.order_by("-history_id").first()
    assert (latest.history_type, latest.history_user) == ("~", world.users["finance"])


def _figures(client, world, role, draft_id):
    response = client.get(f"{DRAFTS}/{draft_id}/figures", **world.headers(role))
    assert response.status_code == 200, response.content
    return response.json()["options"]


def test_a_new_case_saved_from_a_draft_is_stored_with_the_figures_it_had(client, world):
    draft = start(client, world, "lead", **{"from": "starter", "starter": "systems"})
    before = _figures(client, world, "lead", draft["id"])
    body = {"note": "Outline case", "project_id": world.project_a.pk}
    saved = send(client, world, "lead", "post", f"{DRAFTS}/{draft['id']}/save", body)
    assert saved.status_code == 201, saved.content
    case = saved.json()
    assert (case["project_id"], case["latest_version"]) == (world.project_a.pk, 1)
    assert case["versions"][0]["note"] == "Outline case"
    assert not CaseDraft.objects.exists()

    version = selectors.case_versions(case=Case.objects.get(pk=case["id"]))[0]
    assert version.document == draft["document"]
    stored = run_appraisal(selectors.version_document(version=version).appraisal)
    for option, result in zip(before, stored, strict=True):
        assert option["npv"] == f"{result.npv.quantize(Decimal('0.01'))}"
        assert [y["net"] for y in option["years"]] == [f"{y.net:.2f}" for y in result.years]


def test_a_stored_cases_draft_starts_from_its_latest_version_and_saves_as_the_next(client, world):
    case = services.case_create(
        organisation=world.org, title="Care", project=world.project_a, document=SYSTEMS
    )
    first = start(client, world, "lead", **{"from": "case", "case_id": case.pk})
    assert (first["case_id"], first["based_on"]) == (case.pk, 1)
    assert first["started_from"] == "version 1"
    again = send(client, world, "lead", "post", DRAFTS, {"from": "case", "case_id": case.pk})
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]

    path = f"{DRAFTS}/{first['id']}"
    changed = first["document"].replace("annual: 70000", "annual: 75000")
    assert send(client, world, "lead", "put", path, {"document": changed}).status_code == 200
    figures = _figures(client, world, "lead", first["id"])
    refused = send(client, world, "lead", "post", f"{path}/save", {"note": "x", "project_id": 1})
    assert refused.status_code == 422
    assert refused.json()["field"] == "project_id"

    saved = send(client, world, "lead", "post", f"{path}/save", {"note": "Dearer licences"})
    assert saved.status_code == 201, saved.content
    assert saved.json()["latest_version"] == 2
    version = selectors.version_in(case=case, number=2)
    assert version.document == changed
    stored = run_appraisal(selectors.version_document(version=version).appraisal)
    assert [o["npv"] for o in figures] == [f"{r.npv.quantize(Decimal('0.01'))}" for r in stored]


def test_a_draft_of_a_case_saved_again_since_it_started_is_not_saved(client, world):
    case = services.case_create(
        organisation=world.org, title="Care", project=world.project_a, document=SYSTEMS
    )
    draft = start(client, world, "admin", **{"from": "case", "case_id": case.pk})
    services.case_version_save(case=case, document="# later\n" + SYSTEMS)
    path = f"{DRAFTS}/{draft['id']}"
    saved = send(client, world, "admin", "post", f"{path}/save", {"note": "Mine"})
    assert saved.status_code == 422
    assert saved.json()["field"] == "seen"
    assert CaseDraft.objects.filter(pk=draft["id"]).exists()
    assert selectors.case_versions(case=case)[0].number == 2


def test_a_viewer_may_not_start_or_list_drafts(client, world):
    body = {"from": "blank"}
    assert send(client, world, "viewer", "post", DRAFTS, body).status_code == 403
    assert send(client, world, "viewer", "get", DRAFTS).status_code == 403
    assert not CaseDraft.objects.exists()


def test_a_project_lead_writes_only_their_own_projects_cases(client, world):
    other = services.case_create(
        organisation=world.org, title="Libraries", project=world.project_b, document=SYSTEMS
    )
    body = {"from": "case", "case_id": other.pk}
    assert send(client, world, "lead", "post", DRAFTS, body).status_code == 403

    draft = start(client, world, "lead", **{"from": "blank"})
    save = f"{DRAFTS}/{draft['id']}/save"
    for scope in ({"project_id": world.project_b.pk}, {}):
        response = send(client, world, "lead", "post", save, {"note": "x", **scope})
        assert response.status_code == 403, scope
    assert CaseDraft.objects.filter(pk=draft["id"]).exists()
    assert not Case.objects.filter(title="New business case").exists()


def test_a_programmes_case_is_stored_only_by_those_who_may_write_cases_council_wide(client, world):
    from realise.portfolio.reference import programme_create

    programme = programme_create(organisation=world.org, name="Better services")
    mine = start(client, world, "lead", **{"from": "blank"})
    body = {"note": "x", "programme_id": programme.pk}
    refused = send(client, world, "lead", "post", f"{DRAFTS}/{mine['id']}/save", body)
    assert refused.status_code == 403

    theirs = start(client, world, "finance", **{"from": "blank"})
    saved = send(client, world, "finance", "post", f"{DRAFTS}/{theirs['id']}/save", body)
    assert saved.status_code == 201, saved.content
    assert saved.json()["programme_id"] == programme.pk


def test_a_lead_no_longer_leading_the_project_may_not_change_the_draft(client, world):
    from realise.core.concurrency import LATEST
    from realise.portfolio import services as portfolio

    case = services.case_create(
        organisation=world.org, title="Care", project=world.project_a, document=SYSTEMS
    )
    draft = start(client, world, "lead", **{"from": "case", "case_id": case.pk})
    portfolio.project_update(
        project=world.project_b, seen_version=LATEST, changes={"lead_user": world.users["lead"]}
    )
    portfolio.project_update(
        project=world.project_a, seen_version=LATEST, changes={"lead_user": None}
    )
    path = f"{DRAFTS}/{draft['id']}"
    assert send(client, world, "lead", "get", path).status_code == 403
    changed = {"document": SYSTEMS.replace("title: Replace", "title: Renew")}
    assert send(client, world, "lead", "put", path, changed).status_code == 403
    assert CaseDraft.objects.get().document == draft["document"]


def test_another_councils_draft_is_not_found(client, world):
    from realise.cases.draft_services import draft_start

    theirs = draft_start(organisation=world.other_org, document=SYSTEMS, by=world.users["outsider"])
    for path in (f"{DRAFTS}/{theirs.pk}", f"/api/orgs/wessex/case-drafts/{theirs.pk}"):
        assert send(client, world, "admin", "get", path).status_code == 404
        assert send(client, world, "admin", "delete", path).status_code == 404
    assert CaseDraft.objects.filter(pk=theirs.pk).exists()
    mine = send(client, world, "outsider", "get", f"/api/orgs/wessex/case-drafts/{theirs.pk}")
    assert mine.status_code == 200
