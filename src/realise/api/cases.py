"""API: stored business cases. List and store a council's cases (each of a programme or a
project), save a new version of one, read a version's document, compare two versions (every
changed figure, line and assumption), and move a case along its path: submit the latest draft,
record a board's approval (one option) or rejection, supersede a case (those four in
``case_decisions.py``). A saved version never changes: a change is a new version. See
docs/api.md, "Business cases"."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from realise.accounts.access import Action, organisation_for, record_in, require
from realise.api.common import ERRORS, Body, Id, Page, row_of
from realise.cases import selectors, services
from realise.cases.models import Case, CaseStatus, CaseVersion
from realise.finance.casefile import CaseFileError
from realise.portfolio.lookups import programmes, projects

if TYPE_CHECKING:
    from realise.portfolio.models import Organisation

router = Router(tags=["business cases"])

CaseStatusName = Literal[tuple(CaseStatus.values)]  # type: ignore[valid-type]
SEEN = Field(
    None,
    description="The latest version number you saw: if a newer one was saved since, nothing is "
    "done (422 on seen)",
)
DOCUMENT = Field(
    ...,
    min_length=1,
    description="The case file as written (YAML text in the business-case format, "
    "docs/formats/business-case.md); checked before it is saved: a file that cannot be used is "
    "refused with 422, one error per problem, each naming the line and field",
)


class VersionOut(Schema):
    number: int = Field(..., description="1 for the first save, then 2, 3 …")
    status: CaseStatusName = Field(
        ..., description="draft, submitted, approved (in force), rejected or superseded"
    )
    format: int = Field(..., description="The file format: 1 is realise-business-case/1")
    checksum: str = Field(..., description="SHA-256 of the document's UTF-8 bytes, in hex")
    source: str = Field(..., description="The file name it was saved from")
    note: str = Field(..., description="What changed and why, in the saver's words")
    saved_by: str = Field(..., description="Who saved it, by the council's name for them")
    saved_at: datetime
    option: str = Field(..., description="The option (scenario id) approved, if approved")
    option_name: str
    decision_id: int | None = Field(..., description="The board's decision on this version")
    reason: str = Field(..., description="Why it was rejected or superseded")


class CaseOut(Schema):
    id: int
    title: str
    programme_id: int | None
    project_id: int | None
    status: CaseStatusName | None = Field(
        ...,
        description="Where the case stands: its latest version's status (superseded when "
        "the case as a whole is)",
    )
    latest_version: int | None
    in_force: int | None = Field(..., description="The number of its approved version, if any")
    superseded_on: date | None
    superseded_by_id: int | None


class CaseDetailOut(CaseOut):
    versions: list[VersionOut] = Field(..., description="Newest first")


class DocumentOut(Schema):
    number: int
    format: int
    checksum: str
    source: str
    document: str = Field(..., description="The case file exactly as it was saved")
    options: list[dict[str, str]] = Field(
        ..., description="What a board may approve: each option's id and name"
    )


class ChangeOut(Schema):
    action: Literal["changed", "added", "removed"]
    section: str = Field(..., description="The part of the case, e.g. Savings levels")
    where: str = Field(..., description="What the figure belongs to, e.g. Layer ‘Customer’")
    what: str = Field(..., description="The figure or assumption, e.g. baseline cost")
    old: str = Field(..., description="The old value in words (empty when added)")
    new: str = Field(..., description="The new value in words (empty when removed)")
    words: str = Field(..., description="The change in one sentence")
    key: list[str] = Field(..., description="Where it is in the case, stable across versions")


class DiffOut(Schema):
    old: int
    new: int
    changes: list[ChangeOut]


class DiffQuery(Schema):
    old: Id = Field(..., description="The earlier version's number")
    new: Id = Field(..., description="The later version's number")


class CaseFilters(Schema):
    status: CaseStatusName | None = Field(
        None, description="Only cases whose latest version has it"
    )


class CaseIn(Body):
    title: str = Field(..., min_length=1, max_length=200)
    programme_id: Id | None = Field(None, description="The programme the case is for")
    project_id: Id | None = Field(None, description="The project the case is for")
    document: str = DOCUMENT
    source: str = Field("", max_length=255, description="The file name, for messages")
    note: str = Field("", max_length=2000, description="What this version is")


class VersionIn(Body):
    document: str = DOCUMENT
    source: str = Field("", max_length=255, description="The file name, for messages")
    note: str = Field("", max_length=2000, description="What changed and why")
    seen: Id | None = SEEN


def version_shown(version: CaseVersion, names: dict[int, str]) -> dict[str, Any]:
    return {
        "number": version.number,
        "status": version.status,
        "format": version.format,
        "checksum": version.checksum,
        "source": version.source,
        "note": version.note,
        "saved_by": selectors.saved_by(version, names),
        "saved_at": version.created_at,
        "option": version.option,
        "option_name": version.option_name,
        "decision_id": version.decision_id,
        "reason": version.reason,
    }


def _case_out(case: Case, versions: list[CaseVersion] | None = None) -> dict[str, Any]:
    listed = versions if versions is not None else selectors.case_versions(case=case)
    approved = next((v.number for v in listed if v.status == CaseStatus.APPROVED), None)
    status = CaseStatus.SUPERSEDED if case.is_superseded else (listed[0].status if listed else None)
    return {
        "id": case.pk,
        "title": case.title,
        "programme_id": case.programme_id,
        "project_id": case.project_id,
        "status": status,
        "latest_version": listed[0].number if listed else None,
        "in_force": approved,
        "superseded_on": case.superseded_on,
        "superseded_by_id": case.superseded_by_id,
    }


def case_shown(case: Case) -> dict[str, Any]:
    versions = selectors.case_versions(case=case)
    names = selectors.people_named(organisation=case.organisation)
    return _case_out(case, versions) | {"versions": [version_shown(v, names) for v in versions]}


def case_found(request: HttpRequest, org: str, case_id: int, action: Action | None = None) -> Case:
    """The council's case (404 for another council's); with ``action``, once the user may do it
    on this case (a project lead on their own project's cases)."""
    organisation = organisation_for(request.user, org)
    case = record_in(Case, organisation, case_id, Case.objects.select_related("project"))
    if action is not None:
        require(request.user, organisation, action, project=case.project)
    return case


def _version(case: Case, number: int) -> CaseVersion:
    found = selectors.version_in(case=case, number=number)
    if found is None:
        raise Http404(f"No version {number} of this case")
    return found


@router.get(
    "/orgs/{org}/cases", response={200: list[CaseOut], **ERRORS}, summary="List business cases"
)
@paginate(Page)
def cases_list(request: HttpRequest, org: str, filters: Query[CaseFilters]) -> Any:
    """The council's stored business cases by title, each with where it stands."""
    organisation = organisation_for(request.user, org)
    rows = selectors.cases_list(organisation=organisation, status=filters.status or "")
    return [
        {
            "id": c.pk,
            "title": c.title,
            "programme_id": c.programme_id,
            "project_id": c.project_id,
            "status": CaseStatus.SUPERSEDED if c.is_superseded else c.latest_status,
            "latest_version": c.latest_number,
            "in_force": c.in_force,
            "superseded_on": c.superseded_on,
            "superseded_by_id": c.superseded_by_id,
        }
        for c in rows
    ]


def _scope(organisation: "Organisation", payload: CaseIn) -> dict[str, Any]:
    project = programme = None
    if payload.project_id is not None:
        project = row_of(projects(organisation=organisation), organisation, payload.project_id)
    if payload.programme_id is not None:
        programme = row_of(
            programmes(organisation=organisation), organisation, payload.programme_id
        )
    return {"project": project, "programme": programme}


@router.post(
    "/orgs/{org}/cases", response={201: CaseDetailOut, **ERRORS}, summary="Store a business case"
)
def case_create(request: HttpRequest, org: str, payload: CaseIn) -> Any:
    """Store a new case of a programme (finance, TMO admins) or a project (also its lead) with
    its first version, a draft."""
    organisation = organisation_for(request.user, org)
    scope = _scope(organisation, payload)
    require(request.user, organisation, Action.EDIT_CASE, project=scope["project"])
    case = services.case_create(
        organisation=organisation,
        title=payload.title,
        document=payload.document,
        source=payload.source,
        note=payload.note,
        by=request.user,
        **scope,
    )
    return Status(201, case_shown(case))


@router.get(
    "/orgs/{org}/cases/{case_id}",
    response={200: CaseDetailOut, **ERRORS},
    summary="A business case and its versions",
)
def case_detail(request: HttpRequest, org: str, case_id: Id) -> Any:
    """The case, where it stands and its versions, newest first: who saved each, when and why."""
    return case_shown(case_found(request, org, case_id))


@router.post(
    "/orgs/{org}/cases/{case_id}/versions",
    response={201: VersionOut, **ERRORS},
    summary="Save a new version",
)
def version_save(request: HttpRequest, org: str, case_id: Id, payload: VersionIn) -> Any:
    """Save a new version of the case, a draft (any earlier draft or submitted version is
    superseded; an approved one stays in force until this one is approved). A file identical to
    the latest version is refused."""
    case = case_found(request, org, case_id, Action.EDIT_CASE)
    version = services.case_version_save(case=case, by=request.user, **payload.dict())
    names = selectors.people_named(organisation=case.organisation)
    return Status(201, version_shown(version, names))


@router.get(
    "/orgs/{org}/cases/{case_id}/versions/{number}/document",
    response={200: DocumentOut, **ERRORS},
    summary="A version's document",
)
def version_document(request: HttpRequest, org: str, case_id: Id, number: Id) -> Any:
    """The case file of one version exactly as it was saved, with the options it offers."""
    version = _version(case_found(request, org, case_id), number)
    try:
        options = selectors.version_document(version=version).options
    except CaseFileError:
        options = ()
    return {
        "number": version.number,
        "format": version.format,
        "checksum": version.checksum,
        "source": version.source,
        "document": version.document,
        "options": [{"id": o.id, "name": o.name} for o in options],
    }


@router.get(
    "/orgs/{org}/cases/{case_id}/diff",
    response={200: DiffOut, **ERRORS},
    summary="Compare two versions",
)
def versions_diff(request: HttpRequest, org: str, case_id: Id, query: Query[DiffQuery]) -> Any:
    """Every difference from version ``old`` to version ``new``: each changed figure (old and new
    value), each line added or removed and each changed assumption, in the order of the case."""
    case = case_found(request, org, case_id)
    old, new = _version(case, query.old), _version(case, query.new)
    try:
        compared = selectors.versions_compared(old=old, new=new)
    except CaseFileError as error:
        raise ValidationError({"old": [str(p) for p in error.problems]}) from None
    changes = [
        {
            "action": c.action,
            "section": c.section,
            "where": c.where,
            "what": c.what,
            "old": c.old_text,
            "new": c.new_text,
            "words": c.words,
            "key": list(c.key),
        }
        for c in compared.changes
    ]
    return {"old": old.number, "new": new.number, "changes": changes}
