"""The risks room's addresses, under /o/<council>/."""

from django.urls import URLPattern, path

from realise.web.risks import views

site: list[URLPattern] = []  # none outside a council

council = [
    path("risks/", views.risk_register, name="risks"),
    path("risks/new/", views.risk_create, name="risk_create"),
    path("risks/<int:pk>/rescore/", views.risk_rescore, name="risk_rescore"),
]
