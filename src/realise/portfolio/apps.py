from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "realise.portfolio"
    verbose_name = "Portfolio"

    def ready(self) -> None:
        from realise.core import attribution  # noqa: F401 - names the command line in history
        from realise.portfolio import versions

        versions.connect()  # every write to a council's data changes its data version
