"""The council's carry-forwards, reversed ones shown with the reason, and reversing one recorded
in error (ADR 0044): the right one is then carried forward again with the usual form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse

from realise.accounts.access import Action, can, permitted_project_ids, require
from realise.benefits import services as benefits
from realise.benefits.selectors import carry_forward_in
from realise.benefits.selectors import carry_forwards as council_carry_forwards
from realise.finance.calendar import FinancialYear
from realise.web.pages import form_page, org_view, page, url_for

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation


class ReverseCarryForwardForm(forms.Form):
    reason = forms.CharField(
        label="Why is the carry-forward reversed?",
        widget=forms.Textarea,
        help_text="Everyone who reads the savings tables sees this, for example "
        "\u201cCarried from the wrong project: carried again from P-2\u201d",
        error_messages={"required": "Say why the carry-forward is reversed"},
    )


@org_view()
def carry_forwards(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    rows = list(council_carry_forwards(organisation=organisation))
    everywhere = can(request.user, organisation, Action.RECORD_SAVING)
    led = permitted_project_ids(request.user, organisation, Action.RECORD_SAVING)
    for row in rows:  # whether the person may reverse it: as for recording it
        row.may_reverse = row.reversed_at is None and (everywhere or row.project_id in led)
        row.years = (FinancialYear(row.from_year).label, FinancialYear(row.to_year).label)
    return page(request, organisation, "web/benefits/carry_forwards.html", carry_forwards=rows)


@org_view(Action.RECORD_SAVING)
def carry_forward_reverse(
    request: HttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    carry = carry_forward_in(organisation=organisation, pk=pk)
    if carry is None:
        raise Http404("No such carry-forward")
    require(request.user, organisation, Action.RECORD_SAVING, project=carry.project)
    form = ReverseCarryForwardForm(request.POST or None)

    def save(data: dict[str, Any]) -> Any:
        return benefits.carry_forward_reverse(
            carry_forward=carry, reason=data["reason"], by=request.user
        )

    scope = f"{carry.project.code} {carry.project.name}" if carry.project else carry.directorate
    return form_page(
        request,
        organisation,
        form,
        save,
        title="Reverse a carry-forward",
        caption=f"{scope}: {carry}",
        intro="The carry-forward is kept, marked reversed with your reason, and counts in no "
        "table from then on. Carry the right amount forward afterwards.",
        success=f"Carry-forward of {carry} reversed",
        back=url_for("carry_forwards", organisation),
        submit="Reverse the carry-forward",
    )
