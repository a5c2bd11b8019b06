from django.apps import AppConfig


class FundingPagesConfig(AppConfig):
    """A room of the web pages (ADR 0021): an app of its own so that its templates are found."""

    name = "realise.web.funding"
    label = "web_funding"
    verbose_name = "Pages: funds, bids and grants"
