from django.apps import AppConfig


class CorePagesConfig(AppConfig):
    """A room of the web pages (ADR 0021): an app of its own so that its templates are found."""

    name = "realise.web.core"
    label = "web_core"
    verbose_name = "Pages: home, sign-in, dashboard, errors"
