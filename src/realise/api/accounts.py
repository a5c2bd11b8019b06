"""API: the organisations the signed-in user belongs to, with their roles there; and a council's
people and their roles, for its TMO admins (as Settings → People shows and changes them)."""

from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from realise.accounts import services
from realise.accounts.access import Action, organisation_for, organisations, roles
from realise.accounts.models import Role
from realise.accounts.selectors import Person, people, person_in
from realise.api.common import ERRORS, Body, Id, Page

router = Router(tags=["organisations"])

RoleName = Literal[tuple(role.value for role in Role)]  # type: ignore[valid-type]


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


class PersonOut(Schema):
    id: int = Field(..., description="Their account's id, for setting their roles")
    name: str = Field(..., description="The council's name for them, else their email")
    email: str
    roles: list[RoleName] = Field(..., description="Every role they hold in the council")

    @staticmethod
    def of(person: Person) -> "PersonOut":
        return PersonOut(
            id=person.user_id,
            name=person.name,
            email=person.email,
            roles=[role.value for role in person.roles],
        )


class RolesIn(Body):
    roles: list[RoleName] = Field(
        ...,
        min_length=1,
        description="Every role they are to hold (a role left out is taken away), e.g. "
        '["finance", "tmo_admin"]',
    )


@router.get(
    "/orgs/{org}/people",
    response={200: list[PersonOut], **ERRORS},
    summary="List the council's people",
)
@paginate(Page)
def people_list(request: HttpRequest, org: str) -> Any:
    """Everyone holding a role in the council, by name, with all their roles (TMO admins)."""
    organisation = organisation_for(request.user, org, Action.MANAGE_USERS)
    return [PersonOut.of(person) for person in people(organisation=organisation)]


@router.put(
    "/orgs/{org}/people/{user_id}/roles",
    response={200: PersonOut, **ERRORS},
    summary="Set a person's roles",
)
def person_roles_set(request: HttpRequest, org: str, user_id: Id, payload: RolesIn) -> Any:
    """Set every role someone holds in the council (TMO admins), e.g. give a second role by
    sending both. The same rules as Settings → People: at least one role, and the council keeps
    a TMO admin (422 on ``roles``). 404 for anyone who holds no role in the council."""
    organisation = organisation_for(request.user, org, Action.MANAGE_USERS)
    user = person_in(organisation=organisation, user_id=user_id)
    if user is None:
        raise Http404(f"Nobody with id {user_id} holds a role in {organisation}")
    services.person_roles_set(
        organisation=organisation, user=user, roles=payload.roles, by=request.user
    )
    return next(PersonOut.of(p) for p in people(organisation=organisation) if p.user_id == user.pk)
