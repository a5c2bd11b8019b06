"""The checks of a re-forecast that need the plan in force: the case has an approved version,
and the year is one of its years (``services.case_reforecast`` writes it)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from realise.cases.models import Case
from realise.cases.tracking import Plan, case_plan
from realise.core.years import financial_year_from
from realise.finance.calendar import FinancialYear
from realise.finance.casefile import CaseFileError


def plan_in_force(case: Case) -> Plan:
    try:
        plan = case_plan(case=case)
    except CaseFileError as error:
        raise ValidationError({"case": [str(p) for p in error.problems]}) from None
    if plan is None:
        raise ValidationError(
            {"case": f"“{case}” has no approved version: there is no plan to re-forecast"}
        )
    return plan


def year_of(plan: Plan, year: object) -> int:
    try:
        start = financial_year_from(year)
    except ValidationError as error:
        raise ValidationError({"year": error.messages}) from None
    if FinancialYear(start) not in plan.years:
        first, last = plan.years[0].label, plan.years[-1].label
        raise ValidationError(
            {
                "year": f"{FinancialYear(start).label} is not one of the case's years: choose "
                f"one from {first} to {last}"
            }
        )
    return start
