from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "realise.accounts"
    label = "accounts"
    verbose_name = "People and roles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from realise.accounts import (  # noqa: F401 - they connect the sign-in signals
            session_limits,
            throttle,
        )
