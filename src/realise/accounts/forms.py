"""The sign-in form, throttled (the pages that use it are the web rooms')."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from realise.accounts import throttle
from realise.accounts.addresses import client_address


class SignInForm(AuthenticationForm):
    """Django's sign-in form, with a plain message when the attempt is locked out."""

    def clean(self) -> dict[str, Any]:
        # A plain message for a locked-out name or address (the backend refuses it anyway, and is
        # what holds under concurrency: see realise.accounts.throttle).
        address = client_address(self.request)
        if throttle.is_locked(self.data.get("username"), address):
            raise forms.ValidationError(throttle.locked_message(), code="locked")
        return super().clean()
