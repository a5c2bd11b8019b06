"""The reports room's address, under /o/<council>/ (the downloads themselves are
``realise.reports.urls``)."""

from django.urls import URLPattern, path

from realise.web.reports import views

site: list[URLPattern] = []  # none outside a council

council = [
    path("reports/", views.reports_and_data, name="reports"),
]
