"""Writes for the people of a council: add a person, change their roles, remove them, and the
"set your password" link a new person is given. The Settings → People pages and the `realise user`
commands both call these, so the rules hold everywhere:

- a person is a Django user whose user name is their email address (lower case); a council's
  people are the users holding a ``Membership`` there;
- each council names its people itself (``Membership.name``, the name its admin typed): the
  account's own name, set when the account is made, and any other council's name for it are never
  shown to a council, nor is anything else about the account (ADR 0018);
- a new account gets an unusable password and a set-password link bound to the council that
  made it (``realise.accounts.links``): it works once, for ``PASSWORD_RESET_TIMEOUT`` seconds, and
  stops working as soon as a password is set or the person is removed from that council. Only
  the council that added the person first may have a link made, so no council can take over an
  account another council relies on, and another council adding the same person changes nothing
  the first council's link depends on;
- removing someone deletes their memberships in that council only: the account, its roles
  elsewhere and everything it recorded stay; the council's projects they lead are left with no
  lead in the same transaction, through the project service, each project's history saying why;
- the last TMO admin of a council can be neither removed nor demoted;
- every membership change is saved with ``by`` as its history user (the audit trail and the
  change log show who did it); a change made without a user (the command line) is marked
  ``COMMAND_LINE`` as its reason.

Each write locks the council's row first, so two admins acting at once cannot both demote the
other and leave the council with none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from realise.accounts.access import forget_roles
from realise.accounts.links import link_allowed, set_password_path
from realise.accounts.models import Membership, Role
from realise.accounts.selectors import projects_led
from realise.core.concurrency import LATEST
from realise.portfolio.models import Organisation
from realise.portfolio.services import project_update

COMMAND_LINE = "realise command line"
ROLE_NAMES = ", ".join(role.value for role in Role)


@dataclass(frozen=True)
class PersonAdded:
    user: Any
    role: Role
    new_account: bool
    # The path of the set-password page, when the account has no password yet and the link may
    # be given out (see ``link_allowed``); None otherwise.
    set_password_path: str | None


@dataclass(frozen=True)
class PersonRemoved:
    roles: int  # how many roles they held in the council
    projects_unled: tuple[str, ...]  # the council's projects they led, which now have no lead

    def in_words(self, name: str, organisation: Organisation) -> str:
        """ "Sam is removed from Dorset Council. 2 projects now have no lead: …" for the one who
        removed them."""
        said = f"{name} is removed from {organisation}."
        count = len(self.projects_unled)
        if count:
            projects = "1 project now has" if count == 1 else f"{count} projects now have"
            said += f" {projects} no lead: {', '.join(self.projects_unled)}."
        return said


def clean_email(text: str) -> str:
    """``text`` as an email address in lower case, or a ValidationError on ``email``."""
    email = (text or "").strip().lower()
    if not email:
        raise ValidationError({"email": "Enter an email address"})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": f'"{text}" is not an email address: write it like name@council.gov.uk'}
        ) from None
    if len(email) > 150:
        raise ValidationError({"email": "Enter an email address of 150 characters or fewer"})
    return email


def role_named(text: str) -> Role:
    """The role called ``text`` (its value, like ``tmo_admin``, or its label, like "TMO admin")."""
    wanted = (text or "").strip().lower().replace("-", "_").replace(" ", "_")
    for role in Role:
        if wanted in (role.value, str(role.label).lower().replace(" ", "_")):
            return role
    raise ValidationError({"role": f'"{text}" is not a role: use one of {ROLE_NAMES}'})


def account_for(email: str) -> Any | None:
    """The account that signs in as ``email`` (user name, else email, ignoring case), if any."""
    users = get_user_model()._default_manager
    return users.filter(username__iexact=email).first() or users.filter(email__iexact=email).first()


def display_name(user: Any, organisation: Organisation) -> str:
    """What ``organisation`` calls ``user``: the name its admin gave them, else their address."""
    names = Membership.objects.filter(organisation=organisation, user=user).exclude(name="")
    return str(names.values_list("name", flat=True).first() or user.email or user.username)


def _lock(organisation: Organisation) -> None:
    """Serialise membership changes in ``organisation`` (PostgreSQL row lock; SQLite writes are
    serialised anyway)."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()


def _audited(membership: Membership, by: Any) -> Membership:
    membership._history_user = by  # type: ignore[attr-defined]
    if by is None:
        membership._change_reason = COMMAND_LINE  # type: ignore[attr-defined]
    return membership


def _held(organisation: Organisation, user: Any) -> list[Membership]:
    return list(Membership.objects.filter(organisation=organisation, user=user).order_by("pk"))


def _other_admins(organisation: Organisation, user: Any) -> bool:
    return (
        Membership.objects.filter(organisation=organisation, role=Role.TMO_ADMIN)
        .exclude(user=user)
        .exists()
    )


def _last_admin_error(organisation: Organisation, user: Any, field: str, doing: str) -> None:
    if not _other_admins(organisation, user):
        name = display_name(user, organisation)
        raise ValidationError(
            {
                field: f"{name} is the last TMO admin of {organisation}, so cannot be {doing}: "
                "make someone else a TMO admin first"
            }
        )


def password_problems(password: str, user: Any) -> list[str]:
    """What Django's password validators say about ``password`` for ``user`` (none if it is
    good)."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        return list(error.messages)
    return []


def _account_create(email: str, name: str) -> Any:
    """A new account signing in as ``email``, with no usable password."""
    user = get_user_model()(username=email, email=email, first_name=name)
    user.set_unusable_password()
    try:
        user.full_clean()
    except ValidationError as error:
        problems = error.message_dict
        if "username" in problems:  # the user name is the email address
            raise ValidationError(
                {
                    "email": f"{email} cannot be used to sign in: an address may hold only "
                    "letters, numbers and @ . + - _"
                }
            ) from None
        raise
    user.save()
    return user


@transaction.atomic
def person_add(
    *,
    organisation: Organisation,
    email: str,
    role: Role | str,
    name: str = "",
    by: Any = None,
    password: str | None = None,
) -> PersonAdded:
    """Give the person with ``email`` the ``role`` in ``organisation``, named ``name`` there,
    creating their account (unusable password, full name ``name``) if there is none. An existing
    account is only given the membership: its own name and password are left alone, and
    ``set_password_path`` is made only when ``link_allowed``. ``password`` (the command line's
    prompt) is set only on an account that has no password yet, after Django's validators."""
    email = clean_email(email)
    role = role if isinstance(role, Role) else role_named(role)
    name = (name or "").strip()
    if len(name) > 150:
        raise ValidationError({"name": "Enter a name of 150 characters or fewer"})
    _lock(organisation)
    user = account_for(email)
    new_account = user is None
    if user is None:
        user = _account_create(email, name)
    elif Membership.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(
            {"email": f"{email} already holds a role in {organisation}: change their roles instead"}
        )
    _audited(Membership(organisation=organisation, user=user, role=role, name=name), by).save()
    forget_roles(user)
    may_link = link_allowed(user, organisation)
    if password is not None:
        _first_password_set(user, password, may_link)
        may_link = False
    path = set_password_path(user, organisation) if may_link else None
    return PersonAdded(user=user, role=role, new_account=new_account, set_password_path=path)


def _first_password_set(user: Any, password: str, may_link: bool) -> None:
    """Set the first password of an account the council could have sent a link for (the command
    line's ``--password-prompt``); never another's."""
    if user.has_usable_password():
        raise ValidationError({"password": f"{user} already has a password: it is left as it is"})
    if not may_link:
        raise ValidationError(
            {
                "password": f"{user} is another council's or a support account: its password is "
                "left to its owner"
            }
        )
    problems = password_problems(password, user)
    if problems:
        raise ValidationError({"password": problems})
    user.set_password(password)
    user.save(update_fields=["password"])


@transaction.atomic
def person_roles_set(
    *, organisation: Organisation, user: Any, roles: Iterable[Role | str], by: Any = None
) -> tuple[Role, ...]:
    """Make ``user``'s roles in ``organisation`` exactly ``roles`` (at least one). A role swapped
    for another is one changed membership, so the audit trail reads "role: viewer → finance"."""
    wanted = {r if isinstance(r, Role) else role_named(r) for r in roles}
    if not wanted:
        raise ValidationError({"roles": "Choose at least one role, or remove the person instead"})
    _lock(organisation)
    held = _held(organisation, user)
    if not held:
        raise ValidationError(f"{display_name(user, organisation)} holds no role in {organisation}")
    if Role.TMO_ADMIN not in wanted and any(m.role == Role.TMO_ADMIN for m in held):
        _last_admin_error(organisation, user, "roles", "made anything but a TMO admin")
    dropped = [m for m in held if m.role not in wanted]
    added = sorted(wanted - {Role(m.role) for m in held}, key=list(Role).index)
    for membership, role in zip(dropped, added, strict=False):
        membership.role = role
        _audited(membership, by).save(update_fields=["role"])
    for membership in dropped[len(added) :]:
        _audited(membership, by).delete()
    place = {"name": held[0].name, "joined": min(m.joined for m in held)}  # same on every role
    for role in added[len(dropped) :]:
        _audited(Membership(organisation=organisation, user=user, role=role, **place), by).save()
    forget_roles(user)
    return tuple(sorted(wanted, key=list(Role).index))


@transaction.atomic
def person_remove(*, organisation: Organisation, user: Any, by: Any = None) -> PersonRemoved:
    """Remove ``user`` from ``organisation``: their memberships there are deleted (recorded in
    the audit trail); the account and its history stay. Each of the council's projects they lead
    is left with no lead through ``project_update`` (its history records the change of lead, by
    ``by``, noting the removal), in the same transaction. Returns what was removed."""
    _lock(organisation)
    held = _held(organisation, user)
    name = display_name(user, organisation)
    if not held:
        raise ValidationError(f"{name} holds no role in {organisation}")
    if any(m.role == Role.TMO_ADMIN for m in held):
        _last_admin_error(organisation, user, "user", "removed")
    led = projects_led(organisation=organisation, user=user)
    for project in led:  # while they still hold a role: the history names them as the council does
        project_update(
            project=project,
            seen_version=LATEST,
            changes={"lead_user": None},
            by=by,
            note=f"{name} was removed from {organisation}",
        )
    for membership in held:
        _audited(membership, by).delete()
    forget_roles(user)
    return PersonRemoved(roles=len(held), projects_unled=tuple(str(p) for p in led))


def removal_refused(organisation: Organisation, user: Any) -> str:
    """Why ``user`` cannot be removed from ``organisation`` now ("" when they can)."""
    try:
        admin = Membership.objects.filter(organisation=organisation, user=user, role=Role.TMO_ADMIN)
        if admin.exists():
            _last_admin_error(organisation, user, "user", "removed")
    except ValidationError as error:
        return " ".join(error.messages)
    return ""
