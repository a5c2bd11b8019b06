"""URL routes. The web app comes in a later issue; for now, the Django admin."""

from django.contrib import admin
from django.urls import include, path

from realise.config.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/", include("realise.accounts.urls")),
]
