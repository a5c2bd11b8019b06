"""Benchmark: a large format 2 case written as its workbook of live formulas, timed, with the
file's size and the peak memory.

Builds an option appraisal of ``--options`` options (the first is do-nothing) with ``--lines``
lines each over ``--years`` years: a third amounts by year, a third phased totals, a sixth
ramps of a share of a baseline, a sixth annual amounts; costs, offsets and benefits in turn.
Writes it with ``write_appraisal_workbook`` and prints the time, the file's size and the
process's peak resident memory. Example:

    .venv/bin/python bench/appraisal_workbook.py              # 3 options x 2,000 lines x 10 years
    .venv/bin/python bench/appraisal_workbook.py --lines 200  # smaller
"""

from __future__ import annotations

import argparse
import io
import resource
import time
from decimal import Decimal

from realise.finance.appraisal.model import (
    Amounts,
    Annual,
    Appraisal,
    Baseline,
    BenefitLine,
    CostKind,
    CostLine,
    Offset,
    Option,
    PercentOf,
    Phased,
    Ramp,
)
from realise.finance.calendar import FinancialYear, years_from
from realise.reports.case_workbook.appraisal import write_appraisal_workbook


def build(options: int, lines: int, years: int) -> Appraisal:
    first = FinancialYear(2026)
    span = years_from(first, years)
    baselines = (Baseline("spend", "Addressable spend", Decimal("250000000")),)
    built = []
    for o in range(options):
        costs, offsets, benefits = [], [], []
        for n in range(lines):
            kind = n % 6
            if kind in (0, 1):
                amounts = {y: Decimal(1000 + 37 * n + 11 * i) for i, y in enumerate(span)}
                profile: object = Amounts(amounts)
            elif kind in (2, 3):
                shares = {span[0]: Decimal("0.3"), span[1]: Decimal("0.5"), span[2]: Decimal("0.2")}
                profile = Phased(Decimal(50000 + n), shares)
            elif kind == 4:
                ramp = {span[0]: Decimal("0.3333"), span[1]: Decimal("0.6667"), span[2]: Decimal(1)}
                profile = Ramp(PercentOf("spend", Decimal("0.0001"), Decimal("0.75")), ramp)
            else:
                profile = Annual(Decimal(900 + n), span[1])
            line_id = f"l{n}"
            if isinstance(profile, Ramp) or n % 3 == 2:
                if isinstance(profile, Phased):
                    profile = Amounts({y: Decimal(700 + n) for y in span})
                benefits.append(BenefitLine(line_id, f"Benefit {n}", profile))  # type: ignore[arg-type]
            elif n % 3 == 1 and isinstance(profile, Amounts | Annual):
                offsets.append(Offset(line_id, f"Offset {n}", profile))
            else:
                costs.append(CostLine(line_id, f"Cost {n}", profile, CostKind.REVENUE))  # type: ignore[arg-type]
        built.append(
            Option(
                f"o{o}",
                f"Option {o}",
                do_nothing=o == 0,
                preferred=o == 1,
                costs=tuple(costs) if o else (),
                offsets=tuple(offsets) if o else (),
                benefits=tuple(benefits) if o else (),
            )
        )
    return Appraisal(
        "Benchshire Council", "A large appraisal", first, years, tuple(built), baselines
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--options", type=int, default=3)
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    case = build(args.options, args.lines, args.years)
    stream = io.BytesIO()
    started = time.perf_counter()
    write_appraisal_workbook(case, stream)
    wrote = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = sum(len(o.costs) + len(o.offsets) + len(o.benefits) for o in case.options)
    print(f"{args.options} options, {lines:,} lines, {args.years} years")
    print(
        f"write: {wrote:.2f} s, {len(stream.getvalue()) / 2**20:.1f} MiB, peak RSS {peak:.0f} MiB"
    )


if __name__ == "__main__":
    main()
