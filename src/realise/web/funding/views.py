"""The funding room: funds with what is committed and left, the invest-to-save return, bids
and grants, and the forms that add a bid or a grant."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from realise.accounts.access import Action
from realise.benefits.selectors import savings_by_year
from realise.funding import services as funding
from realise.funding.selectors import bids_list, fund_usage, grants_list, invest_to_save_return
from realise.portfolio.models import Organisation
from realise.web.figures import shown_year
from realise.web.funding.forms import BidForm, GrantForm
from realise.web.pages import form_page, org_view, page, url_for


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


@org_view(Action.MANAGE_FUNDING)
def bid_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = BidForm(request.POST or None, organisation=organisation)

    def save(data: dict[str, Any]) -> Any:
        return funding.bid_submit(
            fund=data["fund"],
            title=data["title"],
            amount=data["amount"],
            purpose=data["purpose"],
            project=data["project"],
        )

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Add a bid",
        success="Bid added",
        back=url_for("funding", organisation),
    )


@org_view(Action.MANAGE_FUNDING)
def grant_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = GrantForm(request.POST or None, organisation=organisation)

    def save(data: dict[str, Any]) -> Any:
        return funding.grant_record(organisation=organisation, **data)

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Add a grant",
        success="Grant added",
        back=url_for("funding", organisation),
    )
