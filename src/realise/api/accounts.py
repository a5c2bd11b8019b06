"""API: the organisations the signed-in user belongs to, with their roles there."""

from django.http import HttpRequest
from ninja import Router, Schema

from realise.accounts.access import organisation_for, organisations, roles
from realise.api.common import ERRORS

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    slug: str
    name: str
    roles: list[str]


def _out(request: HttpRequest, organisation) -> OrganisationOut:  # type: ignore[no-untyped-def]
    held = sorted(role.value for role in roles(request.user, organisation))
    return OrganisationOut(slug=organisation.slug, name=organisation.name, roles=held)


@router.get(
    "/organisations",
    response={200: list[OrganisationOut], **ERRORS},
    summary="Your organisations and roles",
)
def organisations_mine(request: HttpRequest) -> list[OrganisationOut]:
    """The organisations where you hold a role (never any other)."""
    return [_out(request, org) for org in organisations(request.user)]


@router.get(
    "/organisations/{org}",
    response={200: OrganisationOut, **ERRORS},
    summary="One of your organisations",
)
def organisation_detail(request: HttpRequest, org: str) -> OrganisationOut:
    """One of your organisations and your roles in it."""
    return _out(request, organisation_for(request.user, org))
