from django.apps import AppConfig


class BenefitsPagesConfig(AppConfig):
    """A room of the web pages (ADR 0021): an app of its own so that its templates are found."""

    name = "realise.web.benefits"
    label = "web_benefits"
    verbose_name = "Pages: savings, carry-forwards, measure readings"
