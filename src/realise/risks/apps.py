from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "realise.risks"
    verbose_name = "Risks"
