"""The shared layout's Python side (ADR 0021): every room's views use these to resolve the
council (``org_view``, through the access gateway), render a page of it (``page``), handle a form
around one service (``form_page``) and read the query string. Nothing here knows a room."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import wraps
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from realise.accounts.access import Action, allowed, organisation_for, require_somewhere
from realise.audit.in_words import ShownChange, shown_changes
from realise.core.concurrency import StaleEdit
from realise.core.years import financial_year_from
from realise.finance.calendar import FinancialYear
from realise.portfolio.lookups import project_in
from realise.reports.formats import LIST_FORMATS
from realise.web.forms import apply_errors

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation, Project

# The actions templates ask about (``may.record_saving`` and so on).
PAGE_ACTIONS = (
    Action.CREATE_PROJECT,
    Action.EDIT_PROJECT,
    Action.RECORD_SAVING,
    Action.VALIDATE_SAVING,
    Action.REVIEW_CLAIMS,
    Action.MANAGE_RISK,
    Action.RECORD_MEASURE,
    Action.RECORD_DECISION,
    Action.MANAGE_FUNDING,
    Action.MANAGE_SETTINGS,
    Action.MANAGE_USERS,
    Action.RECONCILE,
)


View = Callable[..., HttpResponse]


def org_view(action: Action = Action.VIEW) -> Callable[[View], View]:
    """A page of one council: sign-in required; the council named in the URL resolved by the
    access gateway (404 when the user holds no role there); 403 unless the user may do
    ``action`` there organisation-wide or, as a project lead, on a project they lead (a page
    acting on one project checks again with it). The view receives the organisation, which is
    also left on the request for the navigation."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, org: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            organisation = organisation_for(request.user, org)
            request.organisation = organisation  # type: ignore[attr-defined]
            require_somewhere(request.user, organisation, action)
            return view(request, organisation, *args, **kwargs)

        return wrapped

    return decorate


def permissions(request: HttpRequest, organisation: Organisation) -> dict[str, bool]:
    """What the viewer may do here, for templates deciding which links and forms to show. The
    navigation's Settings link follows ``manage_settings``."""
    return allowed(request.user, organisation, *PAGE_ACTIONS)


def page(
    request: HttpRequest, organisation: Organisation, template: str, **context: Any
) -> HttpResponse:
    context.setdefault("organisation", organisation)
    context.setdefault("export_formats", LIST_FORMATS)
    if "may" not in context:
        context["may"] = permissions(request, organisation)
    return render(request, template, context)


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
        multipart=form.is_multipart(),
    )
    response.status_code = status
    return response


def url_for(name: str, organisation: Organisation, *args: Any) -> str:
    """The address of the page ``web:<name>`` of ``organisation``."""
    return reverse(f"web:{name}", args=[organisation.slug, *args])


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


def initial_project(request: HttpRequest) -> dict[str, Any]:
    """A form's project chosen from ``?project=<id>`` (the form's own choices check it)."""
    value = query_filters(request, ["project"], numbers=["project"])["project"]
    return {"project": value} if value else {}


def started_from(request: HttpRequest, organisation: Organisation) -> Project | None:
    """The project whose page a form was opened from (``?project=<id>``), if it is one of this
    council's: the form goes back there, where what was added is listed."""
    value = initial_project(request).get("project")
    return project_in(organisation=organisation, pk=value) if value else None


def asked_year(request: HttpRequest) -> FinancialYear | None:
    """The ``?year=`` of the query string, written ``2022/23`` or ``2022`` (as the pages' year
    lists send it); None when there is none or it is not a financial year."""
    try:
        return FinancialYear(financial_year_from(request.GET.get("year", "")))
    except ValidationError:
        return None


def today() -> date:
    return date.today()
