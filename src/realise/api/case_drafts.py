"""API: business-case drafts, the web editor's drafts (``realise.web.cases.editor``) through the
API. Start a draft (blank, from an example, from a case file of either format, or from a stored
case's latest version), read it as a format 2 file, replace it with a changed file (checked by
the rules of a case, refused whole with every problem named), discard it, and save it as a new
case or as a case's next version, after which it is gone. Each option's figures are in
``case_draft_figures.py``. A draft is its writer's own: another person's is 404, as on the web.
Who may: whoever may store and change business cases (``Action.EDIT_CASE``); a project lead on
their own projects' cases. See docs/api.md, "Business-case drafts"."""

from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from realise.accounts.access import Action, organisation_for, require, require_somewhere
from realise.api.cases import CaseDetailOut, case_found, case_shown
from realise.api.common import ERRORS, Body, Id, Page, row_of
from realise.cases import draft_services, selectors
from realise.cases.drafts import STARTERS, blank_text, starter
from realise.cases.models import CaseDraft
from realise.finance.appraisal import edit
from realise.finance.calendar import FinancialYear
from realise.finance.casefile import CaseFileError
from realise.portfolio.lookups import programmes, projects

if TYPE_CHECKING:
    from realise.portfolio.models import Organisation

router = Router(tags=["business-case drafts"])

DOCUMENT = Field(
    ...,
    min_length=1,
    description="A whole business-case file (YAML text, format 2 or format 1, "
    "docs/formats/business-case.md); a format 1 file is upgraded to format 2, every figure "
    "kept. Checked by the rules of a case: a file that cannot be used is refused with 422, one "
    "error per problem, each naming its line and place in the file, and nothing is changed",
)


class StarterOut(Schema):
    id: str = Field(..., description="What to send as starter to start from it")
    name: str
    description: str = Field(..., description="What the example shows")


class DraftOut(Schema):
    id: int
    title: str = Field(..., description="The case's title, as the draft says")
    case_id: int | None = Field(
        ..., description="The stored case it will be saved to; null for a new case"
    )
    based_on: int | None = Field(
        ..., description="The case's latest version when the draft was started"
    )
    started_from: str = Field(..., description="Where it started, in words")
    written_by: str = Field(..., description="Whose draft it is, by the council's name for them")
    started_at: datetime
    changed_at: datetime = Field(..., description="When it was last changed")


class DraftDetailOut(DraftOut):
    format: int = Field(..., description="Always 2: a draft is kept as a format 2 file")
    document: str = Field(..., description="The draft as a business-case file (format 2 YAML)")
    options: list[StarterOut] = Field(
        ..., description="The draft's options: each one's id, name and description"
    )


class DraftStartIn(Body):
    start_from: Literal["blank", "starter", "document", "case"] = Field(
        ...,
        alias="from",
        description="blank: a new case of ten years from this financial year; starter: one of "
        "the examples (GET …/case-starters); document: a case file you send; case: a stored "
        "case's latest version (your draft of it, if you have started one, answers 200)",
    )
    starter: str | None = Field(None, max_length=100, description="With starter: its id")
    document: str | None = Field(None, min_length=1, description="With document: the file")
    source: str = Field("", max_length=255, description="With document: its file name")
    case_id: Id | None = Field(None, description="With case: the stored case")
    title: str | None = Field(
        None, min_length=1, max_length=200, description="With blank: the case's title"
    )


class DraftIn(Body):
    document: str = DOCUMENT
    source: str = Field("", max_length=255, description="The file name, for messages")


class DraftSaveIn(Body):
    note: str = Field(
        ...,
        min_length=1,
        max_length=2000,
        description="What this version is, or what changed and why",
    )
    project_id: Id | None = Field(None, description="A new case only: the project the case is for")
    programme_id: Id | None = Field(
        None, description="A new case only: the programme, for a programme's case"
    )


def draft_shown(draft: CaseDraft, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": draft.pk,
        "title": draft.title,
        "case_id": draft.case_id,
        "based_on": draft.based_on,
        "started_from": draft.started_from,
        "written_by": names.get(draft.created_by_id) or str(draft.created_by),
        "started_at": draft.created_at,
        "changed_at": draft.updated_at,
    }


def draft_detail(draft: CaseDraft) -> dict[str, Any]:
    try:
        options = selectors.draft_document(draft=draft).options
    except CaseFileError:  # a draft this installation can no longer read: discard it
        options = ()
    names = selectors.people_named(organisation=draft.organisation)
    listed = [{"id": o.id, "name": o.name, "description": o.description} for o in options]
    return draft_shown(draft, names) | {
        "format": 2,
        "document": draft.document,
        "options": listed,
    }


def editor_of(request: HttpRequest, org: str) -> "Organisation":
    """The council, once the user may write business cases there (or, as a project lead, on a
    project they lead), as the editor's pages ask."""
    organisation = organisation_for(request.user, org)
    require_somewhere(request.user, organisation, Action.EDIT_CASE)
    return organisation


def draft_found(request: HttpRequest, org: str, draft_id: int) -> CaseDraft:
    """The user's own draft (404 otherwise, also another council's or another person's), once
    they may still change its case (403)."""
    organisation = editor_of(request, org)
    draft = selectors.draft_in(organisation=organisation, user=request.user, pk=draft_id)
    if draft is None:
        raise Http404("No such draft among yours")
    if draft.case is not None:
        require(request.user, organisation, Action.EDIT_CASE, project=draft.case.project)
    return draft


@router.get(
    "/orgs/{org}/case-starters",
    response={200: list[StarterOut], **ERRORS},
    summary="Examples to start a draft from",
)
def starters_list(request: HttpRequest, org: str) -> Any:
    """The example cases a draft may start from (``"from": "starter"``), as the editor offers."""
    editor_of(request, org)
    return [{"id": s.id, "name": s.name, "description": s.description} for s in STARTERS]


@router.get(
    "/orgs/{org}/case-drafts",
    response={200: list[DraftOut], **ERRORS},
    summary="List your business-case drafts",
)
@paginate(Page)
def drafts_list(request: HttpRequest, org: str) -> Any:
    """The drafts you are writing in the council, the last changed first (each person sees only
    their own)."""
    organisation = editor_of(request, org)
    names = selectors.people_named(organisation=organisation)
    return [
        draft_shown(d, names)
        for d in selectors.drafts_of(organisation=organisation, user=request.user)
    ]


# What each way of starting takes, and the field it cannot do without.
TAKES = {
    "blank": ("title",),
    "starter": ("starter",),
    "document": ("document", "source"),
    "case": ("case_id",),
}
NEEDS = {"starter": "starter", "document": "document", "case": "case_id"}


def _checked(payload: DraftStartIn) -> None:
    """Refuse a field that does not go with the chosen start (it would be ignored), and ask for
    the one that does."""
    chosen = payload.start_from
    for name in ("starter", "document", "source", "case_id", "title"):
        if name not in TAKES[chosen] and getattr(payload, name) not in (None, ""):
            raise ValidationError({name: f"Not taken when starting from {chosen}: leave it out"})
    needed = NEEDS.get(chosen)
    if needed is not None and getattr(payload, needed) is None:
        raise ValidationError({needed: f"Needed when starting from {chosen}"})


def _start_text(organisation: "Organisation", payload: DraftStartIn) -> tuple[str, str, str]:
    """The file a new case's draft starts from, where it came from in words, and its name."""
    if payload.start_from == "blank":
        year = FinancialYear.containing(timezone.localdate())
        case = edit.blank(organisation.name, year, title=payload.title or "")
        return blank_text(case), "a blank case", "blank.yaml"
    if payload.start_from == "starter":
        example = starter(payload.starter or "")
        if example is None:
            known = ", ".join(s.id for s in STARTERS)
            raise ValidationError({"starter": f"No such example: choose one of {known}"})
        return example.text, f"the example “{example.name}”", f"{example.id}.yaml"
    started = f"the file {payload.source}" if payload.source else "a file sent to the API"
    return payload.document or "", started, payload.source


@router.post(
    "/orgs/{org}/case-drafts",
    response={200: DraftDetailOut, 201: DraftDetailOut, **ERRORS},
    summary="Start a business-case draft",
)
def draft_start(request: HttpRequest, org: str, payload: DraftStartIn) -> Any:
    """Start a draft: blank, from an example, from a case file of either format (a format 1 file
    is upgraded, nothing lost), or from a stored case's latest version, to be saved as its next
    version. Answers 201 with the draft; a case you already have a draft of answers 200 with it."""
    organisation = editor_of(request, org)
    _checked(payload)
    if payload.start_from != "case":
        text, started, source = _start_text(organisation, payload)
        draft = draft_services.draft_start(
            organisation=organisation,
            document=text,
            source=source,
            started_from=started,
            by=request.user,
        )
        return Status(201, draft_detail(draft))
    case = case_found(request, org, payload.case_id or 0, Action.EDIT_CASE)
    started = selectors.draft_for_case(case=case, user=request.user)
    if started is not None:
        return Status(200, draft_detail(started))
    if not selectors.case_versions(case=case):
        raise Http404("This case has no version to start from")
    return Status(201, draft_detail(draft_services.draft_from_case(case=case, by=request.user)))


@router.get(
    "/orgs/{org}/case-drafts/{draft_id}",
    response={200: DraftDetailOut, **ERRORS},
    summary="A draft and its file",
)
def draft_read(request: HttpRequest, org: str, draft_id: Id) -> Any:
    """The draft: whose it is, when it was started and last changed, where it started, its
    options, and the file itself (format 2 YAML), which is what the editor's download gives."""
    return draft_detail(draft_found(request, org, draft_id))


@router.put(
    "/orgs/{org}/case-drafts/{draft_id}",
    response={200: DraftDetailOut, **ERRORS},
    summary="Replace a draft's file",
)
def draft_replace(request: HttpRequest, org: str, draft_id: Id, payload: DraftIn) -> Any:
    """Replace the draft with a changed file (read it, change it, send it back whole): checked
    by the same rules as every change in the editor. A refused file changes nothing: 422 lists
    every problem, each naming its line and place in the file."""
    draft = draft_found(request, org, draft_id)
    changed = draft_services.draft_replace(
        draft=draft, document=payload.document, source=payload.source, by=request.user
    )
    return draft_detail(changed)


@router.delete(
    "/orgs/{org}/case-drafts/{draft_id}",
    response={204: None, **ERRORS},
    summary="Discard a draft",
)
def draft_discard(request: HttpRequest, org: str, draft_id: Id) -> Any:
    """Throw the draft away; a stored case and its versions stay as they are. Answers 204."""
    draft_services.draft_discard(draft=draft_found(request, org, draft_id), by=request.user)
    return Status(204, None)


def _new_case_scope(
    request: HttpRequest, organisation: "Organisation", payload: DraftSaveIn
) -> dict[str, Any]:
    """The project or programme a new case is for, once the user may store a case for it: a
    project's case needs the right on that project, a programme's the right organisation-wide."""
    project = programme = None
    if payload.project_id is not None:
        project = row_of(projects(organisation=organisation), organisation, payload.project_id)
    if payload.programme_id is not None:
        programme = row_of(
            programmes(organisation=organisation), organisation, payload.programme_id
        )
        require(request.user, organisation, Action.EDIT_CASE)
    require(request.user, organisation, Action.EDIT_CASE, project=project)
    return {"project": project, "programme": programme}


@router.post(
    "/orgs/{org}/case-drafts/{draft_id}/save",
    response={201: CaseDetailOut, **ERRORS},
    summary="Save a draft as a version",
)
def draft_save(request: HttpRequest, org: str, draft_id: Id, payload: DraftSaveIn) -> Any:
    """Save the draft with a note: a draft of a stored case becomes its next version (a draft
    version; refused with 422 on seen if someone saved a newer version since the draft started);
    a new case is stored, for a project or a programme, with the draft as version 1. The draft
    is then gone. Answers 201 with the case and its versions."""
    draft = draft_found(request, org, draft_id)
    scope: dict[str, Any] = {}
    if draft.case is None:
        scope = _new_case_scope(request, draft.organisation, payload)
    else:
        for name in ("project_id", "programme_id"):
            if getattr(payload, name) is not None:
                raise ValidationError(
                    {name: "This draft is saved to its case: leave the project and programme out"}
                )
    case = draft_services.draft_save(draft=draft, note=payload.note, by=request.user, **scope)
    return Status(201, case_shown(case))
