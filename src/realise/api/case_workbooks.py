"""API: a stored case version, or an editor draft, as format 2's workbook of live formulas
(XLSX): the file the web's "Download the workbook" links give, which the editor, the import page
and ``realise case store`` read back (docs/formats/case-workbook.md, ADR 0043)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify
from ninja import Router

from realise.api.case_drafts import draft_found
from realise.api.cases import _version, case_found
from realise.api.common import ERRORS, Id
from realise.reports.case_files import draft_workbook, version_workbook
from realise.reports.formats import Format

router = Router(tags=["business cases"])

_XLSX = Format.xlsx.content_type
_FILE = {
    "responses": {
        200: {
            "description": "The workbook (XLSX)",
            "content": {_XLSX: {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


def _file(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=_XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@router.get(
    "/orgs/{org}/cases/{case_id}/versions/{number}/workbook",
    response={200: None, **ERRORS},
    openapi_extra=_FILE,
    summary="A version as a workbook",
)
def version_workbook_file(request: HttpRequest, org: str, case_id: Id, number: Id) -> Any:
    """The version as format 2's workbook of live formulas: a format 1 file is upgraded first,
    every figure kept, and what the tables cannot show is kept on its Other sections sheet."""
    case = case_found(request, org, case_id)
    version = _version(case, number)
    name = f"{slugify(case.title) or 'business-case'}-version-{version.number}"
    return _file(version_workbook(version=version), name)


@router.get(
    "/orgs/{org}/case-drafts/{draft_id}/workbook",
    response={200: None, **ERRORS},
    openapi_extra=_FILE,
    summary="A draft as a workbook",
)
def draft_workbook_file(request: HttpRequest, org: str, draft_id: Id) -> Any:
    """Your draft as format 2's workbook of live formulas, as the editor's download gives it."""
    draft = draft_found(request, org, draft_id)
    return _file(draft_workbook(draft=draft), f"{slugify(draft.title) or 'business-case'}-draft")
