"""The settings room's addresses, under /o/<council>/ (Settings → People is the people room)."""

from django.urls import URLPattern, path

from realise.web.settings import views

site: list[URLPattern] = []  # none outside a council

council = [
    path("settings/", views.settings_page, name="settings"),
    path("settings/bands/", views.settings_bands, name="settings_bands"),
    path("settings/plan-years/", views.settings_plan_years, name="settings_plan_years"),
    path("settings/<slug:what>/new/", views.settings_add, name="settings_add"),
]
