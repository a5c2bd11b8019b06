from django.apps import AppConfig


class CasesPagesConfig(AppConfig):
    """A room of the web pages (ADR 0021): an app of its own so that its templates are found."""

    name = "realise.web.cases"
    label = "web_cases"
    verbose_name = "Pages: the business case"
