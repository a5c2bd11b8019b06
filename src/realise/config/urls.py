"""URL routes: the web app, imports and exports, report downloads, the JSON API, accounts and the
Django admin."""

from django.contrib import admin
from django.urls import include, path

from realise.config.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/", include("realise.accounts.urls")),
    path("o/<slug:slug>/", include("realise.imports.urls")),
    path("", include("realise.reports.urls")),
    path("", include("realise.web.urls")),
]
