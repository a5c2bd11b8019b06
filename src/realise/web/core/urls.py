"""The core room's addresses: the site's front door (outside any council) and the dashboard."""

from django.contrib.auth import views as auth_views
from django.urls import path

from realise.accounts.session_limits import session_status
from realise.web.core import views
from realise.web.core.forms import SignInForm

site = [
    path("", views.home, name="home"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="web/core/sign_in.html", authentication_form=SignInForm
        ),
        name="sign_in",
    ),
    path("sign-out/", views.sign_out, name="sign_out"),
    # How long the session has left (GET) and "Stay signed in" (POST), for the page's script.
    path("session/", session_status, name="session"),
    path("health/", views.health, name="health"),
]

council = [
    path("", views.dashboard, name="dashboard"),
]
