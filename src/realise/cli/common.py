"""What the commands share: Django set up on demand, errors turned into a message and an exit
code, the consoles, the ``-o/--organisation`` option and finding an organisation by its slug.

Nothing here sets Django up at import, so `realise model ...` runs without a database. The exit
codes (ADR 0022): 1 for a problem the user can correct (bad input, unknown name), 2 for a database
or configuration problem, 3 for anything unexpected; always a message, never a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

DEFAULT_SETTINGS = "realise.config.settings.local"

ORGANISATION_HELP = (
    "The council, by its slug (short name), e.g. dorset; `realise organisation list` shows them"
)
# ``-o`` is ``--organisation`` in every command that has it, and means nothing else anywhere
# (an output file is always ``--output``). Required: no command assumes the demo council.
OrganisationOption = Annotated[
    str,
    typer.Option(
        "--organisation", "-o", metavar="SLUG", help=ORGANISATION_HELP, show_default=False
    ),
]

out = Console()
err = Console(stderr=True)
# For messages that name files and paths: long lines are left whole rather than broken at the
# terminal's width, so they can be copied.
err_unwrapped = Console(stderr=True, soft_wrap=True)


def writable(path: Path) -> Path:
    """``path``, if a file can be written there; else a ``ValueError`` saying why, in words."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise ValueError(f"Cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise ValueError(f"Cannot write {path}: it is a folder; give a file name")
    return path


def setup_django() -> None:
    """Configure Django once, with the local settings unless DJANGO_SETTINGS_MODULE says else."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def _messages(exc: Exception) -> list[str]:
    from django.core.exceptions import ValidationError

    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return [f"{field}: {m}" for field, ms in exc.message_dict.items() for m in ms]
        return list(exc.messages)
    return [str(exc)]


@contextmanager
def clear_errors() -> Iterator[None]:
    """Turn the errors a user can cause into a message on stderr and exit code 1 or 2."""
    from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, ValidationError
    from django.db import DatabaseError

    from realise.finance.calendar import YearLabelError

    try:
        yield
    except (ValidationError, YearLabelError, ObjectDoesNotExist, ValueError) as exc:
        for message in _messages(exc):
            err.print(f"[red]Error:[/red] {message}", highlight=False)
        raise typer.Exit(code=1) from None
    except (DatabaseError, ImproperlyConfigured) as exc:
        err.print(f"[red]Database error:[/red] {exc}", highlight=False)
        err.print("Check DATABASE_URL, or run `realise demo` to create the demo database.")
        raise typer.Exit(code=2) from None
    except Exception as exc:  # anything else: still a message, not a traceback
        err.print(f"[red]Unexpected error:[/red] {type(exc).__name__}: {exc}", highlight=False)
        raise typer.Exit(code=3) from None


def run(body: Callable[[], Any]) -> Any:
    """Set Django up, then run ``body`` inside `clear_errors`; return what it returns."""
    try:
        setup_django()
    except Exception as exc:  # settings errors surface here, before any command runs
        err.print(f"[red]Configuration error:[/red] {exc}", highlight=False)
        raise typer.Exit(code=2) from None
    with clear_errors():
        return body()


CREATE_ONE = ". Create one with `realise organisation create --slug SLUG --name NAME`"


def organisation_named(slug: str, *, advice: str = "") -> Any:
    """The organisation with this slug; else a ValueError naming those there are, then
    ``advice``. Call it inside `run`."""
    from realise.portfolio.models import Organisation

    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        known = ", ".join(Organisation.objects.values_list("slug", flat=True)) or "none yet"
        raise ValueError(f'No organisation "{slug}" (organisations: {known}){advice}')
    return found


def council_and_year(organisation: str, year: str) -> tuple[Any, Any]:
    """The council with slug ``organisation`` and the financial year written ``year`` (2024/25,
    checked first); without a year, the one the web's pages show first: the latest with data
    (``SavingsByYear.reporting_year``), named on stderr. Call it inside `run`."""
    from datetime import date

    from realise.benefits.selectors import savings_by_year
    from realise.finance.calendar import FinancialYear

    chosen = FinancialYear.parse(year.strip()) if year.strip() else None
    council = organisation_named(organisation, advice=CREATE_ONE)
    if chosen is None:
        chosen = savings_by_year(organisation=council).reporting_year(date.today())
        err.print(
            f"{chosen.label}, the latest year with data (choose another with --year).",
            highlight=False,
        )
    return council, chosen
