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
