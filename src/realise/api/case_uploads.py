"""API: a business case stored from an uploaded file, as a person uploads it on the pages: the
case's YAML file, or the workbook (XLSX or ODS) Realise exports of a format 2 case, perhaps
changed in a spreadsheet. A new case (of a programme or a project), or a case's next version;
the file is read into the case's text here and stored by the same services as ``cases.py``'s
JSON endpoints. See docs/api.md, "Business cases"."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, File, Form, Router, Status
from ninja.errors import ValidationError as SchemaValidationError
from ninja.files import UploadedFile

from realise.accounts.access import Action, organisation_for, require
from realise.api.case_drafts import DraftDetailOut, draft_detail, editor_of
from realise.api.cases import CaseDetailOut, VersionOut, case_found, case_shown, version_shown
from realise.api.common import ERRORS, Body, Id, row_of
from realise.cases import draft_services, selectors, services
from realise.finance.casefile import CaseFileError
from realise.imports.case_workbook import case_text_of
from realise.portfolio.lookups import programmes, projects

router = Router(tags=["business cases"])

FILE_SAID = (
    "The case's YAML file (docs/formats/business-case.md), or its workbook (.xlsx or .ods, "
    "docs/formats/case-workbook.md); a file that cannot be used is refused with 422 on file, one "
    "error per problem, each naming the line and field, or the sheet, row and column"
)


class CaseUploadIn(Body):
    title: str = Field(..., min_length=1, max_length=200)
    programme_id: Id | None = Field(None, description="The programme the case is for")
    project_id: Id | None = Field(None, description="The project the case is for")
    note: str = Field("", max_length=2000, description="What this version is")


class VersionUploadIn(Body):
    note: str = Field("", max_length=2000, description="What changed and why")
    seen: Id | None = Field(
        None,
        description="The latest version number you saw: if a newer one was saved since, "
        "nothing is done (422 on seen)",
    )


def _only_fields(request: HttpRequest, schema: type[Body]) -> None:
    """A form field the endpoint does not take is refused, naming it (as ``Body`` does for a
    JSON body): ninja's form reading would drop it."""
    taken = set(schema.model_fields)
    extra = [key for key in request.POST if key not in taken]
    extra += [key for key in request.FILES if key != "file"]
    if extra:
        raise SchemaValidationError(
            [{"type": "extra_forbidden", "loc": ("form", key), "msg": "not taken"} for key in extra]
        )


def _text(file: UploadedFile) -> tuple[str, str]:
    name = str(file.name or "upload")
    try:
        return case_text_of(file, name), name
    except CaseFileError as error:
        raise ValidationError({"file": [str(p) for p in error.problems]}) from None


@router.post(
    "/orgs/{org}/cases/upload",
    response={201: CaseDetailOut, **ERRORS},
    summary="Store a business case from a file",
    description=FILE_SAID,
)
def case_upload(
    request: HttpRequest, org: str, file: File[UploadedFile], data: Form[CaseUploadIn]
) -> Any:
    """Store a new case from its file (multipart/form-data), with its first version, a draft."""
    _only_fields(request, CaseUploadIn)
    organisation = organisation_for(request.user, org)
    project = programme = None
    if data.project_id is not None:
        project = row_of(projects(organisation=organisation), organisation, data.project_id)
    if data.programme_id is not None:
        programme = row_of(programmes(organisation=organisation), organisation, data.programme_id)
    require(request.user, organisation, Action.EDIT_CASE, project=project)
    text, name = _text(file)
    case = services.case_create(
        organisation=organisation,
        title=data.title,
        document=text,
        source=name,
        note=data.note,
        project=project,
        programme=programme,
        by=request.user,
    )
    return Status(201, case_shown(case))


@router.post(
    "/orgs/{org}/cases/{case_id}/versions/upload",
    response={201: VersionOut, **ERRORS},
    summary="Save a new version from a file",
    description=FILE_SAID,
)
def version_upload(
    request: HttpRequest,
    org: str,
    case_id: Id,
    file: File[UploadedFile],
    data: Form[VersionUploadIn],
) -> Any:
    """Save the case's next version (a draft) from its file (multipart/form-data)."""
    _only_fields(request, VersionUploadIn)
    case = case_found(request, org, case_id, Action.EDIT_CASE)
    text, name = _text(file)
    version = services.case_version_save(
        case=case, document=text, source=name, note=data.note, seen=data.seen, by=request.user
    )
    names = selectors.people_named(organisation=case.organisation)
    return Status(201, version_shown(version, names))


class DraftUploadIn(Body):
    pass


@router.post(
    "/orgs/{org}/case-drafts/upload",
    response={201: DraftDetailOut, **ERRORS},
    summary="Start a business-case draft from a file",
    description=FILE_SAID,
)
def draft_upload(request: HttpRequest, org: str, file: File[UploadedFile]) -> Any:
    """Start a draft in the editor from a case's file or workbook (multipart/form-data), as the
    editor's "start from a file" does: a format 1 file is upgraded, nothing lost."""
    _only_fields(request, DraftUploadIn)
    organisation = editor_of(request, org)
    text, name = _text(file)
    draft = draft_services.draft_start(
        organisation=organisation,
        document=text,
        source=name,
        started_from=f"the file {name}",
        by=request.user,
    )
    return Status(201, draft_detail(draft))
