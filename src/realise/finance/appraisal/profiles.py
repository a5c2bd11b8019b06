"""How a line's profile falls across the years, in whole pence: each year's amount rounded once,
half up; a phased total split so that its years add up to the total exactly."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from realise.finance.appraisal.model import (
    Amounts,
    Annual,
    Appraisal,
    FullValue,
    Phased,
    Ramp,
    Staged,
)
from realise.finance.calendar import FinancialYear
from realise.finance.profile import allocate_pence, pounds, ratio, round_half_up, to_pence


def full_value_pence(value: FullValue, appraisal: Appraisal | None) -> int:
    """A benefit's full annual value in pence: an amount, or a share of a named baseline (its
    percent, then its retention, rounded once)."""
    if isinstance(value, Decimal):
        return to_pence(value)
    if appraisal is None:
        raise ValueError("a share of a baseline needs the case that names the baseline")
    amount = appraisal.baseline(value.baseline).amount * value.percent * value.retention
    return to_pence(amount)


def spread(
    profile: object, years: Sequence[FinancialYear], appraisal: Appraisal | None = None
) -> list[int]:
    """A profile's pence in each of ``years``."""
    if isinstance(profile, Amounts):
        return [to_pence(profile.by_year.get(year, Decimal(0))) for year in years]
    if isinstance(profile, Annual):
        last = profile.last or years[-1]
        each = to_pence(profile.amount)
        return [each if profile.first <= year <= last else 0 for year in years]
    if isinstance(profile, Phased):
        listed = sorted(profile.shares)
        parts = dict(
            zip(
                listed,
                allocate_pence(to_pence(profile.total), [profile.shares[y] for y in listed]),
                strict=True,
            )
        )
        return [parts.get(year, 0) for year in years]
    if isinstance(profile, Ramp | Staged):
        full = full_value_pence(profile.full_value, appraisal)
        return [round_half_up(*times(full, share)) for share in _shares(profile, years)]
    raise TypeError(f"not a profile: {profile!r}")


def _shares(profile: Ramp | Staged, years: Sequence[FinancialYear]) -> list[Decimal]:
    """The share of the full value earned in each year: a ramp's listed share (later years keep
    the last one), or a staged profile's running total."""
    out: list[Decimal] = []
    current = Decimal(0)
    for year in years:
        if isinstance(profile, Ramp):
            if year in profile.shares:
                current = profile.shares[year]
            elif year < min(profile.shares, default=year):
                current = Decimal(0)
        else:
            current += profile.shares.get(year, Decimal(0))
        out.append(current)
    return out


def times(pence: int, share: Decimal) -> tuple[int, int]:
    """``pence`` x ``share`` as an exact fraction (numerator, denominator)."""
    numerator, denominator = ratio(share)
    return pence * numerator, denominator


def in_pounds(values: Iterable[int]) -> tuple[Decimal, ...]:
    return tuple(pounds(v) for v in values)
