from django.apps import AppConfig


class PortfolioPagesConfig(AppConfig):
    """A room of the web pages (ADR 0021): an app of its own so that its templates are found."""

    name = "realise.web.portfolio"
    label = "web_portfolio"
    verbose_name = "Pages: projects and decisions"
