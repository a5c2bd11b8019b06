from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from realise.accounts.models import ApiToken, Membership
from realise.core.admin import ChangeOnlyHereAdmin, RelatedInList


@admin.register(Membership)
class MembershipAdmin(ChangeOnlyHereAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """People are added to a council, given roles and removed in Settings → People and with
    ``realise user`` (``accounts.services``, which keep each council's last TMO admin); the name a
    council gives a person can be corrected only here for now (no service renames one)."""

    changeable_here = ("name",)
    list_display = ["user", "organisation", "role"]
    list_filter = ["organisation", "role"]
    search_fields = ["user__username", "user__email"]


@admin.register(ApiToken)
class ApiTokenAdmin(RelatedInList, SimpleHistoryAdmin):
    """Tokens are created by their owners at /tokens/; here they can only be seen and
    revoked (set "revoked"). The secret is never stored, only its hash."""

    list_display = ["name", "user", "prefix", "created", "last_used", "revoked"]
    list_filter = ["revoked"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["user", "name", "prefix", "secret_hash", "created", "last_used"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class AccountAdmin(RelatedInList, SimpleHistoryAdmin, UserAdmin):
    """Django's account admin with a History button: every change of email, name, active flag,
    staff flags and password (without the hash) is listed there."""


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), AccountAdmin)
