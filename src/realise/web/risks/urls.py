"""The risks room's addresses, under /o/<council>/."""

from django.urls import URLPattern, path

from realise.web.risks import lifecycle, views

site: list[URLPattern] = []  # none outside a council

council = [
    path("risks/", views.risk_register, name="risks"),
    path("risks/new/", views.risk_create, name="risk_create"),
    path("risks/<int:pk>/", views.risk_detail, name="risk"),
    path("risks/<int:pk>/edit/", lifecycle.risk_edit, name="risk_edit"),
    path("risks/<int:pk>/rescore/", lifecycle.risk_rescore, name="risk_rescore"),
    path("risks/<int:pk>/close/", lifecycle.risk_close, name="risk_close"),
    path("risks/<int:pk>/reopen/", lifecycle.risk_reopen, name="risk_reopen"),
    path("risks/<int:pk>/escalate/", lifecycle.risk_escalate, name="risk_escalate"),
    path("risks/<int:pk>/mitigations/new/", lifecycle.mitigation_add, name="mitigation_add"),
    path(
        "risks/<int:pk>/mitigations/<int:action_pk>/done/",
        lifecycle.mitigation_done,
        name="mitigation_done",
    ),
]
