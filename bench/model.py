"""Benchmark: the business-case engine on a large case, and the same case through the workbook.

A case of 10,000 benefit lines (layers) x 10 financial years x 4 scenarios; each scenario
releases every layer in one to three tranches on dates spread over the years, with one-off costs
in three categories. Measures:

- the best of several runs of ``run_scenario`` for all four scenarios (``time.perf_counter``),
  against a target of 0.5 s;
- peak memory: traced Python allocations during one run (``tracemalloc``) and the process's
  maximum resident set size (``resource.getrusage``);
- where LibreOffice is installed, the time to a recalculated answer through the exported
  workbook: write the ``.xlsx`` with live formulas, recalculate it in headless LibreOffice and
  read the four NPVs back, checked against the engine (``--write-only``: just write the
  ``.xlsx``, with its CPU time and size, without LibreOffice).

Prints the results and exits 1 if the engine misses the target. Example:

    .venv/bin/python bench/model.py                  # full size, with the workbook
    .venv/bin/python bench/model.py --no-workbook    # engine only
    .venv/bin/python bench/model.py --write-only     # engine, then only writing the workbook
    .venv/bin/python bench/model.py --profile        # where the engine's time goes
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl

from realise.finance.calendar import FinancialYear
from realise.finance.model import (
    BusinessCase,
    Layer,
    LayerSaving,
    SavingsLevel,
    Scenario,
    Tranche,
    validate,
)
from realise.finance.scenario import ScenarioResult, run_scenario
from realise.reports.case_workbook import write_case_workbook
from realise.reports.libreoffice import find_soffice, recalculate

TARGET_SECONDS = 0.5
SHARE_SPLITS = ((Decimal(1),), (Decimal("0.4"), Decimal("0.6")), (Decimal(1) / 3,) * 3)


def build_case(layers: int, years: int, scenarios: int, seed: int = 2025) -> BusinessCase:
    """A valid case of the given size, the same for a given seed."""
    rng = random.Random(seed)
    first = FinancialYear(2025)
    span = (first + (years - 1)).last_day - first.first_day
    layer_list = []
    savings = {}
    for i in range(layers):
        baseline = Decimal(rng.randint(100_000_00, 5_000_000_00)) / 100
        fte = Decimal(rng.randint(5, 200))
        layer_list.append(Layer(f"L{i:05d}", f"Benefit line {i}", baseline, fte))
        percent = Decimal(rng.randint(1, 30))
        amount = (baseline * percent / 100).quantize(Decimal("0.01"))
        savings[f"L{i:05d}"] = LayerSaving(amount, (fte * percent / 100), percent)
    level = SavingsLevel("medium", "Medium", savings)
    built = []
    for s in range(scenarios):
        releases = {}
        for layer in layer_list:
            shares = rng.choice(SHARE_SPLITS)
            days = sorted(rng.randint(0, span.days) for _ in shares)
            releases[layer.id] = tuple(
                Tranche(first.first_day + timedelta(days=d), share)
                for d, share in zip(days, shares, strict=True)
            )
        costs = {
            category: {
                year: Decimal(rng.randint(0, 2_000_000_00)) / 100
                for year in (first + k for k in range(years))
                if rng.random() < 0.5
            }
            for category in ("technology", "redundancy", "programme team")
        }
        built.append(Scenario(f"s{s + 1}", f"Scenario {s + 1}", "medium", releases, costs))
    return BusinessCase(
        "Bench Council", "Benchmark case", first, years, tuple(layer_list), (level,), tuple(built)
    )


def time_validate(case: BusinessCase) -> float:
    """``model.validate`` on the case (it must be valid for ``run_scenario``)."""
    start = time.perf_counter()
    problems = validate(case)
    elapsed = time.perf_counter() - start
    if problems:
        raise SystemExit(f"the generated case is not valid: {problems[:3]}")
    return elapsed


def run_all(case: BusinessCase) -> list[ScenarioResult]:
    return [run_scenario(case, scenario) for scenario in case.scenarios]


def time_engine(case: BusinessCase, repeats: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run_all(case)
        times.append(time.perf_counter() - start)
    return min(times), times


def traced_peak(case: BusinessCase) -> int:
    tracemalloc.start()
    run_all(case)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def max_rss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return rss / 1024


def time_workbook(case: BusinessCase, results: list[ScenarioResult]) -> dict[str, float]:
    """Write, recalculate in LibreOffice and read the NPVs back; check them against the engine."""
    with tempfile.TemporaryDirectory(prefix="realise-bench-") as tmp:
        source = Path(tmp) / "case.xlsx"
        start = time.perf_counter()
        write_case_workbook(case, source)
        written = time.perf_counter()
        recalculated = recalculate(source, Path(tmp) / "out", timeout=3600)
        recalculated_at = time.perf_counter()
        book = openpyxl.load_workbook(recalculated, data_only=True, read_only=True)
        npvs = [book.worksheets[2 + i]["B20"].value for i in range(len(results))]
        read = time.perf_counter()
        size = source.stat().st_size
    for result, npv in zip(results, npvs, strict=True):
        if npv is None or abs(Decimal(str(npv)) - result.npv) > Decimal("0.000001"):
            raise SystemExit(f"workbook NPV {npv!r} != engine {result.npv} ({result.scenario.id})")
    return {
        "write": written - start,
        "recalculate": recalculated_at - written,
        "read": read - recalculated_at,
        "total": read - start,
        "size_mib": size / 2**20,
    }


def time_write(case: BusinessCase) -> dict[str, float]:
    """Write the ``.xlsx`` only: wall and CPU time, size."""
    with tempfile.TemporaryDirectory(prefix="realise-bench-") as tmp:
        source = Path(tmp) / "case.xlsx"
        start, cpu = time.perf_counter(), time.process_time()
        write_case_workbook(case, source)
        return {
            "write": time.perf_counter() - start,
            "cpu": time.process_time() - cpu,
            "size_mib": source.stat().st_size / 2**20,
        }


def profile(case: BusinessCase) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    run_all(case)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--layers", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--scenarios", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-workbook", action="store_true", help="skip the LibreOffice timing")
    parser.add_argument(
        "--write-only", action="store_true", help="time writing the workbook, not recalculating it"
    )
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one run")
    args = parser.parse_args()

    build_start = time.perf_counter()
    case = build_case(args.layers, args.years, args.scenarios)
    tranches = sum(len(t) for s in case.scenarios for t in s.releases.values())
    print(
        f"case: {args.layers:,} layers x {args.years} years x {args.scenarios} scenarios "
        f"({tranches:,} tranches), built in {time.perf_counter() - build_start:.2f} s"
    )
    print(f"model.validate: {time_validate(case):.2f} s")
    best, times = time_engine(case, args.repeats)
    print(
        f"engine, all scenarios: best {best:.3f} s of {args.repeats} "
        f"({', '.join(f'{t:.3f}' for t in times)}); target {TARGET_SECONDS} s"
    )
    print(f"peak traced allocations during one run: {traced_peak(case) / 2**20:.1f} MiB")
    print(f"process max RSS so far: {max_rss_mib():.1f} MiB")
    if args.profile:
        profile(case)
    if args.write_only and not args.no_workbook:
        w = time_write(case)
        print(
            f"workbook: write {w['write']:.1f} s (CPU {w['cpu']:.1f} s, {w['size_mib']:.1f} MiB); "
            f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
        print(f"process max RSS after the workbook: {max_rss_mib():.1f} MiB")
    elif not args.no_workbook:
        if find_soffice() is None:
            print("workbook: skipped (install libreoffice-calc-nogui to time the recalculation)")
        else:
            w = time_workbook(case, run_all(case))
            print(
                f"workbook: write {w['write']:.1f} s ({w['size_mib']:.1f} MiB), LibreOffice "
                f"recalculate {w['recalculate']:.1f} s, read {w['read']:.1f} s; "
                f"total {w['total']:.1f} s = {w['total'] / best:,.0f} x the engine; "
                "NPVs match the engine to the penny"
            )
            print(f"process max RSS after the workbook: {max_rss_mib():.1f} MiB")
    if best > TARGET_SECONDS:
        print(f"FAIL: the engine took {best:.3f} s, over the {TARGET_SECONDS} s target")
        return 1
    print("OK: within target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
