"""API: the council's savings RAG thresholds (read; a TMO admin sets them), as Settings and
`realise setup savings-rag` show and set them."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema

from realise.accounts.access import Action, organisation_for
from realise.api.benefits.routes import router
from realise.api.common import ERRORS, Body, DecimalIn, TwoPlaces
from realise.benefits import services
from realise.benefits.selectors import savings_rag


class SavingsRagIn(Body):
    green_from: DecimalIn = Field(
        ...,
        ge=0,
        max_digits=5,
        decimal_places=2,
        description="Green from this per cent of the budget achieved or forecast, e.g. 95",
    )
    amber_from: DecimalIn = Field(
        ...,
        ge=0,
        max_digits=5,
        decimal_places=2,
        description="Amber from this per cent, at or below green_from, e.g. 80; Red below",
    )


class SavingsRagOut(Schema):
    green_from: TwoPlaces = Field(description="Green from this per cent of the budget")
    amber_from: TwoPlaces = Field(description="Amber from this per cent; Red below it")


def _out(organisation: Any) -> SavingsRagOut:
    rag = savings_rag(organisation=organisation)
    return SavingsRagOut(green_from=rag.green_from, amber_from=rag.amber_from)


@router.get(
    "/orgs/{org}/savings-rag",
    response={200: SavingsRagOut, **ERRORS},
    summary="The savings RAG thresholds",
)
def savings_rag_read(request: HttpRequest, org: str) -> Any:
    """How the savings monitoring report rates delivery: Green from ``green_from`` per cent of
    the budget achieved or forecast, Amber from ``amber_from``, Red below (95 and 80 until a TMO
    admin sets them)."""
    return _out(organisation_for(request.user, org))


@router.put(
    "/orgs/{org}/savings-rag",
    response={200: SavingsRagOut, **ERRORS},
    summary="Set the savings RAG thresholds",
)
def savings_rag_update(request: HttpRequest, org: str, payload: SavingsRagIn) -> Any:
    """Set both thresholds (TMO admins). Refused with 422 naming ``amber_from`` when Amber
    would start above Green."""
    organisation = organisation_for(request.user, org, Action.MANAGE_SETTINGS)
    services.savings_rag_set(
        organisation=organisation,
        green_from=payload.green_from,
        amber_from=payload.amber_from,
        by=request.user,
    )
    return _out(organisation)
