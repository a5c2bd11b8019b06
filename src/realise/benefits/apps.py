from django.apps import AppConfig


class BenefitsConfig(AppConfig):
    name = "realise.benefits"
    verbose_name = "Benefits"
