"""Holes found by an adversarial review of the access rules (issue #5), each shown by a request a
role must not be able to make, and the areas checked without finding one: the web forms' choices
and posted ids, the API's session CSRF, sign-in redirects, set-password links, the import and
export pages and the error pages."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from realise.benefits import services as benefits
from realise.benefits.models import EntryStatus, SavingsEntry

pytestmark = pytest.mark.db


def _as(client, world, role):
    client.force_login(world.users[role])
    return client


def _saving_form(project, status="achieved", amount="500.00"):
    return {
        "project": str(project.pk),
        "directorate": "",
        "year": "2022",
        "status": status,
        "kind": "cashable",
        "amount": amount,
        "recorded_on-day": "31",
        "recorded_on-month": "3",
        "recorded_on-year": "2023",
        "note": "",
    }


def _correction():
    return {
        "reason": "Wrong figure",
        "recorded_on-day": "1",
        "recorded_on-month": "4",
        "recorded_on-year": "2023",
    }


def _achieved(world):
    return sum(
        (
            e.amount
            for e in SavingsEntry.objects.filter(
                organisation=world.org, status=EntryStatus.ACHIEVED
            )
        ),
        Decimal(0),
    )


# Claimed and validated savings on the web ------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "kept_as"),
    [("lead", EntryStatus.CLAIMED), ("admin", EntryStatus.CLAIMED), ("finance", "achieved")],
)
def test_an_achieved_saving_recorded_on_the_web_is_a_claim_unless_finance_records_it(
    client, world, role, kept_as
):
    """Only finance turns a claim into a validated saving: the web form offers anyone else a
    claim (and refuses "achieved" from them: ``test_saving_form_statuses.py``), and the service
    keeps whatever they record as claimed, as the API does."""
    _as(client, world, role)
    response = client.post("/o/dorset/savings/record/", _saving_form(world.project_a, kept_as))
    assert response.status_code == 302, response.content
    entry = SavingsEntry.objects.filter(organisation=world.org).latest("id")
    assert (entry.status, entry.amount) == (kept_as, Decimal("500.00"))
    shown = client.get(response["Location"]).content.decode()
    assert ("finance will validate the claim" in shown) is (kept_as == EntryStatus.CLAIMED)


def _validated_saving(world):
    """A validated saving of £700 on project A, recorded by finance on 31 March 2023."""
    return benefits.saving_record(
        organisation=world.org,
        year="2022/23",
        amount="700.00",
        project=world.project_a,
        recorded_on=date(2023, 3, 31),
        by=world.users["finance"],
    )


def test_a_reversal_cannot_be_reversed(world):
    """Reversing a reversal would bring back a validated saving without finance; the service
    refuses it for everyone (record the right figure anew instead)."""
    entry = _validated_saving(world)
    reversal = benefits.saving_reverse(
        entry=entry, reason="Double counted", recorded_on=date(2023, 4, 1)
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="cannot itself be reversed"):
        benefits.saving_reverse(entry=reversal, reason="Undo", recorded_on=date(2023, 4, 2))


def test_a_project_lead_cannot_bring_back_a_saving_finance_reversed(client, world):
    entry = _validated_saving(world)
    reversal = benefits.saving_reverse(
        entry=entry, reason="Not delivered", recorded_on=date(2023, 4, 1)
    )
    before = _achieved(world)
    _as(client, world, "lead")
    response = client.post(f"/o/dorset/savings/{reversal.pk}/correct/", _correction())
    assert response.status_code in (400, 403)
    assert _achieved(world) == before


@pytest.mark.parametrize("role", ["lead", "admin"])
def test_only_finance_undoes_a_validated_saving(client, world, role):
    """Finance validated the lead's claim; neither the lead nor a TMO admin may reverse the
    validated entry (that would undo finance's decision)."""
    validated = benefits.saving_validate(
        entry=world.claim, recorded_on=date(2023, 1, 31), by=world.users["finance"]
    )
    before = _achieved(world)
    _as(client, world, role)
    assert client.get(f"/o/dorset/savings/{validated.pk}/correct/").status_code == 403
    response = client.post(f"/o/dorset/savings/{validated.pk}/correct/", _correction())
    assert response.status_code == 403
    assert _achieved(world) == before
    _as(client, world, "finance")
    response = client.post(f"/o/dorset/savings/{validated.pk}/correct/", _correction())
    assert response.status_code == 302
    assert _achieved(world) == before - validated.amount


def test_the_project_page_offers_to_correct_a_validated_saving_to_finance_only(client, world):
    validated = benefits.saving_validate(
        entry=world.claim, recorded_on=date(2023, 1, 31), by=world.users["finance"]
    )
    forecast = benefits.saving_record(
        organisation=world.org,
        year="2023/24",
        amount="300.00",
        status=EntryStatus.FORECAST,
        project=world.project_a,
        recorded_on=date(2023, 3, 31),
    )
    link = f"/o/dorset/savings/{validated.pk}/correct/"
    forecast_link = f"/o/dorset/savings/{forecast.pk}/correct/"
    page = _as(client, world, "lead").get("/o/dorset/projects/A-1/").content.decode()
    assert link not in page
    assert forecast_link in page
    page = _as(client, world, "finance").get("/o/dorset/projects/A-1/").content.decode()
    assert link in page
    assert forecast_link in page


def test_a_project_lead_may_still_withdraw_their_own_claim(client, world):
    _as(client, world, "lead")
    response = client.post(f"/o/dorset/savings/{world.claim.pk}/correct/", _correction())
    assert response.status_code == 302
    assert SavingsEntry.objects.get(reverses=world.claim).amount == -world.claim.amount


# The API through a web session -----------------------------------------------------------------


def test_the_api_refuses_a_write_from_a_web_session_without_a_csrf_token(world):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.users["admin"])
    response = strict.post(
        "/api/orgs/dorset/projects",
        data=json.dumps({"code": "X-1", "name": "Forged"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not world.org.project_set.filter(code="X-1").exists()


# Imports and exports ---------------------------------------------------------------------------


def _ledger_csv(status: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = f"Year,Amount,Status,Project,Recorded on\n2022/23,400.00,{status},A-1,2023-03-31\n"
    return SimpleUploadedFile("ledger.csv", text.encode())


def _import(client, status: str):
    page = client.post("/o/dorset/import/", {"file": _ledger_csv(status), "kind": "savings"})
    if page.status_code == 200:
        page = client.post("/o/dorset/import/confirm/")
    return page


def test_a_tmo_admin_cannot_import_validated_savings(client, world):
    """An import is a way of recording savings too: a TMO admin who is not finance cannot append
    achieved (validated) entries by spreadsheet; the preview says which cell and why."""
    before = SavingsEntry.objects.filter(organisation=world.org).count()
    page = _import(_as(client, world, "admin"), "Achieved")
    assert page.status_code == 422
    assert "only someone with the finance role can import an achieved (validated) saving" in (
        page.content.decode()
    )
    assert SavingsEntry.objects.filter(organisation=world.org).count() == before
    page = _import(client, "Claimed")
    assert page.status_code == 200, page.content.decode()
    entry = SavingsEntry.objects.filter(organisation=world.org).latest("id")
    assert (entry.status, entry.amount) == (EntryStatus.CLAIMED, Decimal("400.00"))


def test_a_tmo_admin_who_is_also_finance_may_import_validated_savings(client, world):
    from realise.accounts.models import Membership

    Membership.objects.create(organisation=world.org, user=world.users["admin"], role="finance")
    page = _import(_as(client, world, "admin"), "Achieved")
    assert page.status_code == 200, page.content.decode()
    entry = SavingsEntry.objects.filter(organisation=world.org).latest("id")
    assert entry.status == EntryStatus.ACHIEVED


@pytest.mark.parametrize(
    "path",
    [
        "/o/dorset/import/",
        "/o/dorset/export/",
        "/o/dorset/export/projects.csv",
        "/o/dorset/import/template/risks.xlsx",
    ],
)
def test_the_import_and_export_pages_do_not_confirm_another_council_exists(client, world, path):
    """Another council's user gets 404, as on every other page: not 403, which would say the
    council exists."""
    assert _as(client, world, "outsider").get(path).status_code == 404
    assert client.post("/o/dorset/import/confirm/").status_code == 404


# Settings --------------------------------------------------------------------------------------


def test_an_unknown_kind_of_setting_is_not_found(client, world):
    _as(client, world, "admin")
    assert client.get("/o/dorset/settings/directorate/new/").status_code == 200
    assert client.get("/o/dorset/settings/fund/new/").status_code == 404
    assert client.post("/o/dorset/settings/fund/new/", {"name": "X"}).status_code == 404


# Set-password links ----------------------------------------------------------------------------


def _set_password(path: str, password: str = "plum-orchard-winter-42"):
    browser = Client()
    opened = browser.get(path, follow=True)
    form_url = opened.redirect_chain[-1][0] if opened.redirect_chain else path
    browser.post(form_url, {"new_password1": password, "new_password2": password})
    return opened.content.decode()


def test_a_link_keeps_working_when_another_council_adds_the_person_and_that_council_gets_none(
    world,
):
    """Wessex's admin adds sam and is given a link; Dorset then gives sam a role. Dorset must not
    be able to break Wessex's invitation (it once did: the token depended on sam's councils), and
    Dorset gets no link of its own, which could set the password of an account Wessex invited
    (ADR 0018). Wessex's admin holding a link for an account Dorset now relies on is no new risk:
    whoever holds the first council's link could set the password before Dorset added sam too."""
    from realise.accounts import services

    added = services.person_add(
        organisation=world.other_org, email="sam@wessex.gov.uk", role="viewer"
    )
    again = services.person_add(organisation=world.org, email="sam@wessex.gov.uk", role="tmo_admin")
    assert again.set_password_path is None
    page = _set_password(added.set_password_path)
    assert "Set your password" in page
    added.user.refresh_from_db()
    assert added.user.check_password("plum-orchard-winter-42")


def test_a_link_stops_working_when_the_person_is_removed_from_the_council(world):
    from realise.accounts import services

    added = services.person_add(organisation=world.org, email="jo@dorset.gov.uk", role="finance")
    services.person_remove(organisation=world.org, user=added.user)
    assert "This link does not work" in _set_password(added.set_password_path)
    added.user.refresh_from_db()
    assert not added.user.has_usable_password()


def test_a_link_works_for_its_own_person_only_once(world):
    from django.contrib.auth import get_user_model

    from realise.accounts import services

    jo = services.person_add(organisation=world.org, email="jo@dorset.gov.uk", role="finance")
    kim = services.person_add(organisation=world.org, email="kim@dorset.gov.uk", role="viewer")
    # Jo's token with Kim's user id in the address
    uid_kim = kim.set_password_path.split("/")[2]
    token_jo = jo.set_password_path.split("/")[3]
    assert "This link does not work" in _set_password(f"/set-password/{uid_kim}/{token_jo}/")
    assert not get_user_model().objects.get(pk=kim.user.pk).has_usable_password()
    assert "Set your password" in _set_password(jo.set_password_path)
    assert get_user_model().objects.get(pk=jo.user.pk).has_usable_password()
    assert "This link does not work" in _set_password(jo.set_password_path, "another-pass-77x")
    assert get_user_model().objects.get(pk=jo.user.pk).check_password("plum-orchard-winter-42")


# Areas checked without finding a hole: kept as tests so they stay closed -----------------------


@pytest.fixture
def wessex(world):
    """Wessex's own directorate, programme, fund, board, stage and measure, whose ids a Dorset
    user might post."""
    from realise.benefits import services as benefits_services
    from realise.funding import services as funding
    from realise.portfolio import services as portfolio

    other = world.other_org
    return {
        "directorate": portfolio.directorate_create(organisation=other, name="Roads", order=1),
        "programme": portfolio.programme_create(organisation=other, name="Wessex change"),
        "fund": funding.fund_create(
            organisation=other, name="Wessex pot", kind="small_change", pot=500
        ),
        "board": portfolio.board_create(organisation=other, name="Wessex board"),
        "stage": portfolio.lifecycle_stage_create(organisation=other, name="Deliver", order=1),
        "measure": benefits_services.measure_create(
            organisation=other, name="Potholes", unit="n", project=world.other_project
        ),
    }


def _date(prefix: str) -> dict[str, str]:
    return {f"{prefix}-day": "1", f"{prefix}-month": "6", f"{prefix}-year": "2022"}


@pytest.mark.parametrize(
    ("path", "data", "field"),
    [
        (
            "projects/A-1/edit/",
            lambda w, x: {"name": "Care review", "programme": x["programme"].pk, "version": ""},
            "programme",
        ),
        (
            "projects/A-1/edit/",
            lambda w, x: {"name": "Care review", "directorate": x["directorate"].pk},
            "directorate",
        ),
        (
            "projects/A-1/stage/",
            lambda w, x: {"stage": x["stage"].pk, **_date("on")},
            "stage",
        ),
        (
            "savings/record/",
            lambda w, x: (
                _saving_form(w.project_a) | {"project": "", "directorate": x["directorate"].pk}
            ),
            "directorate",
        ),
        (
            "savings/record/",
            lambda w, x: _saving_form(w.other_project),
            "project",
        ),
        (
            "funding/bids/new/",
            lambda w, x: {"fund": x["fund"].pk, "title": "T", "amount": "10"},
            "fund",
        ),
        (
            "funding/bids/new/",
            lambda w, x: {
                "fund": w.fund.pk,
                "title": "T",
                "amount": "10",
                "project": w.other_project.pk,
            },
            "project",
        ),
        (
            "funding/grants/new/",
            lambda w, x: {"funder": "F", "amount": "10", "project": w.other_project.pk},
            "project",
        ),
        (
            "funding/bids/{bid}/decide/",
            lambda w, x: {"outcome": "approve", "board": x["board"].pk, **_date("decided_on")},
            "board",
        ),
        (
            "risks/new/",
            lambda w, x: {
                "title": "R",
                "likelihood": 2,
                "impact": 2,
                "programme": x["programme"].pk,
            },
            "programme",
        ),
        (
            "decisions/new/",
            lambda w, x: {
                "board": x["board"].pk,
                "kind": "approve",
                "text": "T",
                **_date("decided_on"),
            },
            "board",
        ),
        (
            "decisions/new/",
            lambda w, x: {
                "board": "",
                "kind": "approve",
                "text": "T",
                "projects": [w.other_project.pk],
                **_date("decided_on"),
            },
            "projects",
        ),
    ],
)
def test_a_form_refuses_another_councils_record_posted_by_id(
    client, world, wessex, path, data, field
):
    from realise.portfolio.models import Board

    if path.startswith("decisions/"):
        Board.objects.create(organisation=world.org, name="Cabinet")
    role = "finance" if path.startswith("funding/") else "admin"
    before = SavingsEntry.objects.count()
    address = f"/o/dorset/{path.format(bid=world.bid.pk)}"
    response = _as(client, world, role).post(address, data(world, wessex))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert SavingsEntry.objects.count() == before
    assert "Wessex" not in response.content.decode()


def test_the_change_log_refuses_another_councils_person_as_a_filter(client, world):
    page = _as(client, world, "admin").get(f"/o/dorset/changes/?user={world.users['outsider'].pk}")
    assert page.status_code == 200
    assert "user" in page.context["form"].errors
    assert page.context["log"] is None  # nothing listed


def test_a_dorset_user_cannot_add_a_reading_to_a_wessex_measure(client, world, wessex):
    path = f"/o/dorset/measures/{wessex['measure'].pk}/readings/new/"
    response = _as(client, world, "admin").post(path, {"value": "1", **_date("taken_on")})
    assert response.status_code == 404
    api = client.post(
        f"/api/orgs/dorset/measures/{wessex['measure'].pk}/readings",
        data=json.dumps({"taken_on": "2023-03-31", "value": "1"}),
        content_type="application/json",
        **world.headers("admin"),
    )
    assert api.status_code == 404


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (
            "/api/orgs/dorset/risks",
            lambda w, x: {
                "title": "R",
                "likelihood": 1,
                "impact": 1,
                "programme_id": x["programme"].pk,
            },
        ),
        (
            "/api/orgs/dorset/risks",
            lambda w, x: {
                "title": "R",
                "likelihood": 1,
                "impact": 1,
                "project_id": w.other_project.pk,
            },
        ),
        (
            "/api/orgs/dorset/bids",
            lambda w, x: {"fund_id": x["fund"].pk, "title": "T", "amount": "10"},
        ),
        (
            "/api/orgs/dorset/bids",
            lambda w, x: {
                "fund_id": w.fund.pk,
                "title": "T",
                "amount": "10",
                "project_id": w.other_project.pk,
            },
        ),
        (
            "/api/orgs/dorset/savings/entries",
            lambda w, x: {
                "year": "2022/23",
                "amount": "1",
                "project_id": w.other_project.pk,
                "recorded_on": "2023-01-31",
            },
        ),
    ],
)
def test_the_api_refuses_another_councils_id_in_a_body(client, world, wessex, path, body):
    response = client.post(
        path,
        data=json.dumps(body(world, wessex)),
        content_type="application/json",
        **world.headers("admin" if "risks" in path else "finance"),
    )
    assert response.status_code == 404
    assert "Wessex" not in response.content.decode()


@pytest.mark.parametrize(
    "path", ["projects/B-1/edit/", "projects/B-1/stage/", "projects/B-1/status/"]
)
def test_a_project_lead_cannot_change_a_project_they_do_not_lead_on_the_web(client, world, path):
    _as(client, world, "lead")
    assert client.get(f"/o/dorset/{path}").status_code == 403
    response = client.post(
        f"/o/dorset/{path}", {"name": "Not mine", "status": "stopped", **_date("on")}
    )
    assert response.status_code == 403
    world.project_b.refresh_from_db()
    assert (world.project_b.name, world.project_b.status) == ("Libraries", "proposed")
    assert client.get("/o/dorset/projects/A-1/edit/").status_code == 200


@pytest.mark.parametrize(
    ("role", "path", "data"),
    [
        (
            "lead",
            "risks/new/",
            lambda w: {"title": "R", "likelihood": 2, "impact": 2, "project": w.project_b.pk},
        ),
        ("lead", "savings/record/", lambda w: _saving_form(w.project_b)),
        (
            "lead",
            "savings/carry-forward/",
            lambda w: {
                "project": w.project_b.pk,
                "from_year": "2022",
                "to_year": "2023",
                "amount": "5",
                "reason": "x",
            },
        ),
    ],
)
def test_a_project_lead_cannot_post_a_project_they_do_not_lead(client, world, role, path, data):
    before = SavingsEntry.objects.count()
    response = _as(client, world, role).post(f"/o/dorset/{path}", data(world))
    assert response.status_code == 400
    assert "project" in response.context["form"].errors
    assert SavingsEntry.objects.count() == before


def test_a_viewer_reaches_no_post_that_the_form_list_of_test_web_leaves_out(client, world):
    from realise.risks.models import Risk

    _as(client, world, "viewer")
    paths = [
        f"savings/{world.claim.pk}/correct/",
        f"risks/{world.risk.pk}/rescore/",
        f"measures/{world.measure.pk}/readings/new/",
        f"settings/people/{world.users['lead'].pk}/",
        f"settings/people/{world.users['lead'].pk}/remove/",
        f"settings/people/{world.users['lead'].pk}/link/",
        "settings/programme/new/",
        "settings/plan-years/",
        "import/",
        "import/confirm/",
    ]
    for path in paths:
        assert client.post(f"/o/dorset/{path}", {}).status_code == 403, path
    assert not SavingsEntry.objects.filter(reverses=world.claim).exists()
    assert Risk.objects.get(pk=world.risk.pk).likelihood == 3


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://evil.example/o/dorset/",
        "\\\\evil.example",
    ],
)
def test_signing_in_never_sends_anyone_to_another_site(client, world, target):
    world.users["viewer"].set_password("a-long-passphrase-9")
    world.users["viewer"].save()
    response = client.post(
        f"/sign-in/?next={target}",
        {"username": "viewer", "password": "a-long-passphrase-9", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_error_pages_show_no_details(client, world, settings):
    settings.DEBUG = False
    _as(client, world, "outsider")
    page = client.get(f"/o/dorset/projects/{world.project_a.code}/")
    assert page.status_code == 404
    html = page.content.decode()
    assert "Traceback" not in html
    assert "Dorset" not in html
    assert "Care review" not in html


def test_a_token_reaches_only_what_its_owner_holds_now(client, world):
    """A token is its owner's: removed from the council, it reaches nothing there (404); a
    deactivated owner's token is refused (401)."""
    from realise.accounts import services

    path = "/api/orgs/dorset/projects"
    assert client.get(path, **world.headers("viewer")).status_code == 200
    services.person_remove(organisation=world.org, user=world.users["viewer"])
    assert client.get(path, **world.headers("viewer")).status_code == 404
    world.users["lead"].is_active = False
    world.users["lead"].save()
    assert client.get(path, **world.headers("lead")).status_code == 401
