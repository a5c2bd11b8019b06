"""A per-organisation data version that every write changes as soon as the write commits, so a
cache keyed by it is never stale in any process (ADR 0011).

The version row is updated *after* the write's transaction commits, in a one-statement
transaction of its own. Updating it inside the write's transaction made every writer to a council
queue on that row in the middle of its transaction, and PostgreSQL found deadlocks between
writers that also lock other rows (an edit holding a project row, a ledger append checking its
foreign key to that project). A reader that takes the old version and then the new data stores
newer figures under the old version, never older ones, so the order stays safe.

Writes through the ORM reach ``bump`` by signals: post_save and post_delete on every model with an
``organisation`` foreign key (and on Organisation), m2m_changed on their many-to-many fields.
Writes that send no signals (``bulk_create``, ``QuerySet.update``, raw SQL) must call ``bump``
themselves: ``benefits.services.savings_insert`` and ``backup.restore`` do."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from realise.portfolio.models import Organisation, OrganisationDataVersion


def _token() -> str:
    return uuid.uuid4().hex


class _BumpAfterCommit:
    """An on-commit callback for one organisation; ``bump`` registers at most one per transaction
    (a savepoint rolled back drops its callbacks, so the next ``bump`` registers again)."""

    def __init__(self, organisation_id: int) -> None:
        self.organisation_id = organisation_id
        self.done = False

    def __call__(self) -> None:
        self.done = True
        _bump_now([self.organisation_id])


def bump(organisation_ids: Iterable[int | None]) -> None:
    """Mark these organisations' data as changed, once the current transaction commits (at once
    outside one); a transaction that rolls back changes nothing. Each organisation is bumped once
    per transaction, however many rows it wrote."""
    ids = {i for i in organisation_ids if i is not None}
    if not connection.in_atomic_block:
        _bump_now(ids)
        return
    waiting = {
        f.organisation_id
        for _, f, _ in connection.run_on_commit
        if isinstance(f, _BumpAfterCommit) and not f.done
    }
    for org_id in ids - waiting:
        transaction.on_commit(_BumpAfterCommit(org_id))


def _bump_now(ids: Iterable[int]) -> None:
    """One UPDATE each (an INSERT when the organisation has no version row yet)."""
    for org_id in ids:
        changed = OrganisationDataVersion.objects.filter(organisation_id=org_id).update(
            version=F("version") + 1, token=_token()
        )
        if not changed:
            _create(org_id)


def _create(org_id: int) -> str:
    """The first version row of an organisation, made by its first read (when a concurrent
    reader made it first, bump it instead: either way the token is new)."""
    token = _token()
    try:
        with transaction.atomic():
            OrganisationDataVersion.objects.create(organisation_id=org_id, token=token)
    except IntegrityError:
        OrganisationDataVersion.objects.filter(organisation_id=org_id).update(
            version=F("version") + 1, token=token
        )
    return token


def data_version(organisation: Organisation) -> str:
    """The organisation's current data token: one query by primary key. Read it before reading
    the data a cache entry is computed from."""
    # SQL rather than the ORM: this runs on every dashboard request and the ORM's query building
    # costs ten times the query itself.
    opts = OrganisationDataVersion._meta
    table, column = (connection.ops.quote_name(n) for n in (opts.db_table, "organisation_id"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE {column} = %s", [organisation.pk])
        row = cursor.fetchone()
    return row[0] if row is not None else _create(organisation.pk)


def _organisation_id(instance: Any) -> int | None:
    if isinstance(instance, Organisation):
        return instance.pk
    return getattr(instance, "organisation_id", None)


def _saved_or_deleted(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata: no organisation may exist yet; restore bumps itself
        return
    if isinstance(instance, Organisation) and kwargs.get("signal") is post_delete:
        # Last of the deletion (its rows went first, and bumped): drop its version row.
        OrganisationDataVersion.objects.filter(organisation_id=instance.pk).delete()
        return
    bump([_organisation_id(instance)])


def _m2m(sender: type[models.Model], instance: Any, action: str, **kwargs: Any) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        bump([_organisation_id(instance)])


def tracked_models() -> list[type[models.Model]]:
    """Organisation and every model holding an ``organisation`` foreign key, but not the
    audit-trail copies (their originals are tracked) nor the version row itself."""
    chosen: list[type[models.Model]] = []
    for model in apps.get_models():
        if model is OrganisationDataVersion or model.__name__.startswith("Historical"):
            continue
        if model is Organisation or any(
            f.is_relation and f.name == "organisation" and f.related_model is Organisation
            for f in model._meta.concrete_fields
        ):
            chosen.append(model)
    return chosen


def connect() -> None:
    for model in tracked_models():
        uid = f"realise-data-version-{model._meta.label_lower}"
        post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=uid + "-delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_m2m, sender=through, dispatch_uid=f"{uid}-{field.name}")
