from django.apps import AppConfig


class RisksPagesConfig(AppConfig):
    """A room of the web pages (ADR 0021): an app of its own so that its templates are found."""

    name = "realise.web.risks"
    label = "web_risks"
    verbose_name = "Pages: the risk register"
