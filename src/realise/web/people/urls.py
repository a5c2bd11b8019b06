"""The people room's addresses: the set-password link and your API tokens (outside any council),
and Settings → People and the token pages with a council's menu, under /o/<council>/."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from realise.accounts.links import set_password_tokens
from realise.web.people import tokens, views
from realise.web.people.forms import SetPasswordForm

site = [
    # The link a TMO admin passes on to a new person (realise.accounts.links): Django's
    # password-reset confirmation, with Realise's pages.
    path(
        "set-password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="web/people/set_password.html",
            form_class=SetPasswordForm,
            token_generator=set_password_tokens,
            success_url=reverse_lazy("web:set_password_done"),
        ),
        name="set_password",
    ),
    path(
        "set-password/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="web/people/set_password_done.html"
        ),
        name="set_password_done",
    ),
    path("tokens/", tokens.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", tokens.token_revoke, name="token_revoke"),
]

council = [
    # The same token pages with the council's menu, for someone who came from its pages.
    path("tokens/", tokens.tokens, name="council_tokens"),
    path("tokens/<int:token_id>/revoke/", tokens.token_revoke, name="council_token_revoke"),
    path("settings/people/", views.people_list, name="settings_people"),
    path("settings/people/add/", views.person_add, name="settings_person_add"),
    path("settings/people/<int:user_id>/", views.person_change, name="settings_person"),
    path(
        "settings/people/<int:user_id>/remove/",
        views.person_remove,
        name="settings_person_remove",
    ),
    path("settings/people/<int:user_id>/link/", views.person_link, name="settings_person_link"),
]
