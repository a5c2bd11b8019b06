"""API tokens and the audit-trail pages. Signing in and out is the web app's (/sign-in/,
/sign-out/); the old addresses here redirect there."""

from django.urls import path
from django.views.generic import RedirectView

from realise.accounts import views

app_name = "accounts"

urlpatterns = [
    path(
        "sign-in/",
        RedirectView.as_view(pattern_name="web:sign_in", query_string=True, permanent=True),
    ),
    path("sign-out/", RedirectView.as_view(pattern_name="web:sign_out", permanent=True)),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    # The same pages with a council's menu, for someone who came from that council's pages.
    path("<slug:org>/tokens/", views.tokens, name="council_tokens"),
    path(
        "<slug:org>/tokens/<int:token_id>/revoke/",
        views.token_revoke,
        name="council_token_revoke",
    ),
    path(
        "<slug:org>/projects/<int:project_id>/history/",
        views.project_history,
        name="project_history",
    ),
    path("<slug:org>/savings/<int:entry_id>/history/", views.saving_history, name="saving_history"),
    path("<slug:org>/changes/", views.change_log, name="change_log"),
]
