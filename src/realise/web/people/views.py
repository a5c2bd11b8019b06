"""Settings → People: who holds roles in the council; add a person, change their roles, remove
them from the council. TMO admins only (``manage_users``); a person is reached only through a
membership in this council, so another council's people are not found (404). The rules are in
``realise.accounts.services``; these views check access, call one service and render."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST

from realise.accounts import links, services
from realise.accounts.access import Action, can, forget_roles
from realise.accounts.models import Role
from realise.accounts.selectors import people, person_in, projects_led, roles_in, seen_since
from realise.web.forms import apply_errors
from realise.web.pages import org_view, page, url_for
from realise.web.people.forms import ROLE_HINTS, PersonAddForm, PersonRolesForm

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation

GET_POST = require_http_methods(["GET", "POST"])


def _posted(request: HttpRequest) -> Any:
    """The POST data on a POST (even an empty one, so its errors show), else None."""
    return request.POST if request.method == "POST" else None


def _form_page(
    request: HttpRequest, organisation: Organisation, template: str, **context: Any
) -> HttpResponse:
    """A page with a form: 400 when a posted form comes back with its errors, else 200."""
    response = page(request, organisation, template, **context)
    response.status_code = 400 if request.method == "POST" else 200
    return response


def _people_url(organisation: Organisation) -> str:
    return url_for("settings_people", organisation)


def _person(organisation: Organisation, user_id: int) -> Any:
    """The account ``user_id`` if it holds a role in ``organisation``, else 404: another
    council's people are never found from here."""
    user = person_in(organisation=organisation, user_id=user_id)
    if user is None:
        raise Http404("No such person in this council")
    return user


def _roles_of(organisation: Organisation, user: Any) -> list[Role]:
    return roles_in(organisation=organisation, user=user)


def _what_the_council_knows(organisation: Organisation, person: Any) -> dict[str, Any]:
    """The account details a person's page may show: its sign-ins since the council added them,
    and the rest only to the council that added them first (ADR 0018)."""
    return {
        "last_seen": seen_since(person, links.joined(person, organisation)),
        "first_here": links.first_councils([person.pk]).get(person.pk) == organisation.pk,
        "may_link": links.link_allowed(person, organisation),
    }


def _role_hints() -> list[tuple[str, str]]:
    return [(str(role.label), hint) for role, hint in ROLE_HINTS.items()]


def _shown_once(response: HttpResponse) -> HttpResponse:
    """A page carrying a set-password link: never stored by a browser or proxy."""
    patch_cache_control(response, no_store=True, private=True)
    return response


def _link_page(
    request: HttpRequest, organisation: Organisation, user: Any, path: str | None, **extra: Any
) -> HttpResponse:
    return _shown_once(
        page(
            request,
            organisation,
            "web/people/person_link.html",
            person=user,
            person_name=services.display_name(user, organisation),
            link=request.build_absolute_uri(path) if path else "",
            days=links.link_days(),
            **extra,
        )
    )


@org_view(Action.MANAGE_USERS)
def people_list(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    descending = request.GET.get("order") == "desc"
    return page(
        request,
        organisation,
        "web/people/people.html",
        people=people(organisation=organisation, descending=descending),
        name_sort="descending" if descending else "ascending",
        name_href="?order=asc" if descending else "?order=desc",
    )


@GET_POST
@org_view(Action.MANAGE_USERS)
def person_add(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = PersonAddForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            added = services.person_add(
                organisation=organisation,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _link_page(
                request,
                organisation,
                added.user,
                added.set_password_path,
                added=added,
                role=added.role.label,
            )
    return _form_page(
        request,
        organisation,
        "web/people/person_add.html",
        form=form,
        back=_people_url(organisation),
        role_hints=_role_hints(),
    )


@GET_POST
@org_view(Action.MANAGE_USERS)
def person_change(request: HttpRequest, organisation: Organisation, user_id: int) -> HttpResponse:
    person = _person(organisation, user_id)
    held = _roles_of(organisation, person)
    form = PersonRolesForm(_posted(request), initial={"roles": [r.value for r in held]})
    if request.method == "POST" and form.is_valid():
        try:
            now = services.person_roles_set(
                organisation=organisation,
                user=person,
                roles=form.cleaned_data["roles"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            labels = ", ".join(str(r.label) for r in now)
            name = services.display_name(person, organisation)
            messages.success(request, f"{name}’s roles: {labels}")
            forget_roles(request.user)
            if not can(request.user, organisation, Action.MANAGE_USERS):
                return redirect("web:dashboard", organisation.slug)
            return redirect(_people_url(organisation))
    return _form_page(
        request,
        organisation,
        "web/people/person.html",
        form=form,
        person=person,
        person_name=services.display_name(person, organisation),
        held=held,
        back=_people_url(organisation),
        role_hints=_role_hints(),
        **_what_the_council_knows(organisation, person),
    )


@GET_POST
@org_view(Action.MANAGE_USERS)
def person_remove(request: HttpRequest, organisation: Organisation, user_id: int) -> HttpResponse:
    person = _person(organisation, user_id)
    name = services.display_name(person, organisation)
    if request.method == "POST":
        try:
            removed = services.person_remove(
                organisation=organisation, user=person, by=request.user
            )
        except ValidationError as error:
            refused = " ".join(error.messages)
        else:
            messages.success(request, removed.in_words(name, organisation))
            forget_roles(request.user)
            if person.pk == request.user.pk:
                return redirect("web:home")
            return redirect(_people_url(organisation))
    else:
        refused = services.removal_refused(organisation, person)
    return _form_page(
        request,
        organisation,
        "web/people/person_remove.html",
        person=person,
        person_name=name,
        held=_roles_of(organisation, person),
        led=projects_led(organisation=organisation, user=person),
        refused=refused,
        yourself=person.pk == request.user.pk,
        back=url_for("settings_person", organisation, person.pk),
    )


@require_POST
@org_view(Action.MANAGE_USERS)
def person_link(request: HttpRequest, organisation: Organisation, user_id: int) -> HttpResponse:
    """A new set-password link for someone who has not set a password yet (a lost link)."""
    person = _person(organisation, user_id)
    if not links.link_allowed(person, organisation):
        raise PermissionDenied("A set-password link is only for someone who has no password yet")
    return _link_page(request, organisation, person, links.set_password_path(person, organisation))
