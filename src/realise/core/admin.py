"""Admin helpers shared by the apps."""

from __future__ import annotations

from typing import Any


class ReadOnlyAdmin:
    """For a model admin whose rows only services write (logs, the ledger, data versions): they
    can be listed and viewed in the admin, never added, changed or deleted there."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


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
