"""The funding room's addresses, under /o/<council>/."""

from django.urls import URLPattern, path

from realise.web.funding import views

site: list[URLPattern] = []  # none outside a council

council = [
    path("funding/", views.funding_page, name="funding"),
    path("funding/funds/new/", views.fund_create, name="fund_create"),
    path("funding/funds/<int:pk>/", views.fund_detail, name="fund"),
    path("funding/funds/<int:pk>/edit/", views.fund_edit, name="fund_edit"),
    path("funding/funds/<int:pk>/close/", views.fund_close, name="fund_close"),
    path("funding/funds/<int:pk>/reopen/", views.fund_reopen, name="fund_reopen"),
    path("funding/bids/new/", views.bid_create, name="bid_create"),
    path("funding/bids/<int:pk>/decide/", views.bid_decide, name="bid_decide"),
    path("funding/bids/<int:pk>/paid/", views.bid_drawn, name="bid_drawn"),
    path("funding/grants/new/", views.grant_create, name="grant_create"),
]
