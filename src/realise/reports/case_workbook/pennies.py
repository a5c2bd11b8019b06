"""Where a spreadsheet cannot follow the engine to the penny, and the note that says so."""

from __future__ import annotations

from decimal import Decimal

from realise.finance.model import BusinessCase
from realise.finance.money import format_money
from realise.finance.profile import ratio, round_half_up, to_pence
from realise.reports.case_workbook.cells import _put, _Sheet
from realise.reports.case_workbook.layout import _ROW_CAUTION, _T_FIRST, _ScenarioInputs

_SPREADSHEET_DIGITS = 15  # significant digits Excel and LibreOffice keep and round at


def _near_a_half_penny(numerator: int, denominator: int) -> bool:
    """Whether ``numerator / denominator`` pence lies so close to a half penny, without being
    one, that a spreadsheet may round it the other way than the engine.

    The engine rounds the exact value half up. A spreadsheet holds about 15 significant digits
    and rounds on them, so a value with more digits that sits within the last of them of a half
    penny (the cumulative allocation of a 28-digit 1/3 + 1/2 share, 4e-22 pence below one) is
    taken for the half and rounded up. An exact half, or a value of at most 15 significant
    digits, comes out as the engine's (tested in LibreOffice). The margin is ten units of the
    15th digit, well beyond the spreadsheet's own error.
    """
    n, d = abs(numerator), denominator
    if n == 0:
        return False
    twice_off_half = abs(2 * (n % d) - d)  # |value - (whole pence + 1/2)| x 2d
    if twice_off_half == 0:
        return False
    exponent = len(str(n)) - len(str(d))  # floor(log10(value)), or one more
    if (n < d * 10**exponent) if exponent >= 0 else (n * 10**-exponent < d):
        exponent -= 1
    shift = exponent - (_SPREADSHEET_DIGITS - 1)  # the 15th digit is worth 10**shift pence
    if shift >= 0:
        fits = n % (d * 10**shift) == 0
        near = twice_off_half < 20 * d * 10**shift
    else:
        fits = (n * 10**-shift) % d == 0
        near = twice_off_half * 10**-shift < 20 * d
    return near and not fits


def _penny_cautions(case: BusinessCase, block: _ScenarioInputs) -> list[tuple[int, Decimal]]:
    """(sheet row, Realise's annual value) of every tranche whose annual value the spreadsheet
    may put a penny away from the engine's, its cumulative allocation or the one before it being
    ``_near_a_half_penny``. The arithmetic is ``profile.allocate_pence``, step by step.

    Part-year effects need no such check: annual value x a share of the year whose denominator
    is at most 372 is a half penny exactly or at least 1/744 of a penny away from one, which 15
    significant digits resolve for any annual value under £10bn.
    """
    level = case.level(block.scenario.level)
    flagged: dict[int, int] = {}
    offset = 0
    for layer_id, tranches in block.scenario.releases.items():
        saving = level.savings.get(layer_id)
        total = to_pence(saving.amount) if saving else 0
        running = Decimal(0)
        previous = 0
        carried = False  # the previous cumulative allocation was in doubt
        for tranche in tranches:
            row = _T_FIRST + offset
            offset += 1
            running += tranche.share
            numerator, denominator = ratio(running)
            cumulative = round_half_up(total * numerator, denominator)
            annual, previous = cumulative - previous, cumulative
            in_doubt = _near_a_half_penny(total * numerator, denominator)
            if in_doubt or carried:  # this cumulative allocation or the one before
                flagged[row] = annual
            carried = in_doubt
    return [(row, Decimal(annual).scaleb(-2)) for row, annual in sorted(flagged.items())]


def _write_caution(ws: _Sheet, cautions: list[tuple[int, Decimal]]) -> None:
    if not cautions:
        return
    rows = ", ".join(str(row) for row, _ in cautions)
    values = "; ".join(f"row {row} {format_money(annual, places=2)}" for row, annual in cautions)
    _put(
        ws,
        _ROW_CAUTION,
        1,
        f"A penny to check, tranche rows {rows}: a share there has more digits than a "
        "spreadsheet keeps, and an amount falls within a hair of a half penny, so this sheet "
        f"may show £0.01 more or less than Realise. Realise's annual values: {values}.",
        kind="note",
    )
