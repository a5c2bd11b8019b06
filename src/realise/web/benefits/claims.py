"""The finance claims queue: the claimed savings waiting for finance, filtered, 50 a page;
validating one, rejecting one with a reason, validating several, or rejecting several with one
reason, after one confirmation and all or nothing (as the services decide them). Finance acts; a
TMO admin sees the queue without its actions; other roles are refused (403)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import dateformat, timezone
from django.views.decorators.http import require_POST

from realise.accounts.access import Action
from realise.benefits import services as benefits
from realise.benefits.selectors import (
    CLAIM_FILTERS,
    ClaimLine,
    claim_decisions,
    claim_filter_choices,
    claims_chosen,
    claims_waiting_page,
    savings_entry,
)
from realise.finance.money import ZERO, format_money
from realise.web.benefits.forms import ClaimFilterForm, RejectForm
from realise.web.pages import form_page, org_view, page, query_filters, today, url_for

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation


def _when(moment: datetime) -> str:
    """A moment as the pages say it, in the council's time: 3 May 2024 at 14:05."""
    return dateformat.format(timezone.localtime(moment), r"j F Y \a\t H:i")


def _filters(request: HttpRequest, choices: Mapping[str, list[tuple[str, str]]]) -> dict[str, str]:
    """The queue's filters from the query string; a value the filter does not offer (a stale or
    hand-edited link) is dropped, so the list and the form always agree."""
    asked = query_filters(request, CLAIM_FILTERS, numbers=CLAIM_FILTERS)
    return {
        name: value if value in {v for v, _ in choices.get(name, [])} else ""
        for name, value in asked.items()
    }


def _query(filters: Mapping[str, str]) -> str:
    """``?directorate=1&year=2022`` for the filters chosen, or "" for none."""
    chosen = {name: value for name, value in filters.items() if value}
    return f"?{urlencode(chosen)}" if chosen else ""


def _queue(organisation: Organisation, filters: Mapping[str, str]) -> str:
    return url_for("saving_claims", organisation) + _query(filters)


def _asked(request: HttpRequest) -> dict[str, str]:
    """The filters a form carried back (in its address), checked as numbers only: the queue
    checks them against its choices when it is shown again."""
    return query_filters(request, CLAIM_FILTERS, numbers=CLAIM_FILTERS)


def _named(line: ClaimLine) -> str:
    return f"{format_money(line.amount, places=2)} claimed for {line.scope} in {line.year.label}"


@org_view(Action.REVIEW_CLAIMS)
def claims(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    choices = claim_filter_choices(organisation=organisation)
    filters = _filters(request, choices)
    queue = claims_waiting_page(
        organisation=organisation, filters=filters, page=request.GET.get("page")
    )
    return page(
        request,
        organisation,
        "web/benefits/claims.html",
        claims=queue.lines,
        queue=queue,
        form=ClaimFilterForm(initial=filters, choices=choices),
        filtered=any(filters.values()),
        query=_query(filters),
    )


def _stale(organisation: Organisation, pk: int, named: str) -> str:
    """What to tell someone acting on a claim that is no longer waiting for finance."""
    decision = claim_decisions(organisation=organisation, ids=[pk]).get(pk)
    if decision is None:
        return f"That entry ({named}) is not a claim waiting for finance: nothing was changed."
    return (
        f"This claim ({named}) was already {decision.outcome} by {decision.by} on "
        f"{_when(decision.at)}, so nothing was changed. The list shows the claims still waiting."
    )


def _waiting_claim(organisation: Organisation, pk: int) -> tuple[Any, ClaimLine | None]:
    """The ledger entry ``pk`` (404 when the council has none) and its line in the queue, None
    when it is no longer waiting."""
    entry = savings_entry(organisation=organisation, pk=pk)
    if entry is None:
        raise Http404("No such claim")
    found = claims_chosen(organisation=organisation, ids=[pk])
    return entry, (found[0] if found else None)


def _entry_named(entry: Any) -> str:
    scope = entry.project.code if entry.project else "the council"
    return f"{format_money(entry.amount, places=2)} for {scope} in {entry.year.label}"


@org_view(Action.VALIDATE_SAVING)
@require_POST
def claim_validate(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    """Validate one claim (a button on each row of the queue), then back to the queue."""
    entry, line = _waiting_claim(organisation, pk)
    back = _queue(organisation, _asked(request))
    if line is None:
        messages.error(request, _stale(organisation, pk, _entry_named(entry)))
        return redirect(back)
    try:
        benefits.saving_validate(entry=entry, recorded_on=today(), by=request.user)
    except ValidationError:  # decided by someone else since the line was read
        messages.error(request, _stale(organisation, pk, _named(line)))
    else:
        messages.success(request, f"Validated: {_named(line)}")
    return redirect(back)


@org_view(Action.VALIDATE_SAVING)
def claim_reject(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    """Reject one claim, with the reason the claimant will read."""
    entry, line = _waiting_claim(organisation, pk)
    back = _queue(organisation, _asked(request))
    if line is None:
        messages.error(request, _stale(organisation, pk, _entry_named(entry)))
        return redirect(back)

    def save(data: dict[str, Any]) -> Any:
        try:
            return benefits.saving_reject(
                entry=entry, reason=data["reason"], recorded_on=today(), by=request.user
            )
        except ValidationError as error:
            if "reason" in getattr(error, "error_dict", {}):
                raise
            raise ValidationError(_stale(organisation, pk, _named(line))) from None

    evidence = f" Evidence given: {line.note}" if line.note else " No evidence note was given."
    return form_page(
        request,
        organisation,
        RejectForm(request.POST or None),
        save,
        title="Reject a claimed saving",
        caption=line.scope,
        intro=f"{_named(line)} by {line.claimed_by} on {_when(line.claimed_at)} "
        f"({line.kind.lower()}).{evidence}",
        success=f"Rejected: {_named(line)}",
        back=back,
        submit="Reject the claim",
    )


def _ids(values: Iterable[str]) -> list[int]:
    """The claims ticked: whole numbers only, each once, in the order given."""
    seen: dict[int, None] = {}
    for value in values:
        if value.isascii() and value.isdigit() and len(value) <= 9:
            seen.setdefault(int(value), None)
    return list(seen)


@org_view(Action.VALIDATE_SAVING)
@require_POST
def claims_validate(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """Validate the claims ticked in the queue: first a page listing them with their total, then,
    once confirmed, all of them at once or none."""
    filters = _asked(request)
    back = _queue(organisation, filters)
    ids = _ids(request.POST.getlist("claim"))
    if not ids:
        messages.error(request, "Choose the claims to validate: tick the box beside each one.")
        return redirect(back)
    if request.POST.get("confirmed") != "yes":
        return _confirm(request, organisation, ids, filters)
    chosen = claims_chosen(organisation=organisation, ids=ids)
    try:
        benefits.savings_validate_claims(
            organisation=organisation, claims=ids, recorded_on=today(), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages) + _decided_meanwhile(organisation, ids))
    else:
        messages.success(request, f"Validated {_counted(chosen)}")
    return redirect(back)


def _counted(chosen: tuple[ClaimLine, ...]) -> str:
    """ "2 claims: £1,250.50", for the message after deciding several."""
    total = format_money(sum((c.amount for c in chosen), ZERO), places=2)
    return f"{len(chosen)} claim{'s' if len(chosen) != 1 else ''}: {total}"


@org_view(Action.VALIDATE_SAVING)
@require_POST
def claims_reject(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """Reject the claims ticked in the queue with one reason: first a page listing them, with
    the reason to give, then all of them at once or none."""
    filters = _asked(request)
    back = _queue(organisation, filters)
    ids = _ids(request.POST.getlist("claim"))
    if not ids:
        messages.error(request, "Choose the claims to reject: tick the box beside each one.")
        return redirect(back)
    confirmed = request.POST.get("confirmed") == "yes"
    form = RejectForm(request.POST if confirmed else None, several=True)
    if not form.is_valid():
        return _confirm(request, organisation, ids, filters, form=form)
    chosen = claims_chosen(organisation=organisation, ids=ids)
    try:
        benefits.savings_reject_claims(
            organisation=organisation,
            claims=ids,
            reason=form.cleaned_data["reason"],
            recorded_on=today(),
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages) + _decided_meanwhile(organisation, ids))
    else:
        messages.success(request, f"Rejected {_counted(chosen)}")
    return redirect(back)


def _decided_meanwhile(organisation: Organisation, ids: list[int]) -> str:
    decided = claim_decisions(organisation=organisation, ids=ids)
    said = [f"{d.outcome} by {d.by} on {_when(d.at)}" for d in decided.values()]
    decided_text = f" Already decided: {'; '.join(said)}." if said else ""
    return f"{decided_text} The list shows the claims still waiting: choose again."


def _confirm(
    request: HttpRequest,
    organisation: Organisation,
    ids: list[int],
    filters: Mapping[str, str],
    form: RejectForm | None = None,
) -> HttpResponse:
    """The page that confirms validating the claims ticked, or (with the reason's ``form``)
    rejecting them."""
    chosen = claims_chosen(organisation=organisation, ids=ids)
    if not chosen:
        messages.error(
            request,
            "None of the claims you chose is still waiting for finance: someone has decided "
            "them since. The list shows the claims still waiting.",
        )
        return redirect(_queue(organisation, filters))
    return page(
        request,
        organisation,
        "web/benefits/claims_confirm.html",
        claims=chosen,
        total=sum((c.amount for c in chosen), ZERO),
        left_out=len(ids) - len(chosen),
        form=form,
        verb="Reject" if form is not None else "Validate",
        action="web:saving_claims_reject" if form is not None else "web:saving_claims_validate",
        query=_query(filters),
        back=_queue(organisation, filters),
    )
