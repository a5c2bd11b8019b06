from django.apps import AppConfig


class SettingsPagesConfig(AppConfig):
    """A room of the web pages (ADR 0021): an app of its own so that its templates are found."""

    name = "realise.web.settings"
    label = "web_settings"
    verbose_name = "Pages: the council's settings"
