"""Benchmark: import a 50,000-row savings ledger workbook (target: at most 20 s and 500 MB peak).

Usage: .venv/bin/python bench/import.py [ROWS]

Builds the workbook and a fresh SQLite database in a temporary directory ($BENCH_TMP, else the
system's), then imports in a child process with the CLI's default settings, so the time and peak
memory (ru_maxrss) are the import's alone. Record results in bench/RESULTS.md.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DIRECTORATES = ["People", "Place", "Corporate", "Children"]


def build(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Savings 2024-25")
    sheet.append(["Reference", "Year", "Achieved", "Service area", "Project code", "Recorded on"])
    for i in range(rows):
        directorate = i % len(DIRECTORATES)
        sheet.append(
            [
                f"B-{i}",
                "2024/25",
                f"£{1000 + i:,}.{i % 100:02d}",
                DIRECTORATES[directorate],
                f"P-{directorate}",
                "31/03/2025",
            ]
        )
    book.save(path)


def prepare() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from realise.portfolio import services as portfolio

    org = portfolio.organisation_create(slug="bench", name="Bench Council")
    for i, name in enumerate(DIRECTORATES):
        d = portfolio.directorate_create(organisation=org, name=name, order=i)
        portfolio.project_create(
            organisation=org, code=f"P-{i}", name=f"Project {i}", directorate=d
        )


def run(path: Path) -> None:
    import django

    django.setup()
    from realise.imports.engine import run_import
    from realise.portfolio.models import Organisation

    started = time.perf_counter()
    outcome = run_import(path, organisation=Organisation.objects.get(slug="bench"), dry_run=False)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert outcome.ok, [str(p) for p in outcome.problems[:5]]
    print(f"imported {len(outcome.created)} rows in {elapsed:.1f} s, peak memory {peak_mb:.0f} MB")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] in ("--prepare", "--run"):
        prepare() if sys.argv[1] == "--prepare" else run(Path(sys.argv[2]))
        return
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        env = dict(
            os.environ, REALISE_DATA_DIR=tmp, DJANGO_SETTINGS_MODULE="realise.config.settings.local"
        )
        env.pop("DATABASE_URL", None)  # a fresh SQLite file, the default database
        path = Path(tmp) / "savings.xlsx"
        started = time.perf_counter()
        build(path, rows)
        print(
            f"built {rows}-row workbook ({path.stat().st_size / 1e6:.1f} MB) in "
            f"{time.perf_counter() - started:.1f} s"
        )
        for step in ("--prepare", "--run"):
            subprocess.run([sys.executable, __file__, step, str(path)], env=env, check=True)


if __name__ == "__main__":
    main()
