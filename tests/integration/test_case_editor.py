"""The business-case editor's pages and services: a draft started blank, from an example, from an
uploaded file or from a stored case's latest version; changed form by form, each change checked
by the rules of a case with a refused one shown on its field; its figures; saved as a new case or
a case's next version (and then gone); who may do it. The whole journey in a browser, with both
hand-worked cases, is tests/browser/test_case_editor.py."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from realise.cases import draft_services, selectors, services
from realise.cases.models import CaseDraft, CaseVersion
from realise.finance.casefile.workbook_layout import WORKBOOK_FORMAT

pytestmark = pytest.mark.db

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"
DORSET = EXAMPLE.read_text(encoding="utf-8")
PASSWORD = "a-long-passphrase-9"


@pytest.fixture
def people(council):
    from django.contrib.auth import get_user_model

    from realise.accounts.models import Membership
    from realise.core.concurrency import LATEST
    from realise.portfolio import services as portfolio

    made = {}
    for name, role in (("tmo", "tmo_admin"), ("lead", "project_lead"), ("viewer", "viewer")):
        user = get_user_model().objects.create_user(username=name, password=PASSWORD)
        Membership.objects.create(organisation=council["org"], user=user, role=role)
        made[name] = user
    portfolio.project_update(
        project=council["care"], seen_version=LATEST, changes={"lead_user": made["lead"]}
    )
    return made


def _url(name, council, *args):
    return reverse(f"web:{name}", args=[council["org"].slug, *args])


def _as(client, user):
    client.force_login(user)
    return client


def _draft_of(user):
    return CaseDraft.objects.get(created_by=user)


def test_a_case_written_from_blank_is_checked_change_by_change_and_stored(client, council, people):
    tmo = _as(client, people["tmo"])
    assert tmo.get(_url("case_editor", council)).status_code == 200
    started = tmo.post(_url("case_editor", council), {"start": "blank"})
    draft = _draft_of(people["tmo"])
    assert started["Location"] == _url("case_draft", council, draft.pk)
    assert draft.case is None
    assert draft.document.startswith("format: realise-business-case/2")

    settings = {
        "title": "Change team",
        "start_year": "2026/27",
        "years": "5",
        "discount": "green_book",
    }
    assert tmo.post(_url("case_draft_settings", council, draft.pk), settings).status_code == 302
    line = {
        "name": "Change team",
        "kind": "revenue",
        "recurrence": "one_off",
        "profile": "phased",
        "total": "2000000",
        "share_2026": "30",
        "share_2027": "50",
        "share_2028": "10",
    }
    add = _url("case_draft_line_add", council, draft.pk, 1, "costs")
    refused = tmo.post(add, line)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_share_2026"' in page  # the summary links to the box
    assert "The shares add up to 90%; they must add up to 100%" in page
    assert "2026/27: The shares" not in page  # about the row of years, not its first box
    assert "Change team" not in _draft_of(people["tmo"]).document.split("options:")[1]

    assert tmo.post(add, line | {"share_2028": "20"}).status_code == 302
    shorter = tmo.post(_url("case_draft_settings", council, draft.pk), settings | {"years": "2"})
    assert shorter.status_code == 400  # a problem elsewhere in the case is said with where
    assert (
        "Option 1, cost line “Change team”: 2028/29 is outside the modelled years "
        "(2026/27 to 2027/28)" in shorter.content.decode()
    )
    case = selectors.draft_appraisal(draft=_draft_of(people["tmo"]))
    assert case.title == "Change team"
    assert case.options[0].costs[0].id == "change_team"
    figures = tmo.get(_url("case_draft_figures", council, draft.pk, 1)).content.decode()
    assert "£2,000,000" in figures  # the total cost
    assert "Not within the case" in figures  # no benefit yet: it does not pay back
    assert tmo.get(_url("case_draft_option", council, draft.pk, 1)).status_code == 200
    assert tmo.get(_url("case_draft", council, draft.pk)).status_code == 200
    file = tmo.get(_url("case_draft_file", council, draft.pk))
    assert file.content.decode() == _draft_of(people["tmo"]).document
    workbook = tmo.get(_url("case_draft_workbook", council, draft.pk))  # format 2's workbook
    inputs = openpyxl.load_workbook(io.BytesIO(workbook.content))["Inputs"]
    assert (inputs["A3"].value, inputs["B3"].value) == ("Workbook format", WORKBOOK_FORMAT)
    assert "change-team-draft.xlsx" in workbook["Content-Disposition"]

    saved = tmo.post(
        _url("case_draft_save", council, draft.pk),
        {"project": council["care"].pk, "note": "First go, in the editor"},
    )
    stored = council["care"].business_cases.get()
    assert saved["Location"] == _url("business_case_stored", council, stored.pk)
    version = stored.versions.get()
    assert (version.number, version.format, version.note, version.source) == (
        1,
        2,
        "First go, in the editor",
        "the web editor",
    )
    assert not CaseDraft.objects.exists()  # the version is the record now


def test_a_stored_case_is_edited_from_its_latest_version_and_saved_as_its_next(
    client, council, people
):
    tmo = _as(client, people["tmo"])
    case = services.case_create(
        organisation=council["org"],
        title="Our Future Council",
        project=council["care"],
        document=DORSET,
        source="dorset.yaml",
        by=people["tmo"],
    )
    edit = _url("case_editor_from_case", council, case.pk)
    assert "Edit version 1 in the editor" in tmo.get(edit).content.decode()
    tmo.post(edit, {})
    draft = _draft_of(people["tmo"])
    assert (draft.case, draft.based_on, draft.started_from) == (case, 1, "version 1")
    assert tmo.get(edit)["Location"] == _url("case_draft", council, draft.pk)  # not a second
    # Format 1 upgraded: the same figures, the audit of the published ones, and the workbook.
    overview = tmo.get(_url("case_draft", council, draft.pk)).content.decode()
    assert "Does the published arithmetic add up?" in overview
    workbook = tmo.get(_url("case_draft_workbook", council, draft.pk))
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")

    option = _url("case_draft_option_details", council, draft.pk, 4)
    details = {"name": "Scenario 4 (revised)", "role": "preferred", "bias": "case"}
    assert tmo.post(option, details).status_code == 302
    services.case_version_save(
        case=case, document=DORSET.replace("6.15m", "6.25m"), note="Meanwhile", by=people["tmo"]
    )
    stale = tmo.post(_url("case_draft_save", council, draft.pk), {"note": "Renamed"})
    assert stale.status_code == 400
    assert "Version 2 was saved after version 1" in stale.content.decode()
    assert CaseDraft.objects.filter(pk=draft.pk).exists()  # nothing lost

    tmo.post(_url("case_draft_discard", council, draft.pk), {})
    tmo.post(edit, {})
    again = _draft_of(people["tmo"])
    assert again.based_on == 2
    tmo.post(_url("case_draft_option_details", council, again.pk, 4), details)
    tmo.post(_url("case_draft_save", council, again.pk), {"note": "Scenario 4 renamed"})
    latest = CaseVersion.objects.get(case=case, number=3)
    assert (latest.format, latest.note) == (2, "Scenario 4 renamed")
    assert "Scenario 4 (revised)" in latest.document


def test_a_draft_starts_from_an_example_or_an_uploaded_file_and_refuses_a_bad_one(
    client, council, people
):
    tmo = _as(client, people["tmo"])
    tmo.post(_url("case_editor", council), {"start": "option-appraisal"})
    example = _draft_of(people["tmo"])
    assert "Option B - transfer to a leisure trust" in example.document
    upload = _url("case_editor_upload", council)
    bad = tmo.post(upload, {"file": SimpleUploadedFile("x.yaml", b"format: nonsense\n")})
    assert bad.status_code == 400
    assert "x.yaml" in bad.content.decode()
    assert CaseDraft.objects.count() == 1
    tmo.post(upload, {"file": SimpleUploadedFile("dorset.yaml", DORSET.encode())})
    uploaded = CaseDraft.objects.exclude(pk=example.pk).get()
    assert uploaded.started_from == "the file dorset.yaml"
    assert uploaded.document.startswith("format: realise-business-case/2")
    listed = tmo.get(_url("case_editor", council)).content.decode()
    assert "Future of the leisure centres - option appraisal" in listed


def test_only_those_who_may_change_a_case_edit_it_and_a_draft_is_its_writers_alone(
    client, council, people
):
    case = services.case_create(
        organisation=council["org"],
        title="Roads case",
        project=council["roads"],
        document=DORSET,
        by=people["tmo"],
    )
    viewer = _as(client, people["viewer"])
    assert viewer.get(_url("case_editor", council)).status_code == 403
    lead = _as(client, people["lead"])
    assert lead.get(_url("case_editor", council)).status_code == 200
    assert lead.get(_url("case_editor_from_case", council, case.pk)).status_code == 403
    tmo_draft = draft_services.draft_start(
        organisation=council["org"], document=DORSET, case=case, by=people["tmo"]
    )
    assert lead.get(_url("case_draft", council, tmo_draft.pk)).status_code == 404
    lead.post(_url("case_editor", council), {"start": "systems"})
    mine = _draft_of(people["lead"])
    save = lead.post(_url("case_draft_save", council, mine.pk), {"note": "x"})
    assert save.status_code == 400  # a lead stores cases of their own projects only
    assert "Choose the project" in save.content.decode()
    roads = lead.post(
        _url("case_draft_save", council, mine.pk), {"note": "x", "project": council["roads"].pk}
    )
    assert roads.status_code == 400  # not one of theirs: not offered
    services.case_supersede(case=case, reason="Replaced", by=people["tmo"])
    with pytest.raises(ValidationError, match="superseded"):
        draft_services.draft_start(
            organisation=council["org"], document=DORSET, case=case, by=people["tmo"]
        )
