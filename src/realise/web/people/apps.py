from django.apps import AppConfig


class PeoplePagesConfig(AppConfig):
    """A room of the web pages (ADR 0021): an app of its own so that its templates are found."""

    name = "realise.web.people"
    label = "web_people"
    verbose_name = "Pages: people and set-password links"
