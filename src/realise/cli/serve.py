"""`realise serve`: the web app on your own data, on this computer. Django is set up inside the
command; `realise demo` serves the demo through the same `serve_here`."""

from __future__ import annotations

from typing import Annotated

import typer

from realise.cli.common import out, run

PortOption = Annotated[int, typer.Option(help="Port for the web app on 127.0.0.1")]


def serve_here(port: int) -> None:
    """Serve the web app on http://127.0.0.1:``port`` until Ctrl+C. Call it inside `run`."""
    from django.core.management import call_command

    out.print(f"Realise is running at http://127.0.0.1:{port}/ (Ctrl+C to stop).")
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, verbosity=0)


def serve(port: PortOption = 8000) -> None:
    """Run the web app on your own data at http://127.0.0.1:8000, for one person on this computer.

    Uses the configured database (the SQLite file in $REALISE_DATA_DIR, default ./data, unless
    DATABASE_URL is set), creating or updating its tables first, as `realise organisation create`
    does; nothing is loaded. Sign in as a person added with `realise user add`. Stop it with
    Ctrl+C. To serve a council's staff, run a WSGI server instead (docs/howto/deploy.md).

    Example: realise serve --port 8080
    """

    def body() -> None:
        from django.core.management import call_command

        from realise.portfolio.models import Organisation

        call_command("migrate", interactive=False, verbosity=0)
        slugs = list(Organisation.objects.order_by("slug").values_list("slug", flat=True))
        if slugs:
            out.print(f"Councils: {', '.join(slugs)}.", highlight=False)
        else:
            out.print("No council yet: create one with `realise organisation create`.")
        serve_here(port)

    run(body)
