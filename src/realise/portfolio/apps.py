from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "realise.portfolio"
    verbose_name = "Portfolio"
