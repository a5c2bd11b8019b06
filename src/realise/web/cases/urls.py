"""The business-case room's addresses, under /o/<council>/."""

from django.urls import URLPattern, path

from realise.web.cases import views

site: list[URLPattern] = []  # none outside a council

council = [
    path("business-case/", views.business_case, name="business_case"),
    path("business-case/download.xlsx", views.business_case_xlsx, name="business_case_xlsx"),
    path(
        "business-case/financial-case.<str:fmt>",
        views.business_case_report,
        name="business_case_report",
    ),
]
