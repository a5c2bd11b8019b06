"""A person's API tokens: list, create (the secret shown on that response only), revoke. Tokens
are a person's, not a council's: at /o/<council>/tokens/ the council only chooses the menu
shown; at /tokens/ it is the person's one council, when they hold roles in one only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from realise.accounts.access import organisation_for, organisations
from realise.accounts.selectors import token_of, tokens_of
from realise.accounts.tokens import api_token_create, api_token_revoke
from realise.web.people.forms import TokenCreateForm

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation


def _menu_council(request: HttpRequest, org: str | None) -> Organisation | None:
    """The council whose menu the page shows (through the gateway: 404 without a role there),
    left on the request for the navigation as every council page does."""
    if org:
        organisation: Organisation | None = organisation_for(request.user, org)
    else:
        mine = organisations(request.user)
        organisation = mine[0] if len(mine) == 1 else None
    if organisation is not None:
        request.organisation = organisation  # type: ignore[attr-defined]
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest, org: str | None = None) -> HttpResponse:
    organisation = _menu_council(request, org)
    issued = None
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issued = api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = TokenCreateForm()
    return render(
        request,
        "web/people/tokens.html",
        {
            "form": form,
            "tokens": tokens_of(request.user),
            "issued": issued,
            "organisation": organisation,
            "address_council": org or "",  # revoking comes back to the same address
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int, org: str | None = None) -> HttpResponse:
    _menu_council(request, org)
    token = token_of(request.user, token_id)
    if token is None:
        raise Http404("No such token")
    api_token_revoke(token=token, by=request.user)
    messages.success(request, f'Token "{token.name}" is revoked: it no longer works.')
    if org:
        return redirect("web:council_tokens", org=org)
    return redirect("web:tokens")
