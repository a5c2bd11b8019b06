from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "realise.web"
    label = "web"
    verbose_name = "Web pages"
