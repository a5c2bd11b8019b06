"""Admin helpers shared by the apps.

The Django admin is for whoever runs the service (staff only) and shows every council at once.
A council's data has one write path, its services (which check every rule and write the
history), called by the web pages, the API, imports and the ``realise`` command; so every domain
model's admin is ``ReadOnlyAdmin``. The few that still change something no page, API call or
command can are ``ChangeOnlyHereAdmin``, limited to those fields (ADR 0044)."""

from __future__ import annotations

from typing import Any


class ReadOnlyAdmin:
    """For a model admin whose rows only services write (council data, logs, the ledger, data
    versions): they can be listed and viewed in the admin, never added, changed or deleted
    there."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class ChangeOnlyHereAdmin:
    """For a model admin that still lets support staff change a few fields no service sets yet
    (``changeable_here``; the admin's docstring says why): nothing is added or deleted, every
    other field is read-only. Each is a gap to close with a service, after which the admin
    becomes ``ReadOnlyAdmin``."""

    changeable_here: tuple[str, ...] = ()

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: Any, obj: Any = None) -> list[str]:
        meta = self.model._meta  # type: ignore[attr-defined]
        return [
            field.name
            for field in [*meta.concrete_fields, *meta.many_to_many]
            if not field.primary_key and field.name not in self.changeable_here
        ]


class RelatedInList:
    """Loads, with the list itself, every related row a list column shows (``list_display``),
    so an admin list runs one query however many rows it shows, not one more per row."""

    list_display: Any

    def get_list_select_related(self, request: Any) -> Any:
        model = self.model  # type: ignore[attr-defined]
        names = {f.name: f for f in model._meta.concrete_fields}
        related = [
            name
            for name in self.list_display
            if isinstance(name, str) and name in names and names[name].many_to_one
        ]
        return related or False
