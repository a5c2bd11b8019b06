"""`realise organisation ...` and `realise user ...`: start a council on a fresh install and give
it its first people, without the demo or the Django admin. Thin wrappers over
``realise.accounts.services`` (the same rules as Settings → People); Django is set up inside each
command."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from realise.cli.common import (
    CREATE_ONE,
    OrganisationOption,
    err_unwrapped,
    organisation_named,
    out,
    run,
)

organisation_app = typer.Typer(
    help="Councils: create one on a fresh install, list them, show or set their plan years.",
    no_args_is_help=True,
)
user_app = typer.Typer(
    help="People and their roles in a council: add someone, show or change their roles (one "
    "person may hold several), list who holds roles.",
    no_args_is_help=True,
)

ROLES_HELP = (
    "viewer (reads everything), project_lead (their own projects), finance (validates savings, "
    "funding), tmo_admin (everything but validating savings, including people and settings)"
)
ActingOption = Annotated[
    str,
    typer.Option(
        "--as",
        metavar="EMAIL",
        help="Who is making the change (a person with a role in the council), for the change "
        "log; without it the log records the operating-system account that ran the command",
    ),
]


PLAN_YEARS_HELP = (
    "The financial years the council's savings are budgeted, recorded and reported in: a year "
    "outside them is refused everywhere, and Table 2 has a row for each"
)
FirstYearOption = Annotated[
    str,
    typer.Option(
        "--first-year", metavar="YEAR", help="The first plan year, e.g. 2021/22", show_default=False
    ),
]
LastYearOption = Annotated[
    str,
    typer.Option(
        "--last-year", metavar="YEAR", help="The last plan year, e.g. 2025/26", show_default=False
    ),
]


@organisation_app.command("create")
def organisation_create(
    slug: Annotated[
        str, typer.Option(help="Short name used in addresses and commands, e.g. dorset")
    ],
    name: Annotated[str, typer.Option(help='The council\'s name, e.g. "Dorset Council"')],
    first_year: FirstYearOption = "",
    last_year: LastYearOption = "",
) -> None:
    """Create a council. Creates the database tables first if they are missing, so this is the
    first command to run on a fresh install; then give the council its first TMO admin with
    `realise user add`.

    The plan years (the financial years its savings are budgeted, recorded and reported in) are
    --first-year to --last-year; without them, the financial year it is created in and the four
    after it. Change them later with `realise organisation plan-years`.

    Example: realise organisation create --slug dorset --name "Dorset Council"
    --first-year 2021/22 --last-year 2025/26
    """

    def body() -> None:
        from django.core.exceptions import ValidationError
        from django.core.management import call_command

        from realise.core.attribution import command_reason, recorded_as
        from realise.portfolio.models import Organisation
        from realise.portfolio.services import organisation_create as create

        call_command("migrate", interactive=False, verbosity=0)
        existing = Organisation.objects.filter(slug=slug.strip()).first()
        if existing is not None:
            raise ValueError(f'There is already an organisation "{slug}": {existing.name}')
        if not name.strip():
            raise ValueError("Give the council a name with --name")
        plan = {"first_year": first_year, "last_year": last_year} if first_year or last_year else {}
        try:
            with recorded_as(reason=command_reason("organisation create")):
                created = create(slug=slug.strip(), name=name.strip(), **plan)
        except ValidationError as exc:
            raise _as_options(exc) from None
        out.print(
            f"Created {created.name} ({created.slug}), plan years {created.plan_years.label}.",
            highlight=False,
        )
        out.print("Next, give it its first TMO admin:")
        out.print(
            f"  realise user add EMAIL --organisation {created.slug} --role tmo_admin --name NAME",
            highlight=False,
            soft_wrap=True,
        )

    run(body)


@organisation_app.command("list")
def organisation_list() -> None:
    """List the councils with their slugs and how many people hold roles in each.

    Example: realise organisation list
    """

    def body() -> None:
        from django.db.models import Count

        from realise.portfolio.models import Organisation

        rows = Organisation.objects.annotate(
            people=Count("membership__user", distinct=True)
        ).order_by("name")
        if not rows:
            out.print("No organisations yet. Create one with:")
            out.print("  realise organisation create --slug SLUG --name NAME", soft_wrap=True)
            return
        table = Table("Slug", "Name", "Plan years", "People")
        for org in rows:
            table.add_row(org.slug, org.name, org.plan_years.label, str(org.people))
        out.print(table)

    run(body)


@organisation_app.command("plan-years")
def organisation_plan_years(
    organisation: OrganisationOption,
    first_year: FirstYearOption = "",
    last_year: LastYearOption = "",
    acting: ActingOption = "",
) -> None:
    """Show a council's plan years, or set them with --first-year and --last-year (both).

    The plan years are the financial years the council's savings are budgeted, recorded and
    reported in: a target, saving or carry-forward in any other year is refused on the web, in
    the API, in imports and here, and Table 2, the savings chart and the annual report show
    exactly these years ("Year 1" is the first). The same rules as Settings: the last year not
    before the first, at most 30 years, and every year that holds savings kept in. With --as,
    the person must be a TMO admin of the council.

    Example: realise organisation plan-years -o dorset --first-year 2021/22 --last-year 2025/26
    """

    def body() -> None:
        from django.core.exceptions import ValidationError

        from realise.accounts.access import Action, person_acting
        from realise.benefits.services import plan_years_set
        from realise.core.attribution import command_reason, recorded_as

        org = organisation_named(organisation, advice=CREATE_ONE)
        if not first_year and not last_year:
            plan = org.plan_years
            out.print(
                f"{org.name}'s plan years: {plan.label} ({len(plan)} years).", highlight=False
            )
            return
        if not (first_year and last_year):
            raise ValueError("Give both --first-year and --last-year, e.g. 2021/22 and 2025/26")
        by = person_acting(acting, org, Action.MANAGE_SETTINGS) if acting else None
        try:
            with recorded_as(by, reason=command_reason("organisation plan-years")):
                council = plan_years_set(
                    organisation=org, first_year=first_year, last_year=last_year, by=by
                )
        except ValidationError as exc:  # named as the options are: "--last-year: ..."
            raise _as_options(exc) from None
        out.print(
            f"{council.name}'s plan years are now {council.plan_years.label}.", highlight=False
        )

    run(body)


def _as_options(error: Any) -> Any:
    """A service's ``ValidationError`` on ``first_year``/``last_year`` named as the options."""
    from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {
            field if field == NON_FIELD_ERRORS else f"--{field.replace('_', '-')}": messages
            for field, messages in error.message_dict.items()
        }
    )


def _ask_password(user: Any) -> str:
    """Ask for a password twice, hidden, until Django's validators accept it (three tries)."""
    from realise.accounts.services import password_problems

    for _ in range(3):
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        problems = password_problems(password, user)
        if not problems:
            return str(password)
        for problem in problems:
            err_unwrapped.print(f"[red]Error:[/red] {problem}", highlight=False)
    raise ValueError("No password accepted after three tries: nothing was changed")


@user_app.command("add")
def user_add(
    email: Annotated[str, typer.Argument(help="Their email address: they sign in with it")],
    organisation: OrganisationOption,
    role: Annotated[str, typer.Option(help=f"Their role: {ROLES_HELP}")],
    name: Annotated[str, typer.Option(help="Their full name, for a new account")] = "",
    password_prompt: Annotated[
        bool,
        typer.Option(
            "--password-prompt",
            help="Type their password here (checked by Django's password rules) instead of "
            "printing a set-password link",
        ),
    ] = False,
    acting: ActingOption = "",
) -> None:
    """Give someone a role in a council, creating their account if there is none.

    A new account has no password: the command prints the path of a set-password link (add your
    site's address in front) that works once, for 3 days, and stops working if the person is
    removed from the council first. Realise sends no email: pass the link on yourself. Someone
    who already has an account keeps their password and name (the name given here is the
    council's own name for them), and no link is made for them. To give someone who already
    holds a role in the council another one, use `realise user roles`.

    Example: realise user add jo@dorset.gov.uk -o dorset --role tmo_admin --name "Jo Bloggs"
    """

    def body() -> None:
        from django.contrib.auth import get_user_model

        from realise.accounts import services
        from realise.accounts.access import person_acting
        from realise.accounts.links import link_days
        from realise.core.attribution import command_reason, recorded_as

        org = organisation_named(organisation, advice=CREATE_ONE)
        chosen = services.role_named(role)
        address = services.clean_email(email)
        existing = services.account_for(address)
        password = None
        if password_prompt:
            if existing is not None and existing.has_usable_password():
                out.print(f"{address} already has a password: it is left as it is.")
            else:
                probe = existing or get_user_model()(
                    username=address, email=address, first_name=name.strip()
                )
                password = _ask_password(probe)
        by = person_acting(acting, org) if acting else None
        with recorded_as(by, reason=command_reason("user add")):
            added = services.person_add(
                organisation=org, email=address, role=chosen, name=name, password=password, by=by
            )
        account = "new account" if added.new_account else "existing account"
        out.print(
            f"Added {added.user.username} to {org.name} as {chosen.label} ({account}).",
            highlight=False,
        )
        if password is not None:
            out.print("Their password is set: they can sign in now.")
        elif added.set_password_path:
            path = added.set_password_path
            days = link_days()
            out.print(
                f"Set-password link (works once, for {days} day{'s' if days != 1 else ''}; "
                "put your site's address in front, e.g. https://realise.example.gov.uk):",
                highlight=False,
            )
            out.print(path, highlight=False, soft_wrap=True)
            out.print("Realise sends no email: pass the link on to them yourself.")
        else:
            out.print("They sign in with the password they already use.")

    run(body)


@user_app.command("roles")
def user_roles(
    email: Annotated[str, typer.Argument(help="The email address they sign in with")],
    organisation: OrganisationOption,
    role: Annotated[
        list[str] | None,
        typer.Option(
            "--role",
            help=f"A role they are to hold, once for each: {ROLES_HELP}",
            show_default=False,
        ),
    ] = None,
    acting: Annotated[
        str,
        typer.Option(
            "--as",
            metavar="EMAIL",
            help="Who is making the change: someone who may manage the council's people (a TMO "
            "admin). The change log records them; without it, the operating-system account "
            "that ran the command",
        ),
    ] = "",
) -> None:
    """Show the roles someone holds in a council, or set them with --role (once for each role).

    The roles given are all they hold afterwards: a role left out is taken away, so to give a
    second role name both, e.g. --role finance --role tmo_admin. The same rules as Settings →
    People: at least one role (to take them all away, remove the person there), and the council
    always keeps a TMO admin. Their account, name and password are left as they are.

    Example: realise user roles sam@testshire.gov.uk -o testshire --role finance --role tmo_admin
    """

    def body() -> None:
        from realise.accounts import services
        from realise.accounts.access import Action, person_acting
        from realise.accounts.selectors import roles_in
        from realise.core.attribution import command_reason, recorded_as

        org = organisation_named(organisation, advice=CREATE_ONE)
        address = services.clean_email(email)
        user = services.account_for(address)
        if user is None or not roles_in(organisation=org, user=user):
            raise ValueError(
                f"{address} holds no role in {org.name}: add them with `realise user add "
                f"{address} -o {org.slug} --role ROLE`"
            )
        if role:
            wanted = [services.role_named(each) for each in role]
            by = person_acting(acting, org, Action.MANAGE_USERS) if acting else None
            with recorded_as(by, reason=command_reason("user roles")):
                services.person_roles_set(organisation=org, user=user, roles=wanted, by=by)
        held = ", ".join(str(r.label) for r in roles_in(organisation=org, user=user))
        name = services.display_name(user, org)
        out.print(f"{name} ({address}) in {org.name}: {held}.", highlight=False)

    run(body)


@user_app.command("list")
def user_list(organisation: OrganisationOption) -> None:
    """List the people holding roles in a council: name, email, roles, last sign-in.

    Example: realise user list --organisation dorset
    """

    def body() -> None:
        from django.utils import timezone

        from realise.accounts.selectors import people

        org = organisation_named(organisation, advice=CREATE_ONE)
        rows = people(organisation=org)
        if not rows:
            out.print(f"Nobody holds a role in {org.name} yet. Add someone with:", highlight=False)
            out.print(
                f"  realise user add EMAIL --organisation {org.slug} --role tmo_admin",
                highlight=False,
                soft_wrap=True,
            )
            return
        table = Table("Name", "Email", "Roles", "Last signed in", title=org.name)
        for person in rows:
            seen = (
                timezone.localtime(person.last_login).strftime("%d %b %Y %H:%M")
                if person.last_login
                else "never"
            )
            if person.awaiting_password:
                seen += " (password not set)"
            table.add_row(person.name, person.email, person.role_labels, seen)
        out.print(table)

    run(body)
