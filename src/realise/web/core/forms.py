"""The sign-in form with plain GOV.UK-style messages and the lock-out message of the throttle."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from realise.accounts.forms import SignInForm as ThrottledSignInForm


class SignInForm(ThrottledSignInForm):
    error_messages: ClassVar[dict[str, str]] = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account cannot sign in",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )
