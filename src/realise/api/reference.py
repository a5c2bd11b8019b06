"""API: a council's reference data, as Settings shows it: its directorates, programmes, lifecycle
stages, priorities and boards (risk bands: ``realise.api.risks``). List them (retired ones too,
each with its place and whether it is retired); add, rename, move, retire and restore one (TMO
admins). Every write is a service of ``realise.portfolio.reference``."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from realise.accounts.access import Action, organisation_for, record_in
from realise.api.common import ERRORS, Body, Id, Page
from realise.portfolio.lookups import Listed, reference_in, reference_items
from realise.portfolio.reference import KINDS, kind_named, reference_add, reference_change

router = Router(tags=["council settings"])

KindPath = Literal[tuple(kind.path for kind in KINDS.values())]  # type: ignore[valid-type]


class SettingOut(Schema):
    id: int
    name: str
    position: int = Field(..., description="Its place in lists, 1 first")
    retired: bool = Field(
        ..., description="Retired: kept on the records that have it and in reports, not offered"
    )

    @staticmethod
    def of(listed: Listed) -> "SettingOut":
        item = listed.item
        return SettingOut(
            id=item.pk, name=item.name, position=listed.position, retired=item.retired
        )


class SettingIn(Body):
    name: str = Field(..., min_length=1, max_length=200)


class SettingEdit(Body):
    name: str | None = Field(None, min_length=1, max_length=200, description="A new name")
    position: int | None = Field(
        None, ge=1, le=32767, description="Move it to this place in lists (1 is first)"
    )
    retired: bool | None = Field(None, description="true to retire it, false to restore it")


@router.get(
    "/orgs/{org}/settings/{kind}",
    response={200: list[SettingOut], **ERRORS},
    summary="List a kind of setting",
)
@paginate(Page)
def settings_list(request: HttpRequest, org: str, kind: KindPath) -> Any:
    """The council's directorates, programmes, stages (lifecycle stages), priorities or boards,
    as ``kind`` says, in the order lists show them, retired ones too (``retired`` says which).
    Anyone with a role may read them."""
    organisation = organisation_for(request.user, org)
    chosen = kind_named(kind)
    return [SettingOut.of(i) for i in reference_items(organisation=organisation, kind=chosen)]


@router.post(
    "/orgs/{org}/settings/{kind}",
    response={201: SettingOut, **ERRORS},
    summary="Add a setting",
)
def settings_add(request: HttpRequest, org: str, payload: SettingIn, kind: KindPath) -> Any:
    """Add one at the end of its list (TMO admins). A name the council already has for that
    kind, also in other letter case, is refused (422)."""
    organisation = organisation_for(request.user, org, Action.MANAGE_SETTINGS)
    chosen = kind_named(kind)
    item = reference_add(kind=chosen, organisation=organisation, name=payload.name, by=request.user)
    return Status(201, _listed(organisation, chosen, item.pk))


@router.patch(
    "/orgs/{org}/settings/{kind}/{item_id}",
    response={200: SettingOut, **ERRORS},
    summary="Rename, move, retire or restore a setting",
)
def settings_change(
    request: HttpRequest,
    org: str,
    item_id: Id,
    payload: SettingEdit,
    kind: KindPath,
) -> Any:
    """Rename it (its id stays, so every record shows the new name, past years' too), move it
    to another place in its list, retire it (it stays on the records that have it, but is not
    offered for new ones) or restore it (TMO admins). Send only what changes."""
    organisation = organisation_for(request.user, org, Action.MANAGE_SETTINGS)
    chosen = kind_named(kind)
    item = record_in(chosen.model, organisation, item_id)
    reference_change(item=item, by=request.user, **payload.dict(exclude_unset=True))
    return _listed(organisation, chosen, item.pk)


def _listed(organisation: Any, kind: Any, pk: int) -> SettingOut:
    found = reference_in(organisation=organisation, kind=kind, pk=pk)
    assert found is not None  # just written, in this council
    return SettingOut.of(found)
