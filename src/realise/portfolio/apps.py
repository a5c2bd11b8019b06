from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "realise.portfolio"
    verbose_name = "Portfolio"

    def ready(self) -> None:
        from realise.portfolio import versions

        versions.connect()  # every write to a council's data changes its data version
