from django.apps import AppConfig


class ReconciliationConfig(AppConfig):
    name = "realise.reconciliation"
    verbose_name = "Reconciliation with published papers"
