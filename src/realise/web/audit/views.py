"""The audit trail's pages: a project's history, a saving's history, and the council's change
log (TMO admins). Thin: the council through the gateway, a selector, a page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse

from realise.accounts.access import Action
from realise.audit.changes import change_log as change_log_selector
from realise.audit.changes import creation
from realise.audit.in_words import shown_changes
from realise.benefits.selectors import project_ledger_events, savings_entry
from realise.benefits.selectors import saving_history as saving_history_selector
from realise.core.concurrency import changes_since
from realise.portfolio.lookups import project_in
from realise.web.audit.forms import ChangeLogFilterForm
from realise.web.pages import org_view, page

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation


@org_view()
def project_history(
    request: HttpRequest, organisation: Organisation, project_id: int
) -> HttpResponse:
    project = project_in(organisation=organisation, pk=project_id)
    if project is None:
        raise Http404("No such project")
    return page(
        request,
        organisation,
        "web/audit/project_history.html",
        project=project,
        changes=shown_changes(type(project), reversed(changes_since(project, None))),
        created=creation(project),
        savings=project_ledger_events(project=project),
    )


@org_view()
def saving_history(request: HttpRequest, organisation: Organisation, entry_id: int) -> HttpResponse:
    entry = savings_entry(organisation=organisation, pk=entry_id)
    if entry is None:
        raise Http404("No such savings entry")
    events = saving_history_selector(organisation=organisation, entry=entry)
    return page(request, organisation, "web/audit/saving_history.html", entry=entry, events=events)


@org_view(Action.VIEW_CHANGE_LOG)
def change_log(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """Every change in the council, newest first, a page at a time; TMO admins only."""
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
    return page(
        request, organisation, "web/audit/change_log.html", form=form, log=log, filtered=bool(asked)
    )
