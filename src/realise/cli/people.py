"""`realise organisation ...` and `realise user ...`: start a council on a fresh install and give
it its first people, without the demo or the Django admin. Thin wrappers over
``realise.accounts.services`` (the same rules as Settings → People); Django is set up inside each
command."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from realise.cli.common import err_unwrapped, organisation_named, out, run

organisation_app = typer.Typer(
    help="Councils: create one on a fresh install, list them.", no_args_is_help=True
)
user_app = typer.Typer(
    help="People and their roles in a council: add someone, list who holds roles.",
    no_args_is_help=True,
)

ROLES_HELP = (
    "viewer (reads everything), project_lead (their own projects), finance (validates savings, "
    "funding), tmo_admin (everything but validating savings, including people and settings)"
)
SlugOption = Annotated[
    str, typer.Option("--organisation", "-o", help="The council's slug, e.g. dorset")
]
ActingOption = Annotated[
    str,
    typer.Option(
        "--as",
        metavar="EMAIL",
        help="Who is making the change (a person with a role in the council), for the change "
        "log; without it the log records the operating-system account that ran the command",
    ),
]


CREATE_ONE = ". Create one with `realise organisation create --slug SLUG --name NAME`"


@organisation_app.command("create")
def organisation_create(
    slug: Annotated[
        str, typer.Option(help="Short name used in addresses and commands, e.g. dorset")
    ],
    name: Annotated[str, typer.Option(help='The council\'s name, e.g. "Dorset Council"')],
) -> None:
    """Create a council. Creates the database tables first if they are missing, so this is the
    first command to run on a fresh install; then give the council its first TMO admin with
    `realise user add`.

    Example: realise organisation create --slug dorset --name "Dorset Council"
    """

    def body() -> None:
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
        with recorded_as(reason=command_reason("organisation create")):
            created = create(slug=slug.strip(), name=name.strip())
        out.print(f"Created {created.name} ({created.slug}).", highlight=False)
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
        table = Table("Slug", "Name", "People")
        for org in rows:
            table.add_row(org.slug, org.name, str(org.people))
        out.print(table)

    run(body)


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
    organisation: SlugOption,
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
    council's own name for them), and no link is made for them.

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


@user_app.command("list")
def user_list(organisation: SlugOption) -> None:
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
