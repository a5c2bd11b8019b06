"""API: any list exported as XLSX, ODS or CSV (the same files as the web's export page)."""

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router

from realise.accounts.access import Action, organisation_for
from realise.api.common import ERRORS
from realise.imports.exports import export_file
from realise.imports.kinds import KINDS
from realise.reports.formats import LIST_FORMATS, Format

router = Router(tags=["exports"])

ExportKind = Literal[tuple(KINDS)]  # type: ignore[valid-type]
ExportFormat = Literal[tuple(f.value for f in LIST_FORMATS)]  # type: ignore[valid-type]

_FILE = {"schema": {"type": "string", "format": "binary"}}


@router.get(
    "/orgs/{org}/exports/{kind}",
    response={200: None, **ERRORS},
    openapi_extra={
        # The status as a number, as in ``response``: a string key would be a second "200".
        "responses": {
            200: {
                "description": "The list as a spreadsheet file",
                "content": {f.content_type.split(";")[0]: _FILE for f in LIST_FORMATS},
            }
        }
    },
    summary="Download a list as a spreadsheet",
)
def export_list(
    request: HttpRequest, org: str, kind: ExportKind, format: ExportFormat = "xlsx"
) -> Any:
    """One list of the organisation (projects, savings, risks, ...) as a spreadsheet file, with
    the same headings the import reads back. Text that starts like a formula is never one: a text
    cell in XLSX and ODS; in CSV, a single quote before it (=, +, -, @, tab, carriage return),
    which the import drops again."""
    organisation = organisation_for(request.user, org, Action.VIEW)
    response = HttpResponse(
        export_file(kind, organisation, format), content_type=Format(format).content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{organisation.slug}-{kind}.{format}"'
    return response
