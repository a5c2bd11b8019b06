"""Benchmark: the annual report of a large generated council in PDF, XLSX and DOCX.

A generated organisation with 500 projects in 8 directorates, 10 years of budgeted and achieved
savings per project (10,000 targets, 10,000 ledger entries), 28 invest-to-save bids, grants and
2,000 open risks. It is written with bulk inserts into a fresh SQLite database in a temporary
folder (set DATABASE_URL to use PostgreSQL instead), then the report is built and rendered.

Each format is timed three times in one process, as a web server would serve it; the first run
includes WeasyPrint's one-off start-up. Targets (issue #6): PDF <= 10 s, XLSX <= 2 s, DOCX <= 5 s.

Run: .venv/bin/python bench/reports.py    (results go in bench/RESULTS.md by hand)
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import date
from decimal import Decimal

TARGETS = {"pdf": 10.0, "xlsx": 2.0, "docx": 5.0}
PROJECTS, YEARS, RISKS, FIRST_YEAR = 500, 10, 2000, 2020


def setup() -> None:
    os.environ.setdefault("REALISE_DATA_DIR", tempfile.mkdtemp(prefix="realise-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "realise.config.settings.local")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def generate():  # type: ignore[no-untyped-def]
    from realise.benefits.models import EntryStatus, SavingsEntry, SavingsTarget
    from realise.funding.models import Bid, BidStatus, Fund, FundKind, Grant
    from realise.portfolio.models import Directorate, Organisation, Programme, Project
    from realise.risks.models import Risk
    from realise.risks.services import risk_bands_set

    rng = random.Random(6)
    org = Organisation.objects.create(slug="benchshire", name="Benchshire Council")
    directorates = Directorate.objects.bulk_create(
        Directorate(organisation=org, name=f"Directorate {n}", order=n) for n in range(1, 9)
    )
    programme = Programme.objects.create(organisation=org, name="Transformation")
    projects = Project.objects.bulk_create(
        _project(org, n, directorates[n % 8], programme, rng) for n in range(PROJECTS)
    )
    targets, entries = [], []
    for project in projects:
        for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            budget = Decimal(rng.randrange(10_000, 500_000))
            scope = {
                "organisation": org,
                "financial_year": year,
                "project": project,
                "directorate": project.directorate,
            }
            targets.append(SavingsTarget(amount=budget, **scope))
            if year < FIRST_YEAR + YEARS - 3:
                achieved = (budget * Decimal(rng.randrange(60, 110)) / 100).quantize(Decimal(1))
                entries.append(
                    SavingsEntry(
                        status=EntryStatus.ACHIEVED,
                        amount=achieved,
                        recorded_on=date(year + 1, 3, 31),
                        **scope,
                    )
                )
    SavingsTarget.objects.bulk_create(targets, batch_size=2000)
    SavingsEntry.objects.bulk_create(entries, batch_size=2000)
    fund = Fund.objects.create(
        organisation=org,
        name="Invest to save",
        kind=FundKind.INVEST_TO_SAVE,
        pot=Decimal(50_000_000),
    )
    Bid.objects.bulk_create(
        Bid(
            organisation=org,
            fund=fund,
            title=f"Bid {n}",
            amount=Decimal(250_000),
            status=BidStatus.APPROVED,
            decided_on=date(2022, 3, 31),
        )
        for n in range(28)
    )
    Fund.objects.create(
        organisation=org, name="Crack-on fund", kind=FundKind.SMALL_CHANGE, pot=Decimal(100_000)
    )
    Grant.objects.bulk_create(
        Grant(organisation=org, funder=f"Funder {n}", amount=Decimal(100_000 + n))
        for n in range(20)
    )
    risk_bands_set(organisation=org, bands={"Low": 1, "Medium": 5, "High": 15})
    Risk.objects.bulk_create(
        (
            Risk(
                organisation=org,
                programme=programme,
                title=f"Risk {n}",
                likelihood=(lk := rng.randint(1, 5)),
                impact=(im := rng.randint(1, 5)),
                target_likelihood=lk,
                target_impact=im,
            )
            for n in range(RISKS)
        ),
        batch_size=2000,
    )
    return org


def _project(org, n, directorate, programme, rng):  # type: ignore[no-untyped-def]
    from realise.portfolio.models import Project, ProjectStatus

    status = rng.choice(
        [ProjectStatus.IN_PROGRESS] * 6
        + [ProjectStatus.COMPLETE, ProjectStatus.STOPPED, ProjectStatus.PROPOSED]
    )
    ended = status in (ProjectStatus.COMPLETE, ProjectStatus.STOPPED)
    return Project(
        organisation=org,
        code=f"P-{n:04d}",
        name=f"Project {n}",
        directorate=directorate,
        programme=programme,
        status=status,
        planned_start=date(FIRST_YEAR, 4, 1),
        actual_end=date(FIRST_YEAR + rng.randrange(0, 6), 9, 30) if ended else None,
    )


def main() -> None:
    setup()
    from realise.finance.calendar import FinancialYear
    from realise.reports.annual import annual_report
    from realise.reports.formats import render

    started = time.perf_counter()
    org = generate()
    print(
        f"Generated {PROJECTS} projects, {YEARS} years, {RISKS} risks in "
        f"{time.perf_counter() - started:.1f} s"
    )
    year = FinancialYear(FIRST_YEAR + YEARS - 4)
    for fmt in ("xlsx", "docx", "pdf"):
        times, cpu, size = [], [], 0
        for _ in range(3):
            start, start_cpu = time.perf_counter(), _cpu()
            report = annual_report(organisation=org, year=year)
            size = len(render(report, fmt).content)
            times.append(time.perf_counter() - start)
            cpu.append(_cpu() - start_cpu)
        verdict = "within" if min(times) <= TARGETS[fmt] else "OVER"
        print(
            f"{fmt.upper():5} wall {', '.join(f'{t:.2f}' for t in times)} s; "
            f"CPU {', '.join(f'{t:.2f}' for t in cpu)} s; best wall {min(times):.2f} s "
            f"({verdict} the {TARGETS[fmt]:.0f} s target); {size:,} bytes"
        )


def _cpu() -> float:
    """CPU seconds used by this process and its finished children (pdftoppm)."""
    used = os.times()
    return used.user + used.system + used.children_user + used.children_system


if __name__ == "__main__":
    main()
