"""Roles are held per organisation: a user may be a viewer in one council and finance in another."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from realise.portfolio.models import Organisation


class Role(models.TextChoices):
    VIEWER = "viewer", "Viewer"
    PROJECT_LEAD = "project_lead", "Project lead"
    FINANCE = "finance", "Finance"
    TMO_ADMIN = "tmo_admin", "TMO admin"


class Membership(models.Model):
    """A user's role in one organisation.

    ``name`` and ``joined`` belong to the person's place in the council, so all their roles there
    carry the same values (``realise.accounts.services`` keeps them so): the name the council's
    TMO admin gave them, shown only in that council (another council's name for the same account
    is never shown), and when they were added, from which the council's pages count their last
    sign-in and which decides the council that may give out their set-password link (ADR 0018)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    name = models.CharField(max_length=150, blank=True, help_text="Their name in this council")
    joined = models.DateTimeField(default=timezone.now, help_text="When added to this council")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user", "role"], name="membership_unique_role"
            )
        ]
        indexes = [models.Index(fields=["organisation", "user"], name="membership_org_user")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.organisation}"


class ApiToken(models.Model):
    """A personal token for the JSON API. Only a hash of the secret is stored; the token itself
    is shown once, when it is created. The prefix finds the row; the hash proves the secret."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. Power BI")
    prefix = models.CharField(max_length=12, unique=True)
    secret_hash = models.CharField(max_length=64, help_text="SHA-256 of the whole token, in hex")
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used"])

    class Meta:
        ordering = ["user", "-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked is None


class SignInFailure(models.Model):
    """One failed sign-in, kept while it counts towards a lock-out (``realise.accounts.throttle``).
    Rows in the database, not a per-process cache, so every process of the server sees every
    failure; each attempt inserts its row before its password is checked, so concurrent attempts
    are all counted. Only keyed hashes of the user name and of the address are stored."""

    name_hash = models.CharField(max_length=64)
    ip_hash = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["name_hash", "at"], name="signin_failure_name_at"),
            models.Index(fields=["ip_hash", "at"], name="signin_failure_ip_at"),
        ]

    def __str__(self) -> str:
        return f"{self.name_hash[:12]} from {self.ip_hash[:12]} at {self.at:%Y-%m-%d %H:%M:%S}"


class AccountHistoryExtras(models.Model):
    """What an account's history row adds: whether the password was set in that change. The
    password hash itself is never copied into history."""

    password_changed = models.BooleanField(default=False)

    class Meta:
        abstract = True


class AccountHistory(HistoricalRecords):
    """History of the accounts people sign in with: email, name, active flag, staff flags and
    password changes (without the hash). Signing in (``last_login`` alone) is not a change."""

    def post_save(self, instance: Any, created: bool, using: Any = None, **kwargs: Any) -> None:
        fields = kwargs.get("update_fields")
        if not created and fields is not None and set(fields) <= {"last_login"}:
            return
        super().post_save(instance, created, using=using, **kwargs)


def _register_account_history() -> None:
    from django.contrib.auth import get_user_model
    from simple_history import register

    register(
        get_user_model(),
        app="realise.accounts",
        records_class=AccountHistory,
        bases=[AccountHistoryExtras],
        excluded_fields=["password", "last_login"],
        user_related_name="account_changes_made",
    )
    from simple_history.signals import pre_create_historical_record

    pre_create_historical_record.connect(
        _note_password_change, dispatch_uid="realise_account_password"
    )


def _note_password_change(sender: Any, instance: Any, history_instance: Any, **kw: Any) -> None:
    """Django keeps the new raw password on the account until ``save`` has finished: its
    presence while the history row is made means this change set the password."""
    if hasattr(history_instance, "password_changed"):
        history_instance.password_changed = getattr(instance, "_password", None) is not None


_register_account_history()
