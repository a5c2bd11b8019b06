from django.apps import AppConfig


class ReportsPagesConfig(AppConfig):
    """A room of the web pages (ADR 0021): an app of its own so that its templates are found."""

    name = "realise.web.reports"
    label = "web_reports"
    verbose_name = "Pages: reports and data"
