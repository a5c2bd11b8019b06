"""Pages: personal API tokens (create, shown once; revoke) and the audit trail (project history,
saving history, organisation change log for TMO admins). Thin: check access, call a service or
selector, render. Each page of a council leaves it on the request, so the page shows the
council's menu like every other."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from realise.accounts.access import Action, organisation_for, organisations
from realise.accounts.forms import ChangeLogFilterForm, TokenCreateForm
from realise.accounts.models import ApiToken
from realise.accounts.selectors import change_log as change_log_selector
from realise.accounts.selectors import creation, shown_changes, tokens_of
from realise.accounts.tokens import api_token_create, api_token_revoke
from realise.benefits.selectors import saving_history as saving_history_selector
from realise.benefits.selectors import savings_entry
from realise.core.concurrency import changes_since
from realise.portfolio.lookups import project_in
from realise.portfolio.models import Organisation


def _council(request: HttpRequest, org: str, action: Action = Action.VIEW) -> Organisation:
    """The council ``org`` through the access gateway (404 without a role there, 403 without
    ``action``), left on the request for the council's menu, as every council page does."""
    organisation = organisation_for(request.user, org, action)
    request.organisation = organisation  # type: ignore[attr-defined]
    return organisation


def _own_council(request: HttpRequest) -> Organisation | None:
    """For the pages of a person rather than a council (API tokens) at their address outside
    any council: the council whose menu to show, when they hold roles in one only."""
    mine = organisations(request.user)
    if len(mine) != 1:
        return None
    request.organisation = mine[0]  # type: ignore[attr-defined]
    return mine[0]


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest, org: str | None = None) -> HttpResponse:
    """List your tokens; create one (its secret is shown on this response only). Tokens are a
    person's, not a council's: the council in the address only chooses the menu shown."""
    organisation = _council(request, org) if org else _own_council(request)
    issued = None
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issued = api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = TokenCreateForm()
    mine = tokens_of(request.user)
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": mine,
            "issued": issued,
            "organisation": organisation,
            "address_council": org or "",  # revoking comes back to the same address
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int, org: str | None = None) -> HttpResponse:
    if org:
        _council(request, org)
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    api_token_revoke(token=token, by=request.user)
    messages.success(request, f'Token "{token.name}" is revoked: it no longer works.')
    if org:
        return redirect("accounts:council_tokens", org=org)
    return redirect("accounts:tokens")


@login_required
def project_history(request: HttpRequest, org: str, project_id: int) -> HttpResponse:
    organisation = _council(request, org)
    project = project_in(organisation=organisation, pk=project_id)
    if project is None:
        raise Http404("No such project")
    return render(
        request,
        "accounts/project_history.html",
        {
            "organisation": organisation,
            "project": project,
            "changes": shown_changes(type(project), reversed(changes_since(project, None))),
            "created": creation(project),
        },
    )


@login_required
def saving_history(request: HttpRequest, org: str, entry_id: int) -> HttpResponse:
    organisation = _council(request, org)
    entry = savings_entry(organisation=organisation, pk=entry_id)
    if entry is None:
        raise Http404("No such savings entry")
    events = saving_history_selector(organisation=organisation, entry=entry)
    return render(
        request,
        "accounts/saving_history.html",
        {"organisation": organisation, "entry": entry, "events": events},
    )


@login_required
def change_log(request: HttpRequest, org: str) -> HttpResponse:
    """Every change in the organisation, newest first, a page at a time; TMO admins only."""
    organisation = _council(request, org, Action.VIEW_CHANGE_LOG)
    asked = request.GET.copy()
    asked.pop("page", None)
    form = ChangeLogFilterForm(asked or None, organisation=organisation)
    log = None
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        user = data.get("user")
        log = change_log_selector(
            organisation=organisation,
            user_id=user.pk if user else None,
            since=data.get("since"),
            until=data.get("until"),
            page=request.GET.get("page"),
        )
    return render(
        request,
        "accounts/change_log.html",
        {"organisation": organisation, "form": form, "log": log, "filtered": bool(asked)},
    )
