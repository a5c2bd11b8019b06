"""The settings room's addresses, under /o/<council>/ (Settings → People is the people room)."""

from django.urls import URLPattern, path, re_path

from realise.portfolio.reference import KINDS
from realise.web.settings import views

site: list[URLPattern] = []  # none outside a council

KIND = "|".join(KINDS)  # directorate|programme|stage|priority|board: nothing else matches

council = [
    path("settings/", views.settings_page, name="settings"),
    path("settings/bands/", views.settings_bands, name="settings_bands"),
    path("settings/plan-years/", views.settings_plan_years, name="settings_plan_years"),
    path("settings/heat-map/", views.settings_heat_map, name="settings_heat_map"),
    path("settings/bands/<int:pk>/", views.settings_band, name="settings_band"),
    re_path(rf"^settings/(?P<what>{KIND})/new/$", views.settings_add, name="settings_add"),
    re_path(
        rf"^settings/(?P<what>{KIND})/(?P<pk>[0-9]{{1,9}})/$",
        views.settings_change,
        name="settings_change",
    ),
]
