"""Mounted under /o/<slug>/ by realise.config.urls."""

from django.urls import path

from realise.imports import views

app_name = "imports"

urlpatterns = [
    path("import/", views.upload, name="upload"),
    path("import/confirm/", views.confirm, name="confirm"),
    path("import/template/<str:kind>.xlsx", views.template, name="template"),
    path("export/", views.exports, name="exports"),
    path("export/<str:kind>.<str:fmt>", views.export, name="export"),
]
