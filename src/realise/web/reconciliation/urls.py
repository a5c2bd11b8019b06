"""The reconciliation room's addresses, under /o/<council>/reports/papers/."""

from django.urls import URLPattern, path

from realise.web.reconciliation import views

site: list[URLPattern] = []  # none outside a council

council = [
    path("reports/papers/", views.papers, name="papers"),
    path("reports/papers/new/", views.paper_create, name="paper_create"),
    path("reports/papers/<int:pk>/", views.paper, name="paper"),
    path("reports/papers/<int:pk>/edit/", views.paper_edit, name="paper_edit"),
    path("reports/papers/<int:pk>/delete/", views.paper_delete, name="paper_delete"),
    path("reports/papers/<int:pk>/figures/", views.paper_figures, name="paper_figures"),
    path("reports/papers/<int:pk>/upload/", views.paper_upload, name="paper_upload"),
    path(
        "reports/papers/<int:pk>/figures/<int:figure>/remove/",
        views.figure_remove,
        name="figure_remove",
    ),
]
