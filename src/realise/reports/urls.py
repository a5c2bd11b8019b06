"""Report downloads, e.g. /o/dorset/reports/annual/2022-23.pdf."""

from django.urls import path

from realise.reports import views

app_name = "reports"

urlpatterns = [
    path("o/<slug:slug>/reports/annual/<str:year>.<str:fmt>", views.annual, name="annual"),
    path("o/<slug:slug>/reports/risk.<str:fmt>", views.risk, name="risk"),
    path(
        "o/<slug:slug>/reports/monitoring/<str:year>.<str:fmt>",
        views.monitoring,
        name="monitoring",
    ),
    path("o/<slug:slug>/reports/realisation.<str:fmt>", views.realisation, name="realisation"),
    path(
        "o/<slug:slug>/reports/realisation/case-<int:case>.<str:fmt>",
        views.realisation_case,
        name="realisation_case",
    ),
]
