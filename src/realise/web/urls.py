"""The web pages. Everything about a council lives under /o/<slug>/."""

from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from realise.accounts.links import set_password_tokens
from realise.accounts.session_limits import session_status
from realise.web.forms_auth import SignInForm
from realise.web.forms_people import SetPasswordForm
from realise.web.views import (
    admin_settings,
    cases,
    dashboard,
    people,
    projects,
    records,
    reports_page,
)

app_name = "web"

council = [
    path("", dashboard.dashboard, name="dashboard"),
    path("projects/", projects.project_list, name="projects"),
    path("projects/new/", projects.project_create, name="project_create"),
    path("projects/<str:code>/", projects.project_detail, name="project"),
    path("projects/<str:code>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<str:code>/stage/", projects.project_stage, name="project_stage"),
    path("projects/<str:code>/status/", projects.project_status, name="project_status"),
    path("savings/", records.savings, name="savings"),
    path("savings/record/", records.saving_record, name="saving_record"),
    path("savings/<int:pk>/correct/", records.saving_correct, name="saving_correct"),
    path("savings/carry-forward/", records.carry_forward, name="carry_forward"),
    path("funding/", records.funding_page, name="funding"),
    path("funding/bids/new/", records.bid_create, name="bid_create"),
    path("funding/grants/new/", records.grant_create, name="grant_create"),
    path("risks/", records.risk_register, name="risks"),
    path("risks/new/", records.risk_create, name="risk_create"),
    path("risks/<int:pk>/rescore/", records.risk_rescore, name="risk_rescore"),
    path("decisions/new/", records.decision_create, name="decision_create"),
    path("measures/<int:pk>/readings/new/", records.reading_create, name="reading_create"),
    path("business-case/", cases.business_case, name="business_case"),
    path("business-case/download.xlsx", cases.business_case_xlsx, name="business_case_xlsx"),
    path(
        "business-case/financial-case.<str:fmt>",
        cases.business_case_report,
        name="business_case_report",
    ),
    path("reports/", reports_page.reports_and_data, name="reports"),
    path("settings/", admin_settings.settings_page, name="settings"),
    path("settings/bands/", admin_settings.settings_bands, name="settings_bands"),
    path("settings/people/", people.people_list, name="settings_people"),
    path("settings/people/add/", people.person_add, name="settings_person_add"),
    path("settings/people/<int:user_id>/", people.person_change, name="settings_person"),
    path(
        "settings/people/<int:user_id>/remove/",
        people.person_remove,
        name="settings_person_remove",
    ),
    path("settings/people/<int:user_id>/link/", people.person_link, name="settings_person_link"),
    path("settings/<slug:what>/new/", admin_settings.settings_add, name="settings_add"),
]

urlpatterns = [
    path("", dashboard.home, name="home"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="web/sign_in.html", authentication_form=SignInForm
        ),
        name="sign_in",
    ),
    path("sign-out/", dashboard.sign_out, name="sign_out"),
    # How long the session has left (GET) and "Stay signed in" (POST), for the page's script.
    path("session/", session_status, name="session"),
    # The link a TMO admin passes on to a new person (realise.accounts.links): Django's
    # password-reset confirmation, with Realise's pages.
    path(
        "set-password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="web/set_password.html",
            form_class=SetPasswordForm,
            token_generator=set_password_tokens,
            success_url=reverse_lazy("web:set_password_done"),
        ),
        name="set_password",
    ),
    path(
        "set-password/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="web/set_password_done.html"),
        name="set_password_done",
    ),
    path("health/", dashboard.health, name="health"),
    path("o/<slug:org>/", include(council)),
]
