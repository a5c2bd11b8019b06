"""Every place a council reads its savings figures agrees to the penny, for random portfolios.

Hypothesis builds a council (directorates, projects with and without one, targets across years,
ledger entries achieved, claimed and forecast, corrections, claims validated and rejected,
carry-forwards, entries dated on the 31 March / 1 April boundaries, non-cashable noise, an
amount with a fraction of a penny that must be refused). The test keeps its own list of the
ledger rows it expects and sums them independently; then, for each year, it reads:

- the savings page (Table 2 and Table 3) and the dashboard, as HTML;
- the JSON API's report tables;
- the annual report's tables as printed (HTML, PDF and Word print ``Cell.text``), its XLSX read
  back with openpyxl and its CSV;
- the savings monitoring report (as at 31 March: entries of 1 April are not in it);
- the targets and ledger exports (XLSX), summed by year and status;
- ``realise summary``;

and checks each against the independent sums, directorate rows against the totals shown, and
percentages against the exact ratio rounded once, half up.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import TestCase
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.readback import csv_files, number, ods_tables

pytestmark = pytest.mark.db

YEARS = (2021, 2022, 2023)
# The plan years of each council built: the years above and the one a carry-forward may reach.
PLAN = (*YEARS, YEARS[-1] + 1)
HUNDRED = Decimal(100)
ZERO = Decimal("0.00")
WHOLE = "Whole council"


def shown_percent(part: Decimal, whole: Decimal, places: int) -> str:
    """The exact ratio as a percentage, rounded once, half up (ADR 0002)."""
    step = Decimal(1).scaleb(-places)
    return f"{(part * HUNDRED / whole).quantize(step, rounding=ROUND_HALF_UP)}%"


# --- The portfolio -------------------------------------------------------------------------

pounds_small = st.integers(min_value=1, max_value=40).map(lambda p: Decimal(p))
pence_any = st.integers(min_value=1, max_value=5_000_000_00).map(lambda p: Decimal(p) / 100)
amounts = st.one_of(pounds_small, pence_any, st.sampled_from([Decimal("0.01"), Decimal("0.05")]))
years = st.sampled_from(YEARS)


def boundary_days(start: int) -> st.SearchStrategy[date]:
    """The year's first and last days, and the days either side of it."""
    return st.sampled_from(
        [date(start, 3, 31), date(start, 4, 1), date(start + 1, 3, 31), date(start + 1, 4, 1)]
    )


@dataclass
class Plan:
    directorates: int
    projects: list[int | None]  # each project's directorate index (None: none)
    targets: list[tuple[int, tuple[int | None, int | None], Decimal, str]] = field(
        default_factory=list
    )
    entries: list[dict] = field(default_factory=list)
    carries: list[tuple[int, int, tuple[int | None, int | None], Decimal]] = field(
        default_factory=list
    )


@st.composite
def plans(draw) -> Plan:
    directorates = draw(st.integers(min_value=1, max_value=3))
    projects = draw(
        st.lists(
            st.one_of(st.none(), st.integers(min_value=0, max_value=directorates - 1)),
            max_size=4,
        )
    )
    scope_choices = [(None, None)]
    scope_choices += [(d, None) for d in range(directorates)]
    scope_choices += [(d, p) for p, d in enumerate(projects)]
    scopes = st.sampled_from(scope_choices)
    plan = Plan(directorates, projects)
    plan.targets = draw(
        st.lists(
            st.tuples(years, scopes, amounts, st.sampled_from(["cashable"] * 5 + ["tactical"])),
            max_size=8,
        )
    )
    for _ in range(draw(st.integers(min_value=0, max_value=10))):
        start = draw(years)
        status = draw(st.sampled_from(["achieved", "achieved", "claimed", "claimed", "forecast"]))
        fates = {
            "achieved": ["keep", "keep", "reverse"],
            "forecast": ["keep", "reverse"],
            "claimed": ["keep", "validate", "validate", "reject", "reverse"],
        }[status]
        plan.entries.append(
            {
                "year": start,
                "scope": draw(scopes),
                "amount": draw(amounts),
                "status": status,
                "kind": draw(st.sampled_from(["cashable"] * 6 + ["income"])),
                "on": draw(boundary_days(start)),
                "fate": draw(st.sampled_from(fates)),
                "decided_on": draw(boundary_days(start)),
            }
        )
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        source = draw(st.sampled_from(YEARS[:-1]))
        target = draw(st.sampled_from([y for y in YEARS if y > source] + [YEARS[-1] + 1]))
        plan.carries.append((source, target, draw(scopes), draw(amounts)))
    return plan


# --- Building it, and the rows the ledger must then hold -----------------------------------


@dataclass
class Row:
    year: int
    kind: str
    status: str
    directorate: str
    project: str | None
    amount: Decimal
    on: date


@dataclass
class Built:
    org: object
    names: list[str]  # directorate names in display order
    rows: list[Row]
    targets: list[tuple[int, str, str, Decimal]]  # year, kind, directorate, amount
    carries: list[tuple[int, int, str, Decimal]]  # from, to, directorate, amount


_numbers = itertools.count(1)


def build(plan: Plan) -> Built:
    from realise.benefits import services as benefits
    from realise.benefits.models import CarryForward
    from realise.portfolio import services as portfolio
    from realise.risks.services import risk_bands_set

    n = next(_numbers)
    org = portfolio.organisation_create(
        slug=f"agree-{n}", name=f"Agreeshire {n}", first_year=PLAN[0], last_year=PLAN[-1]
    )
    risk_bands_set(organisation=org, bands={"low": 1, "medium": 5, "high": 15})
    names = [f"Directorate {chr(65 + i)}" for i in range(plan.directorates)]
    directorates = [
        portfolio.directorate_create(organisation=org, name=name, order=i)
        for i, name in enumerate(names)
    ]
    projects = [
        portfolio.project_create(
            organisation=org,
            code=f"P-{i}",
            name=f"Project {i}",
            directorate=None if d is None else directorates[d],
        )
        for i, d in enumerate(plan.projects)
    ]

    def scope(pair):
        d, p = pair
        if p is not None:
            project = projects[p]
            name = names[plan.projects[p]] if plan.projects[p] is not None else WHOLE
            return {"project": project}, name, project.code
        if d is not None:
            return {"directorate": directorates[d]}, names[d], None
        return {}, WHOLE, None

    targets = []
    for start, pair, amount, kind in plan.targets:
        where, name, _ = scope(pair)
        benefits.savings_target_set(organisation=org, year=start, amount=amount, kind=kind, **where)
        targets.append((start, kind, name, amount))
    rows: list[Row] = []
    for e in plan.entries:
        where, name, code = scope(e["scope"])
        entry = benefits.saving_record(
            organisation=org,
            year=e["year"],
            amount=e["amount"],
            status=e["status"],
            kind=e["kind"],
            recorded_on=e["on"],
            **where,
        )

        def row(status, amount, on, e=e, name=name, code=code):
            return Row(e["year"], e["kind"], status, name, code, amount, on)

        rows.append(row(e["status"], e["amount"], e["on"]))
        fate, decided = e["fate"], e["decided_on"]
        if fate == "reverse":
            benefits.saving_reverse(entry=entry, reason="Counted twice", recorded_on=decided)
            rows.append(row(e["status"], -e["amount"], decided))
        elif fate == "validate":
            benefits.saving_validate(entry=entry, recorded_on=decided)
            rows.append(row("claimed", -e["amount"], decided))
            rows.append(row("achieved", e["amount"], decided))
        elif fate == "reject":
            benefits.saving_reject(entry=entry, reason="No evidence", recorded_on=decided)
            rows.append(row("claimed", -e["amount"], decided))
    # Input never takes a fraction of a penny: refused, and nothing is appended.
    with pytest.raises(ValidationError):
        benefits.saving_record(
            organisation=org, year=YEARS[0], amount="10.005", recorded_on=date(YEARS[0], 4, 1)
        )
    carries = []
    for source, target, pair, wanted in plan.carries:
        where, name, _ = scope(pair)
        # A carry-forward names a project or a directorate and takes no more than its shortfall
        # (issue #4): carry what the rule allows, and check it refuses anything more.
        if not where:
            continue
        left = benefits.carry_forward_shortfall(
            CarryForward(organisation=org, from_year=source, to_year=target, **where)
        ).left
        amount = min(wanted, left)
        if amount < wanted:
            with pytest.raises(ValidationError, match=r"shortfall|fell short"):
                benefits.savings_carry_forward(
                    organisation=org,
                    from_year=source,
                    to_year=target,
                    amount=wanted,
                    reason="Slipped",
                    **where,
                )
        if amount <= 0:
            continue
        benefits.savings_carry_forward(
            organisation=org,
            from_year=source,
            to_year=target,
            amount=amount,
            reason="Slipped",
            **where,
        )
        carries.append((source, target, name, amount))
    return Built(org, names, rows, targets, carries)


# --- The independent sums ------------------------------------------------------------------


@dataclass
class Expected:
    budgeted: dict[tuple[int, str], Decimal]
    achieved: dict[tuple[int, str], Decimal]
    claimed: dict[tuple[int, str], Decimal]
    forecast: dict[tuple[int, str], Decimal]
    with_actuals: set[int]
    carried_in: dict[tuple[int, str], Decimal]
    years: list[int]  # the plan years: Table 2's rows
    held: list[int]  # the years with a budget or a ledger entry

    def year(self, what: str, start: int) -> Decimal:
        return sum((v for (y, _), v in getattr(self, what).items() if y == start), ZERO)


def expected(built: Built, *, as_at: date | None = None) -> Expected:
    sums = {k: defaultdict(lambda: ZERO) for k in ("achieved", "claimed", "forecast")}
    with_actuals = set()
    for r in built.rows:
        if r.kind != "cashable" or (as_at is not None and r.on > as_at):
            continue
        sums[r.status][(r.year, r.directorate)] += r.amount
        if r.status == "achieved":
            with_actuals.add(r.year)
    budgeted = defaultdict(lambda: ZERO)
    for start, kind, name, amount in built.targets:
        if kind == "cashable":
            budgeted[(start, name)] += amount
    carried_in = defaultdict(lambda: ZERO)
    for source, target, name, amount in built.carries:
        for start in range(source + 1, target + 1):
            carried_in[(start, name)] += amount
    held = sorted({y for y, _ in budgeted} | {y for s in sums.values() for y, _ in s})
    return Expected(
        budgeted,
        sums["achieved"],
        sums["claimed"],
        sums["forecast"],
        with_actuals,
        carried_in,
        list(PLAN),
        held,
    )


def directorates_in(built: Built, exp: Expected, start: int) -> list[str]:
    """Table 3's rows: directorates (in order, the whole council last) with a budget, an
    achieved or claimed entry, or savings carried in."""
    used = {
        name
        for what in ("budgeted", "achieved", "claimed", "carried_in")
        for (y, name) in getattr(exp, what)
        if y == start
    }
    return [name for name in [*built.names, WHOLE] if name in used]


# --- Reading the pages ---------------------------------------------------------------------


def page_table(content: bytes, caption: str) -> list[list[str]]:
    """The rows (header cells and data cells, as text) of the table whose caption starts so."""
    tree = lxml_html.fromstring(content)
    for table in tree.iter("table"):
        found = table.find("caption")
        if found is not None and found.text_content().strip().startswith(caption):
            return [
                [" ".join(c.text_content().split()) for c in tr.iter("th", "td")]
                for tr in table.iter("tr")
            ][1:]
    raise AssertionError(f"no table captioned {caption!r}")


def money_text(amount: Decimal) -> str:
    """How the web prints an amount: £1,234 or £1,234.50."""
    from realise.finance.money import format_money

    return format_money(amount)


def check_year_table(rows, exp: Expected, *, percent_places: int) -> None:
    """Table 2 as the web prints it: each year, then the total."""
    by_label = {r[0]: r for r in rows}
    for start in exp.years:
        label = f"{start}/{str(start + 1)[2:]}"
        row = by_label[label]
        budget, achieved = exp.year("budgeted", start), exp.year("achieved", start)
        assert number(row[1]) == budget, (label, row)
        if start in exp.with_actuals:
            assert number(row[2]) == achieved, (label, row)
        else:  # a year with no savings achieved yet is left blank, as in the annual report
            assert row[2] == "–none recorded yet", (label, row)
        assert number(row[4]) == exp.year("claimed", start), (label, row)
        assert number(row[5]) == exp.year("forecast", start), (label, row)
        if start in exp.with_actuals and budget:
            assert row[3] == shown_percent(achieved, budget, percent_places), (label, row)
    total = by_label["Total"]
    assert number(total[1]) == sum(exp.year("budgeted", y) for y in exp.years)
    assert number(total[2]) == sum(exp.year("achieved", y) for y in exp.years)
    assert number(total[4]) == sum(exp.year("claimed", y) for y in exp.years)
    assert len(rows) == len(exp.years) + 1


def check_directorate_table(rows, built, exp, start, columns: dict[str, int]) -> None:
    """Table 3 (or the dashboard's version): each directorate's figures, rows adding to the
    total shown."""
    names = directorates_in(built, exp, start)
    body = [r for r in rows if r[0] != "Total" and not r[0].startswith("No savings")]
    assert [r[0] for r in body] == names
    for r in body:
        name = r[0]
        budget = exp.budgeted[(start, name)]
        achieved = exp.achieved[(start, name)]
        due = budget + exp.carried_in[(start, name)]
        want = {
            "projected": budget,
            "carried_in": exp.carried_in[(start, name)],
            "achieved": achieved,
            "underachieved": max(due - achieved, ZERO),
        }
        for what, at in columns.items():
            assert number(r[at]) == want[what], (start, name, what, r)
    total = next(r for r in rows if r[0] == "Total")
    for what, at in columns.items():
        if what == "carried_in" and not total[at]:
            continue
        parts = sum((number(r[at]) for r in body), ZERO)
        assert number(total[at]) == parts, (start, what, total)


# --- The test ------------------------------------------------------------------------------


@pytest.fixture
def reader(db, django_user_model):
    return django_user_model.objects.create_user(username="reader", password="a-long-pass-9")


FAST = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def run_checks(plan: Plan, client, reader) -> None:
    from realise.accounts.models import Membership

    with transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            built = build(plan)
            Membership.objects.create(organisation=built.org, user=reader, role="viewer")
        client.force_login(reader)
        try:
            check_all(built, client)
        finally:
            transaction.set_rollback(True)


def check_all(built: Built, client) -> None:
    from realise.benefits.selectors import savings_by_directorate, savings_by_year
    from realise.finance.calendar import FinancialYear
    from realise.portfolio.models import Organisation

    org: Organisation = built.org  # type: ignore[assignment]
    exp = expected(built)
    by_year = savings_by_year(organisation=org)
    assert [y.year.start for y in by_year.years] == exp.years
    base = f"/o/{org.slug}"
    check_exports(built, exp)
    for start in YEARS:
        fy = FinancialYear(start)
        table3 = savings_by_directorate(organisation=org, year=fy)
        assert table3.total_claimed == exp.year("claimed", start)

        # The savings page and the dashboard: Table 2, then the year's directorate table.
        for path, directorates in (
            ("savings/", "Projected, achieved and under-achieved"),
            ("", "Budgeted, carried in, achieved and under-achieved"),
        ):
            page = client.get(f"{base}/{path}?year={start}")
            assert page.status_code == 200
            check_year_table(
                page_table(page.content, "Cashable savings by financial year"),
                exp,
                percent_places=1,
            )
            check_directorate_table(
                page_table(page.content, directorates),
                built,
                exp,
                start,
                {"projected": 1, "carried_in": 2, "achieved": 3, "underachieved": 4},
            )

        check_api(client, org, built, exp, start)
        if start in exp.held:
            check_annual_report(org, built, exp, start)
        check_monitoring(org, built, start)
        check_summary(org, built, exp, start)


def check_api(client, org, built, exp, start) -> None:
    label = f"{start}/{str(start + 1)[2:]}"
    years = client.get(f"/api/orgs/{org.slug}/reports/savings-by-year").json()
    by_label = {y["year"]: y for y in years["years"]}
    assert list(by_label) == [f"{y}/{str(y + 1)[2:]}" for y in exp.years]
    for y in exp.years:
        got = by_label[f"{y}/{str(y + 1)[2:]}"]
        for what in ("budgeted", "achieved", "claimed", "forecast"):
            assert Decimal(got[what]) == exp.year(what, y), (y, what, got)
    assert Decimal(years["total_budgeted"]) == sum(exp.year("budgeted", y) for y in exp.years)
    assert Decimal(years["total_achieved"]) == sum(exp.year("achieved", y) for y in exp.years)
    assert Decimal(years["total_claimed"]) == sum(exp.year("claimed", y) for y in exp.years)
    table = client.get(
        f"/api/orgs/{org.slug}/reports/savings-by-directorate", {"year": label}
    ).json()
    names = directorates_in(built, exp, start)
    assert [r["directorate"] for r in table["rows"]] == names
    for r in table["rows"]:
        key = (start, r["directorate"])
        assert Decimal(r["projected"]) == exp.budgeted[key]
        assert Decimal(r["achieved"]) == exp.achieved[key]
        assert Decimal(r["claimed"]) == exp.claimed[key]
        assert Decimal(r["carried_in"]) == exp.carried_in[key]
    for what in ("projected", "achieved", "claimed", "underachieved"):
        parts = sum((Decimal(r[what]) for r in table["rows"]), ZERO)
        assert Decimal(table[f"total_{what}"]) == parts, what


def _report_table(report, prefix):
    return next(t for t in report.tables() if t.title.startswith(prefix))


def check_annual_report(org, built, exp, start) -> None:
    from realise.finance.calendar import FinancialYear
    from realise.reports.annual import annual_report
    from realise.reports.formats import render

    report = annual_report(organisation=org, year=FinancialYear(start))
    table2 = _report_table(report, "Table 2.")
    table3 = _report_table(report, "Table 3.")
    # As HTML, PDF and Word print them.
    printed2 = [[c.text for c in row] for row in (*table2.rows, table2.total)]
    for row, y in zip(printed2, exp.years, strict=False):
        budget, achieved = exp.year("budgeted", y), exp.year("achieved", y)
        assert number(row[1]) == budget
        if y in exp.with_actuals:
            assert number(row[2]) == achieved
            if budget:
                assert row[3] == shown_percent(achieved, budget, 0), (y, row)
    printed3 = [[c.text for c in row] for row in (*table3.rows, table3.total)]
    check_directorate_table(
        printed3, built, exp, start, {"projected": 1, "achieved": 2, "underachieved": 3}
    )
    # The HTML report (which the PDF is made from) prints exactly those texts.
    page = render(report, "html").content
    for table, rows in ((table2, printed2), (table3, printed3)):
        assert [r for r in page_table(page, table.title) if r != ["None."]] == rows
    # ODS holds the figures and the exact percentage, as a fraction.
    ods = ods_tables(render(report, "ods").content)[table2.title]
    for cells, row in zip(ods[1:], table2.rows, strict=False):  # after the headings
        if row[3].value is not None:
            assert Decimal(cells[3][1]) == row[3].value / HUNDRED, (cells, row)
    # The workbook, read back: figures, SUM totals over them, percentages as Excel shows them.
    book = load_workbook(io.BytesIO(render(report, "xlsx").content))
    sheets = {str(s["A1"].value): s for s in book.worksheets[1:]}
    sheet2 = sheets[table2.title]
    values = [list(r) for r in sheet2.iter_rows(min_row=4, values_only=True)]
    for cells, printed in zip(values, printed2, strict=True):
        if cells[0] == "Total":
            assert cells[1].startswith("=SUM(")
            continue
        assert number(cells[1]) == number(printed[1])
        if cells[3] is not None:
            excel = Decimal(str(cells[3])) * HUNDRED
            assert f"{excel.quantize(Decimal(1), rounding=ROUND_HALF_UP)}%" == printed[3], (
                "XLSX shows another percentage than the printed report",
                cells,
                printed,
            )
    sheet3 = sheets[table3.title]
    values3 = [list(r) for r in sheet3.iter_rows(min_row=4, values_only=True)]
    body3 = [r for r in values3 if r[0] != "Total"]
    for cells, printed in zip(body3, printed3, strict=False):
        for at in (1, 2, 3):
            assert number(cells[at]) == number(printed[at])
    # CSV: plain numbers, the same.
    files = csv_files(render(report, "csv").content)
    rows = files[f"{table3.key}.csv"][1:]
    for got, printed in zip(rows, printed3, strict=True):
        for at in (1, 2, 3):
            assert number(got[at]) == number(printed[at]), (got, printed)


def check_monitoring(org, built, start) -> None:
    from realise.benefits.selectors import savings_monitoring
    from realise.finance.calendar import FinancialYear
    from realise.reports.monitoring import monitoring_report

    year_end = date(start + 1, 3, 31)
    exp = expected(built, as_at=year_end)
    data = savings_monitoring(organisation=org, year=FinancialYear(start), as_at=year_end)
    total = data.total
    assert total.budgeted == exp.year("budgeted", start)
    assert total.validated == exp.year("achieved", start)
    assert total.claimed == exp.year("claimed", start)
    assert total.forecast == exp.year("forecast", start)
    rag = data.thresholds

    def rating(share: Decimal) -> str:
        return "Green" if share >= rag.green_from else "Amber" if share >= rag.amber_from else "Red"

    for line in (*data.by_directorate, total):
        if line.budgeted:
            exact = line.expected * HUNDRED / line.budgeted
            assert line.rag == rating(exact), (line, exact)
    report = monitoring_report(organisation=org, year=FinancialYear(start), as_at=year_end)
    table = report.tables()[0]
    for row, line in zip(table.rows, data.by_directorate, strict=True):
        if line.budgeted:
            # Rounded once, half up, to a whole per cent or to the fewest places that, read
            # against the legend, rate as the exact ratio does (79.6% beside Red, never 80%).
            shown = row[-2].text
            places = len(shown.rstrip("%").partition(".")[2])
            assert shown == shown_percent(line.expected, line.budgeted, places), row
            assert rating(Decimal(shown.rstrip("%"))) == line.rag, row
            if places:
                fewer = shown_percent(line.expected, line.budgeted, places - 1)
                assert rating(Decimal(fewer.rstrip("%"))) != line.rag, row


def check_exports(built, exp) -> None:
    """The list exports, summed by year (and status) as a finance officer would."""
    from realise.imports.exports import export_file

    def sheet_rows(kind):
        book = load_workbook(io.BytesIO(export_file(kind, built.org, "xlsx")))
        rows = list(book.active.iter_rows(values_only=True))
        return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]

    budgets = defaultdict(lambda: ZERO)
    for r in sheet_rows("targets"):
        if r["Kind"] == "Cashable saving":
            budgets[int(r["Year"][:4])] += Decimal(str(r["Amount"]))
    ledger = defaultdict(lambda: ZERO)
    for r in sheet_rows("savings"):
        if r["Kind"] == "Cashable saving":
            ledger[(int(r["Year"][:4]), r["Status"])] += Decimal(str(r["Amount"]))
    for y in exp.years:
        assert budgets[y] == exp.year("budgeted", y)
        assert ledger[(y, "Achieved (validated)")] == exp.year("achieved", y)
        assert ledger[(y, "Claimed (awaiting finance)")] == exp.year("claimed", y)
        assert ledger[(y, "Forecast")] == exp.year("forecast", y)


runner = CliRunner()


def check_summary(org, built, exp, start) -> None:
    from realise.cli import app

    label = f"{start}/{str(start + 1)[2:]}"
    result = runner.invoke(
        app, ["summary", "--organisation", org.slug, "--year", label], env={"COLUMNS": "250"}
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()

    def cells(line):
        return [c.strip() for c in re.split(r"[│┃]", line)[1:-1]]

    t2 = lines.index(next(x for x in lines if "Table 2." in x))
    t3 = lines.index(next(x for x in lines if "Table 3." in x))
    t4 = lines.index(next(x for x in lines if "Table 4." in x))
    table2 = [cells(x) for x in lines[t2:t3] if x.startswith("│")]
    for row in table2:
        if row[0] == "Total":
            assert number(row[1]) == sum(exp.year("budgeted", y) for y in exp.years)
            assert number(row[2]) == sum(exp.year("achieved", y) for y in exp.years)
            continue
        y = int(row[0].split()[-1][:4])
        budget, achieved = exp.year("budgeted", y), exp.year("achieved", y)
        assert number(row[1]) == budget, row
        if y in exp.with_actuals:
            assert number(row[2]) == achieved, row
            if budget:
                assert row[3] == shown_percent(achieved, budget, 0), row
    table3 = [cells(x) for x in lines[t3:t4] if x.startswith("│")]
    body = [r for r in table3 if r[0] != "Total"]
    assert [r[0] for r in body] == directorates_in(built, exp, start)
    for r in body:
        key = (start, r[0])
        assert number(r[1]) == exp.budgeted[key]
        assert number(r[2]) == exp.achieved[key]
    total = next(r for r in table3 if r[0] == "Total")
    for at in (1, 2, 3):
        assert number(total[at]) == sum((number(r[at]) or ZERO for r in body), ZERO)


def entry(start: int, amount: str, status: str = "achieved", fate: str = "keep") -> dict:
    """One whole-council cashable entry recorded on the year's last day."""
    return {
        "year": start,
        "scope": (None, None),
        "amount": Decimal(amount),
        "status": status,
        "kind": "cashable",
        "on": date(start + 1, 3, 31),
        "fate": fate,
        "decided_on": date(start + 1, 3, 31),
    }


def one_year(start: int, budget: str, achieved: str, status: str = "achieved") -> Plan:
    """A whole-council budget and one entry against it, for the regressions below."""
    return Plan(
        directorates=1,
        projects=[],
        targets=[(start, (None, None), Decimal(budget), "cashable")],
        entries=[entry(start, achieved, status)],
    )


@FAST
@given(plan=plans())
# Found by this test: 0.1483% was shown as 0.2% (rounded to 0.15 first, then half to even).
@example(plan=one_year(2023, "18205.79", "27"))
# 12.5% printed as 12% in the report (half to even) while its XLSX shows 13%.
@example(plan=one_year(2022, "8", "1"))
# 94.995% forecast was rated Green against the 95% threshold (rounded to 95.00 first).
@example(plan=one_year(2022, "20000", "18999", "forecast"))
# On SQLite, 1p and a reversed £5m summed to £0.00999999999999801 (floats), shown by the API.
@example(
    plan=Plan(
        directorates=1,
        projects=[],
        entries=[entry(2021, "0.01"), entry(2021, "5000000", fate="reverse")],
    )
)
def test_every_surface_shows_the_same_savings_figures(plan, client, reader):
    run_checks(plan, client, reader)
