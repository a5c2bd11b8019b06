"""Helpers the views share: rendering a page for an organisation, form handling around a service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from realise.accounts.permissions import Action, can
from realise.finance.calendar import FinancialYear
from realise.portfolio.models import Organisation
from realise.web.forms import apply_errors

EXPORT_FORMATS = (("xlsx", "Excel"), ("ods", "OpenDocument"), ("csv", "CSV"))

# The actions templates ask about (``may.record_saving`` and so on).
PAGE_ACTIONS = (
    Action.CREATE_PROJECT,
    Action.EDIT_PROJECT,
    Action.RECORD_SAVING,
    Action.MANAGE_RISK,
    Action.RECORD_MEASURE,
    Action.RECORD_DECISION,
    Action.MANAGE_FUNDING,
    Action.MANAGE_SETTINGS,
    Action.MANAGE_USERS,
)


def permissions(request: HttpRequest, organisation: Organisation) -> dict[str, bool]:
    """What the viewer may do here, for templates deciding which links and forms to show. The
    navigation's Settings link follows ``manage_settings``."""
    return {str(action): can(request.user, organisation, action) for action in PAGE_ACTIONS}


def page(
    request: HttpRequest, organisation: Organisation, template: str, **context: Any
) -> HttpResponse:
    context.setdefault("organisation", organisation)
    context.setdefault("export_formats", EXPORT_FORMATS)
    if "may" not in context:
        context["may"] = permissions(request, organisation)
    return render(request, template, context)


def form_page(
    request: HttpRequest,
    organisation: Organisation,
    form: forms.Form,
    save: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    success: str,
    done: Callable[[Any], str],
    back: str = "",
    caption: str = "",
    submit: str = "Save",
    intro: str = "",
) -> HttpResponse:
    """GET shows ``form``; a valid POST calls ``save(cleaned_data)`` (one service) and redirects
    to ``done(result)`` with ``success``; a service ``ValidationError`` goes back on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(done(result))
    status = 400 if request.method == "POST" else 200
    response = page(
        request,
        organisation,
        "web/form_page.html",
        form=form,
        title=title,
        back=back,
        caption=caption,
        submit=submit,
        intro=intro,
    )
    response.status_code = status
    return response


def asked_year(request: HttpRequest) -> FinancialYear | None:
    """The ``?year=2022`` of the query string, or None when there is none or it is not a year."""
    text = request.GET.get("year", "")
    if text.isdigit() and 1990 <= int(text) <= 2100:
        return FinancialYear(int(text))
    return None


def chosen_year(request: HttpRequest, default: FinancialYear) -> FinancialYear:
    """The ``?year=2022`` of the query string, else ``default``."""
    return asked_year(request) or default


def today() -> date:
    return date.today()
