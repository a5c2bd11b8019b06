"""The audit room's addresses, under /o/<council>/ (the old /o/<council>/... addresses
redirect here: realise/accounts/urls.py)."""

from django.urls import URLPattern, path

from realise.web.audit import views

site: list[URLPattern] = []  # none outside a council

council = [
    path("projects/<int:project_id>/history/", views.project_history, name="project_history"),
    path("savings/<int:entry_id>/history/", views.saving_history, name="saving_history"),
    path("changes/", views.change_log, name="change_log"),
]
