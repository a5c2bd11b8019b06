from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "realise.imports"
    label = "imports"
    verbose_name = "Import and export"
