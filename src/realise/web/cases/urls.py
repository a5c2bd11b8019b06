"""The business-case room's addresses, under /o/<council>/: the file checker (business-case/),
the council's stored cases (business-cases/) and the editor (business-cases/write/ and a
draft's pages, business-cases/drafts/<id>/)."""

from django.urls import URLPattern, path

from realise.web.cases import (
    approve,
    decisions,
    draft_figures,
    draft_pages,
    editor,
    stored,
    views,
)

site: list[URLPattern] = []  # none outside a council

CASE = "business-cases/<int:pk>/"
DRAFT = "business-cases/drafts/<int:pk>/"
OPTION = f"{DRAFT}options/<int:number>/"
LINES = f"{OPTION}<str:group>/"

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
    path(
        f"{CASE}versions/<int:number>/case.xlsx",
        stored.business_case_version_workbook,
        name="business_case_version_workbook",
    ),
    path(f"{CASE}submit/", decisions.business_case_submit, name="business_case_submit"),
    path(f"{CASE}approve/", approve.business_case_approve, name="business_case_approve"),
    path(f"{CASE}reject/", decisions.business_case_reject, name="business_case_reject"),
    path(f"{CASE}supersede/", decisions.business_case_supersede, name="business_case_supersede"),
    # The editor (editor.py, draft_pages.py, draft_figures.py): a draft, page by page, then
    # saved as a version.
    path("business-cases/write/", editor.editor_start, name="case_editor"),
    path("business-cases/write/upload/", editor.editor_upload, name="case_editor_upload"),
    path(f"{CASE}edit/", editor.editor_from_case, name="case_editor_from_case"),
    path(DRAFT, draft_pages.case_draft, name="case_draft"),
    path(f"{DRAFT}settings/", draft_pages.case_draft_settings, name="case_draft_settings"),
    path(f"{DRAFT}baselines/add/", draft_pages.case_draft_baseline, name="case_draft_baseline_add"),
    path(
        f"{DRAFT}baselines/<int:number>/",
        draft_pages.case_draft_baseline,
        name="case_draft_baseline",
    ),
    path(
        f"{DRAFT}baselines/<int:number>/remove/",
        draft_pages.case_draft_baseline_remove,
        name="case_draft_baseline_remove",
    ),
    path(
        f"{DRAFT}options/add/", draft_pages.case_draft_option_details, name="case_draft_option_add"
    ),
    path(OPTION, draft_pages.case_draft_option, name="case_draft_option"),
    path(
        f"{OPTION}details/", draft_pages.case_draft_option_details, name="case_draft_option_details"
    ),
    path(f"{OPTION}remove/", draft_pages.case_draft_option_remove, name="case_draft_option_remove"),
    path(f"{OPTION}figures/", draft_figures.case_draft_figures, name="case_draft_figures"),
    path(f"{LINES}add/", draft_pages.case_draft_line, name="case_draft_line_add"),
    path(f"{LINES}<int:line>/", draft_pages.case_draft_line, name="case_draft_line"),
    path(
        f"{LINES}<int:line>/remove/",
        draft_pages.case_draft_line_remove,
        name="case_draft_line_remove",
    ),
    path(f"{DRAFT}case.yaml", editor.case_draft_file, name="case_draft_file"),
    path(f"{DRAFT}case.xlsx", editor.case_draft_workbook, name="case_draft_workbook"),
    path(f"{DRAFT}save/", editor.case_draft_save, name="case_draft_save"),
    path(f"{DRAFT}discard/", editor.case_draft_discard, name="case_draft_discard"),
    path(f"{CASE}reforecast/", decisions.business_case_reforecast, name="business_case_reforecast"),
]
