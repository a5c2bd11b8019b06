# ruff: noqa: E501  (a case written in YAML flow style)
"""Approving a format 2 case whose benefit lines name the council's directorates: each line's
savings land in its own directorate (no choice asked), at the engine's figures after the
optimism-bias haircut, a non-cashable line sets no target, and cost lines become cost budgets.
(Dorset's format 1 case, whose layers name no directorate: test_case_approval.py.)"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest

from realise.benefits.models import SavingsTarget
from realise.benefits.services import plan_years_set
from realise.cases import services
from realise.cases.models import CaseBudget, CaseTarget
from realise.finance.appraisal.engine import run_option
from realise.finance.casefile.formats import read_any
from realise.portfolio import services as portfolio

pytestmark = pytest.mark.db

CASE = """\
format: realise-business-case/2
organisation: Testshire Council
title: Shared services
start_year: 2024/25
years: 4
optimism_bias: {costs: 10%, benefits: 15%}
baselines:
- {id: spend, name: Back-office spend, amount: 4000000}
options:
- id: nothing
  name: Do nothing
  do_nothing: true
- id: share
  name: Share the back office
  preferred: true
  costs:
  - {id: team, name: Change team, kind: revenue, total: 300000, phasing: {2024/25: 60%, 2025/26: 40%}}
  benefits:
  - id: people_posts
    name: Fewer posts in People
    type: cashable
    directorate: People
    baseline: spend
    percent: 5%
    retention: 80%
    ramp: {2024/25: 25%, 2025/26: 75%, 2026/27: 100%}
  - {id: place_income, name: Income in Place, type: income, directorate: Place, annual: 33333.33, from: 2025/26}
  - {id: wellbeing, name: Staff wellbeing, type: non_cashable, directorate: People, annual: 5000, from: 2024/25}
"""


def test_each_line_lands_in_the_directorate_it_names_at_the_engines_figures(council):
    org = council["org"]
    plan_years_set(organisation=org, first_year="2020/21", last_year="2027/28")
    cabinet = portfolio.board_create(organisation=org, name="Cabinet")
    case = services.case_create(
        organisation=org, title="Shared services", project=council["care"], document=CASE
    )
    services.case_submit(case=case)
    services.case_approve(case=case, option="share", board=cabinet, decided_on=date(2024, 3, 1))

    result = run_option(read_any(CASE), "share")
    expected: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    where = {"people_posts": "People", "place_income": "Place"}
    for line in result.lines:
        if line.id in where:
            for year, amount in zip(result.years, line.amounts, strict=True):
                if amount:
                    expected[(year.year.start, where[line.id])] += amount
    ids = CaseTarget.objects.filter(case=case).values("target")
    targets = {
        (t.financial_year, t.directorate.name): t.amount
        for t in SavingsTarget.objects.filter(pk__in=ids).select_related("directorate")
    }
    assert targets == dict(expected)
    # the haircut is in: 5% x 80% of £4m = £160,000 full value, 25% in 2024/25, less 15%
    assert targets[(2024, "People")] == Decimal("34000.00")
    assert not any(t.line == "wellbeing" for t in CaseTarget.objects.filter(case=case))
    costs = {
        (b.financial_year, b.line): b.amount
        for b in CaseBudget.objects.filter(case=case, kind="cost")
    }
    # £300,000 phased 60/40, uplifted 10%
    assert costs == {(2024, "team"): Decimal("198000.00"), (2025, "team"): Decimal("132000.00")}
