from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "realise.cases"
    label = "cases"
    verbose_name = "Business cases"
