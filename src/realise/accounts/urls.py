"""Sign-in, API tokens and the audit-trail pages."""

from django.contrib.auth import views as auth_views
from django.urls import path

from realise.accounts import views
from realise.accounts.forms import SignInForm

app_name = "accounts"

urlpatterns = [
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="accounts/sign_in.html", authentication_form=SignInForm
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path(
        "<slug:org>/projects/<int:project_id>/history/",
        views.project_history,
        name="project_history",
    ),
    path("<slug:org>/savings/<int:entry_id>/history/", views.saving_history, name="saving_history"),
    path("<slug:org>/changes/", views.change_log, name="change_log"),
]
