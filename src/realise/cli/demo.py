"""`realise demo` and `realise summary`. Django is set up inside each command, never at import,
so the rest of the CLI runs without a database. `realise serve` (``realise.cli.serve``) serves
your own data without the demo."""

from __future__ import annotations

import typer
from rich.console import Console

from realise.cli.common import OrganisationOption, council_and_year, run
from realise.cli.serve import PortOption, serve_here


def demo(
    serve: bool = typer.Option(
        True, "--serve/--no-serve", help="Start the web app after loading (default) or only load"
    ),
    port: PortOption = 8000,
) -> None:
    """Load the Dorset Council 2022/23 demo, print its summary and sign-ins, serve the web app.

    Creates the database if needed, loads the demo, prints its tables and the demo sign-ins (four
    people with a role in Dorset Council and support@realise.example, who may open the Django
    admin at /admin/), then starts the web app on http://127.0.0.1:8000 (stop it with Ctrl+C).

    Running it again does not duplicate anything. The database is an SQLite file in
    $REALISE_DATA_DIR (default ./data) unless DATABASE_URL is set.

    Example: realise demo --no-serve
    """

    def body() -> None:
        from django.core.management import call_command

        from realise.core.attribution import command_reason, recorded_as
        from realise.demo.loader import demo_load
        from realise.demo.report import print_summary
        from realise.finance.calendar import FinancialYear

        out = Console()
        call_command("migrate", interactive=False, verbosity=0)
        with recorded_as(reason=command_reason("demo")):
            result = demo_load()
        verb = "Loaded" if result.created else "Already loaded (nothing duplicated):"
        out.print(f"{verb} {result.organisation.name} demo data.\n")
        print_summary(out, organisation=result.organisation, year=FinancialYear.parse("2022/23"))
        out.print(f"\n[bold]Demo sign-ins[/bold] (password for all: {result.password})")
        for user in result.users:
            role = f"  {user.role.replace('_', ' ')}" if user.role else ""
            staff = "  (staff: can use /admin/)" if user.staff else ""
            leads = f"  (leads {', '.join(user.leads)})" if user.leads else ""
            out.print(f"  {user.email}{role}{staff}{leads}")
        if not serve:
            out.print(
                "\nStart the web app with `realise serve` (or `realise demo`); see tables with "
                "`realise summary -o dorset`."
            )
            return
        out.print()
        serve_here(port)

    run(body)


def summary(
    organisation: OrganisationOption,
    year: str = typer.Option(
        "",
        metavar="YEAR",
        help="Financial year to report, like 2024/25 (default: the latest with data, as the "
        "web's pages show first)",
        show_default=False,
    ),
) -> None:
    """Print the annual report's tables: projects, savings, investment return, measures, risks.

    Tables 1 to 5, the crack-on fund, the measures and the risk heat map with its bands, from the
    database (savings achieved are those finance validated).

    Example: realise summary --organisation dorset --year 2022/23
    """

    def body() -> None:
        from realise.demo.report import print_summary

        org, fy = council_and_year(organisation, year)
        print_summary(Console(), organisation=org, year=fy)

    run(body)
