from django.apps import AppConfig


class ReconciliationPagesConfig(AppConfig):
    """A room of the web pages (ADR 0021): an app of its own so that its templates are found."""

    name = "realise.web.reconciliation"
    label = "web_reconciliation"
    verbose_name = "Pages: reconciling committee papers"
