"""The funding room: funds with what is committed and left, the invest-to-save return, bids and
grants; one fund's page with its bids, decisions and return; and the forms that set up, edit,
close and reopen a fund, add a bid, decide it, record what was paid out of it, and add a grant."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse

from realise.accounts.access import Action
from realise.benefits.selectors import savings_by_year
from realise.core.concurrency import version_of
from realise.finance.money import format_money
from realise.funding import services as funding
from realise.funding.selectors import (
    bid_to_change,
    bids_list,
    bids_waiting,
    fund_page,
    fund_to_change,
    fund_usage,
    grants_list,
    invest_to_save_return,
)
from realise.web.figures import shown_year
from realise.web.funding.forms import (
    PART_FUND,
    REJECT,
    BidDecisionForm,
    BidForm,
    ConfirmForm,
    DrawnForm,
    FundCloseForm,
    FundForm,
    GrantForm,
)
from realise.web.pages import (
    form_page,
    org_view,
    page,
    query_filters,
    today,
    url_for,
)

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation


@org_view()
def funding_page(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    as_at = shown_year(request, savings_by_year(organisation=organisation))
    return page(
        request,
        organisation,
        "web/funding/funding.html",
        funds=fund_usage(organisation=organisation),
        bids=bids_list(organisation=organisation),
        grants=grants_list(organisation=organisation),
        roi=invest_to_save_return(organisation=organisation, as_at=as_at),
    )


@org_view()
def fund_detail(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    found = fund_page(organisation=organisation, pk=pk)
    if found is None:
        raise Http404("No such fund")
    return page(request, organisation, "web/funding/fund.html", found=found, fund=found.fund)


def _fund(organisation: Organisation, pk: int) -> Any:
    fund = fund_to_change(organisation=organisation, pk=pk)
    if fund is None:
        raise Http404("No such fund")
    return fund


def _bid(organisation: Organisation, pk: int) -> Any:
    bid = bid_to_change(organisation=organisation, pk=pk)
    if bid is None:
        raise Http404("No such bid")
    return bid


@org_view(Action.MANAGE_FUNDING)
def fund_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = FundForm(request.POST or None)

    def save(data: dict[str, Any]) -> Any:
        data.pop("version", None)
        return funding.fund_create(organisation=organisation, **data, by=request.user)

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Set up a fund",
        success="Fund set up",
        back=url_for("funding", organisation),
        done=lambda fund: url_for("fund", organisation, fund.pk),
    )


@org_view(Action.MANAGE_FUNDING)
def fund_edit(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    fund = _fund(organisation, pk)
    fields = ("name", "kind", "pot", "decided_by")
    initial = {name: getattr(fund, name) for name in fields} | {"version": version_of(fund)}
    form = FundForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> Any:
        seen = data.pop("version")
        return funding.fund_update(fund=fund, seen_version=seen, changes=data, by=request.user)

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Edit the fund",
        caption=fund.name,
        success="Fund saved",
        back=url_for("fund", organisation, fund.pk),
    )


@org_view(Action.MANAGE_FUNDING)
def fund_close(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    fund = _fund(organisation, pk)
    form = FundCloseForm(request.POST or None, initial={"version": version_of(fund)})
    waiting = bids_waiting(fund=fund)
    intro = "A closed fund takes no new bids and approves none. It stays on every page and report."
    if waiting:
        intro += (
            f" {waiting} {'bid is' if waiting == 1 else 'bids are'} still waiting for a decision:"
            " once the fund is closed they can be rejected or withdrawn, not approved."
        )

    def save(data: dict[str, Any]) -> Any:
        return funding.fund_close(
            fund=fund,
            closed_on=data["closed_on"],
            seen_version=data["version"],
            by=request.user,
        )

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Close the fund",
        caption=fund.name,
        intro=intro,
        submit="Close the fund",
        success="Fund closed",
        back=url_for("fund", organisation, fund.pk),
    )


@org_view(Action.MANAGE_FUNDING)
def fund_reopen(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    fund = _fund(organisation, pk)
    form = ConfirmForm(request.POST or None, initial={"version": version_of(fund)})

    def save(data: dict[str, Any]) -> Any:
        return funding.fund_reopen(fund=fund, seen_version=data["version"], by=request.user)

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Reopen the fund",
        caption=fund.name,
        intro=f"The fund closed on {_day(fund.closed_on)}. Reopened, it takes bids and "
        "approves them again."
        if fund.is_closed
        else "The fund is open.",
        submit="Reopen the fund",
        success="Fund reopened",
        back=url_for("fund", organisation, fund.pk),
    )


@org_view(Action.MANAGE_FUNDING)
def bid_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    chosen = query_filters(request, ["fund"], numbers=["fund"])["fund"]
    form = BidForm(
        request.POST or None, organisation=organisation, initial={"fund": chosen} if chosen else {}
    )

    def save(data: dict[str, Any]) -> Any:
        return funding.bid_submit(
            fund=data["fund"],
            title=data["title"],
            amount=data["amount"],
            purpose=data["purpose"],
            project=data["project"],
            by=request.user,
        )

    back = url_for("fund", organisation, chosen) if chosen else url_for("funding", organisation)
    return form_page(
        request,
        organisation,
        form,
        save,
        title="Add a bid",
        success="Bid added",
        back=back,
        done=lambda bid: url_for("fund", organisation, bid.fund_id),
    )


@org_view(Action.MANAGE_FUNDING)
def bid_decide(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    bid = _bid(organisation, pk)
    form = BidDecisionForm(
        request.POST or None,
        organisation=organisation,
        asked=bid.amount,
        initial={"version": version_of(bid), "decided_on": today()},
    )

    def save(data: dict[str, Any]) -> Any:
        return funding.bid_decide(
            bid=bid,
            approve=data["outcome"] != REJECT,
            amount=data["amount"] if data["outcome"] == PART_FUND else None,
            reason=data["reason"],
            board=data["board"],
            decided_by=data["decided_by"],
            decided_on=data["decided_on"],
            seen_version=data["version"],
            by=request.user,
        )

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Decide the bid",
        caption=f"{bid.fund.name}: {bid.title}",
        intro=f"The bid asks for {_money(bid.amount)}.",
        submit="Save the decision",
        success="Decision saved",
        back=url_for("fund", organisation, bid.fund_id),
    )


@org_view(Action.MANAGE_FUNDING)
def bid_drawn(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    bid = _bid(organisation, pk)
    form = DrawnForm(request.POST or None, initial={"drawn": bid.drawn, "version": version_of(bid)})

    def save(data: dict[str, Any]) -> Any:
        return funding.bid_record_drawn(
            bid=bid, drawn=data["drawn"], seen_version=data["version"], by=request.user
        )

    awarded = _money(bid.awarded) if bid.awarded is not None else "nothing yet"
    return form_page(
        request,
        organisation,
        form,
        save,
        title="Record what has been paid out",
        caption=f"{bid.fund.name}: {bid.title}",
        intro=f"The bid was awarded {awarded}.",
        success="Payment recorded",
        back=url_for("fund", organisation, bid.fund_id),
    )


def _money(amount: Any) -> str:
    return format_money(amount)


def _day(day: Any) -> str:
    return f"{day.day} {day:%B %Y}"


@org_view(Action.MANAGE_FUNDING)
def grant_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = GrantForm(request.POST or None, organisation=organisation)

    def save(data: dict[str, Any]) -> Any:
        return funding.grant_record(organisation=organisation, **data, by=request.user)

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Add a grant",
        success="Grant added",
        back=url_for("funding", organisation),
    )
