"""Helpers the views share: rendering a page for an organisation, form handling around a service."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst

from realise.accounts.permissions import Action, can
from realise.core.concurrency import FieldChange, StaleEdit
from realise.finance.calendar import FinancialYear
from realise.portfolio.models import Organisation
from realise.reports.formats import LIST_FORMATS
from realise.web.forms import apply_errors

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
    context.setdefault("export_formats", LIST_FORMATS)
    if "may" not in context:
        context["may"] = permissions(request, organisation)
    return render(request, template, context)


@dataclass(frozen=True)
class ShownChange:
    """One change someone else made, as a person reads it: field label and values in words."""

    field: str
    before: str
    after: str
    by: str
    at: datetime


def _in_words(field: models.Field[Any, Any] | None, value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if field is not None and field.is_relation and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value} (since deleted)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def shown_changes(model: type[models.Model], changes: tuple[FieldChange, ...]) -> list[ShownChange]:
    """``changes`` to a ``model`` row in words: "Stage: Understand → Deliver", not "3 → 5"."""
    shown = []
    for change in changes:
        try:
            field: Any = model._meta.get_field(change.field)
        except FieldDoesNotExist:
            field = None
        label = capfirst(str(field.verbose_name)) if field is not None else change.field
        before, after = _in_words(field, change.before), _in_words(field, change.after)
        shown.append(ShownChange(str(label), before, after, change.by, change.at))
    return shown


def _refuse_stale(form: forms.Form, stale: StaleEdit) -> list[ShownChange]:
    """Put a refused stale edit on ``form``: one error that says so, the user's input kept, and
    the current version in the hidden field, so saving again is a deliberate choice made after
    seeing what changed. Returns the changes to show."""
    if "version" in form.fields:
        form.data = form.data.copy()
        form.data["version"] = "" if stale.current_version is None else str(stale.current_version)
    form.add_error(
        None,
        f"{stale.obj} was changed by someone else after you opened it. Nothing was saved: "
        "check what they changed, then save again to apply your changes, which are still below.",
    )
    return shown_changes(type(stale.obj), stale.changes)


def form_page(
    request: HttpRequest,
    organisation: Organisation,
    form: forms.Form,
    save: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    success: str,
    back: str,
    done: Callable[[Any], str] | None = None,
    caption: str = "",
    submit: str = "Save",
    intro: str = "",
) -> HttpResponse:
    """GET shows ``form``; a valid POST calls ``save(cleaned_data)`` (one service) and redirects
    with ``success`` to ``done(result)``, or without ``done`` back where the Back link goes; a
    service ``ValidationError`` goes back on the form
    (400), and a ``StaleEdit`` shows what someone else changed, keeping the user's input (409)."""
    status = 400 if request.method == "POST" else 200
    stale: list[ShownChange] | None = None  # changes to show when an edit was refused as stale
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        except StaleEdit as refused:
            stale, status = _refuse_stale(form, refused), 409
        else:
            messages.success(request, success)
            return redirect(done(result) if done is not None else back)
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
        stale=stale,
    )
    response.status_code = status
    return response


_ID = re.compile(r"[0-9]{1,9}")


def query_filters(
    request: HttpRequest, names: Iterable[str], *, numbers: Iterable[str] = ()
) -> dict[str, str]:
    """The filters named ``names`` from the query string, each "" when absent. A filter in
    ``numbers`` (an id, a score) that is not a whole number is dropped as if not given, so a
    hand-edited or stale link shows the unfiltered list rather than a server error."""
    numeric = set(numbers)
    chosen = {}
    for name in names:
        value = request.GET.get(name, "")
        chosen[name] = "" if name in numeric and not _ID.fullmatch(value) else value
    return chosen


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
