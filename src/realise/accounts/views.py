"""Pages: personal API tokens (create, shown once; revoke) and the audit trail (project history,
saving history, organisation change log for TMO admins). Thin: check access, call a service or
selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from realise.accounts.access import Action, organisation_for
from realise.accounts.forms import ChangeLogFilterForm, TokenCreateForm
from realise.accounts.models import ApiToken
from realise.accounts.selectors import change_log as change_log_selector
from realise.accounts.selectors import creation, tokens_of
from realise.accounts.tokens import api_token_create, api_token_revoke
from realise.benefits.selectors import project_ledger_events, savings_entry
from realise.benefits.selectors import saving_history as saving_history_selector
from realise.core.concurrency import changes_since
from realise.portfolio.lookups import project_in


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """List your tokens; create one (its secret is shown on this response only)."""
    issued = None
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issued = api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = TokenCreateForm()
    mine = tokens_of(request.user)
    return render(request, "accounts/tokens.html", {"form": form, "tokens": mine, "issued": issued})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    api_token_revoke(token=token, by=request.user)
    messages.success(request, f'Token "{token.name}" is revoked: it no longer works.')
    return redirect("accounts:tokens")


@login_required
def project_history(request: HttpRequest, org: str, project_id: int) -> HttpResponse:
    organisation = organisation_for(request.user, org)
    project = project_in(organisation=organisation, pk=project_id)
    if project is None:
        raise Http404("No such project")
    return render(
        request,
        "accounts/project_history.html",
        {
            "organisation": organisation,
            "project": project,
            "changes": tuple(reversed(changes_since(project, None))),
            "created": creation(project),
            "savings": project_ledger_events(project=project),
        },
    )


@login_required
def saving_history(request: HttpRequest, org: str, entry_id: int) -> HttpResponse:
    organisation = organisation_for(request.user, org)
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
    """Every change in the organisation, newest first; TMO admins only."""
    organisation = organisation_for(request.user, org, Action.VIEW_CHANGE_LOG)
    form = ChangeLogFilterForm(request.GET or None, organisation=organisation)
    lines: tuple[object, ...] = ()
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        user = data.get("user")
        lines = change_log_selector(
            organisation=organisation,
            user_id=user.pk if user else None,
            since=data.get("since"),
            until=data.get("until"),
        )
    return render(
        request,
        "accounts/change_log.html",
        {"organisation": organisation, "form": form, "lines": lines},
    )
