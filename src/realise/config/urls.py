"""URL routes. The web app comes in a later issue; for now, the Django admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("o/<slug:slug>/", include("realise.imports.urls")),
]
