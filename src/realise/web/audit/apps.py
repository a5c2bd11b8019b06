from django.apps import AppConfig


class AuditPagesConfig(AppConfig):
    """A room of the web pages (ADR 0021): an app of its own so that its templates are found."""

    name = "realise.web.audit"
    label = "web_audit"
    verbose_name = "Pages: the audit trail (project and saving history, the change log)"
