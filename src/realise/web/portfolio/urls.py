"""The portfolio room's addresses, under /o/<council>/: projects and board decisions."""

from django.urls import URLPattern, path

from realise.web.portfolio import views

site: list[URLPattern] = []  # none outside a council

council = [
    path("projects/", views.project_list, name="projects"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<str:code>/", views.project_detail, name="project"),
    path("projects/<str:code>/edit/", views.project_edit, name="project_edit"),
    path("projects/<str:code>/stage/", views.project_stage, name="project_stage"),
    path("projects/<str:code>/status/", views.project_status, name="project_status"),
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions/new/", views.decision_create, name="decision_create"),
]
