"""The funding room's addresses, under /o/<council>/."""

from django.urls import URLPattern, path

from realise.web.funding import views

site: list[URLPattern] = []  # none outside a council

council = [
    path("funding/", views.funding_page, name="funding"),
    path("funding/bids/new/", views.bid_create, name="bid_create"),
    path("funding/grants/new/", views.grant_create, name="grant_create"),
]
