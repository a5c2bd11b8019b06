"""Old addresses, kept so bookmarks work: signing in and out are the web app's (/sign-in/,
/sign-out/), API tokens the people room's (/tokens/), and the audit trail the audit room's
(/o/<council>/changes/, .../history/). Each redirects there permanently."""

from django.urls import path
from django.views.generic import RedirectView

app_name = "accounts"


def _moved(to: str, **options: bool) -> RedirectView:
    return RedirectView.as_view(pattern_name=to, permanent=True, **options)


urlpatterns = [
    path("sign-in/", _moved("web:sign_in", query_string=True)),
    path("sign-out/", _moved("web:sign_out")),
    path("tokens/", _moved("web:tokens")),
    path("<slug:org>/tokens/", _moved("web:council_tokens")),
    path("<slug:org>/projects/<int:project_id>/history/", _moved("web:project_history")),
    path("<slug:org>/savings/<int:entry_id>/history/", _moved("web:saving_history")),
    path("<slug:org>/changes/", _moved("web:change_log", query_string=True)),
]
