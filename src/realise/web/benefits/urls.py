"""The benefits room's addresses, under /o/<council>/: savings and measure readings."""

from django.urls import URLPattern, path

from realise.web.benefits import views

site: list[URLPattern] = []  # none outside a council

council = [
    path("savings/", views.savings, name="savings"),
    path("savings/record/", views.saving_record, name="saving_record"),
    path("savings/<int:pk>/correct/", views.saving_correct, name="saving_correct"),
    path("savings/carry-forward/", views.carry_forward, name="carry_forward"),
    path("measures/<int:pk>/readings/new/", views.reading_create, name="reading_create"),
]
