"""The business-case room's addresses, under /o/<council>/: the file checker (business-case/)
and the council's stored cases (business-cases/)."""

from django.urls import URLPattern, path

from realise.web.cases import approve, decisions, stored, views

site: list[URLPattern] = []  # none outside a council

CASE = "business-cases/<int:pk>/"

council = [
    path("business-case/", views.business_case, name="business_case"),
    path("business-case/download.xlsx", views.business_case_xlsx, name="business_case_xlsx"),
    path(
        "business-case/financial-case.<str:fmt>",
        views.business_case_report,
        name="business_case_report",
    ),
    path("business-cases/", stored.business_cases, name="business_cases"),
    path("business-cases/new/", decisions.business_case_create, name="business_case_create"),
    path(CASE, stored.business_case_stored, name="business_case_stored"),
    path(f"{CASE}compare/", stored.business_case_compare, name="business_case_compare"),
    path(
        f"{CASE}versions/new/",
        decisions.business_case_version_new,
        name="business_case_version_new",
    ),
    path(
        f"{CASE}versions/<int:number>/",
        stored.business_case_version,
        name="business_case_version",
    ),
    path(
        f"{CASE}versions/<int:number>/case.yaml",
        stored.business_case_version_file,
        name="business_case_version_file",
    ),
    path(f"{CASE}submit/", decisions.business_case_submit, name="business_case_submit"),
    path(f"{CASE}approve/", approve.business_case_approve, name="business_case_approve"),
    path(f"{CASE}reject/", decisions.business_case_reject, name="business_case_reject"),
    path(f"{CASE}supersede/", decisions.business_case_supersede, name="business_case_supersede"),
    path(f"{CASE}reforecast/", decisions.business_case_reforecast, name="business_case_reforecast"),
]
