from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "realise.funding"
    verbose_name = "Funding"
