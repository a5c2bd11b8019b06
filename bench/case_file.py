"""Benchmark: a large business-case file from disk to a printed result, through the command line.

Writes the case ``bench/model.py`` builds (10,000 benefit lines (layers) x 10 financial years x
4 scenarios, 1 to 3 release tranches a layer, costs in three categories) as a business-case YAML
file, then times each ``realise model`` command on it in a fresh process, as a user runs it:
Python starting, reading and checking the file, computing every scenario and printing. For each
it gives the wall time and the process's peak memory (maximum resident set size), against a
target of 3 s each. It checks that ``run --format json`` gives the same NPVs as the engine on
the case built in memory, so the file says what the case says.

Such a case is larger than a deployment's default limits allow (512 KB, 100,000 values): the
script raises them for the commands it runs (``REALISE_CASE_UPLOAD_LIMIT``,
``REALISE_CASE_MAX_VALUES``), as a deployment expecting cases this large would.

Prints the results and exits 1 if a command misses the target. Example:

    .venv/bin/python bench/case_file.py                  # full size
    .venv/bin/python bench/case_file.py --layers 1000    # smaller
    .venv/bin/python bench/case_file.py --keep case.yaml # also keep the file written
    .venv/bin/python bench/case_file.py --src ../other/src  # another checkout's command line
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
model_bench = __import__("model")  # bench/model.py: the same case

from realise.finance.model import BusinessCase  # noqa: E402
from realise.finance.scenario import run_case  # noqa: E402

TARGET_SECONDS = 3.0
PEAK = "PEAK-RSS-KIB"
COMMANDS = (
    ("run", ("run",)),
    ("run --format json", ("run", "--format", "json")),
    ("compare", ("compare",)),
    ("check", ("check",)),
)


def _percent(fraction: Decimal) -> str:
    return f"{(fraction * 100).normalize():f}%"


def case_yaml(case: BusinessCase) -> str:
    """The case as a business-case file (``docs/formats/business-case.md``)."""
    lines = [
        f"organisation: {case.organisation}",
        f"title: {case.title}",
        f"first_year: {case.first_year.label}",
        f"years: {case.year_count}",
        "layers:",
    ]
    for layer in case.layers:
        lines.append(
            f"  - {{id: {layer.id}, name: {layer.name}, baseline_cost: {layer.baseline_cost:f}, "
            f"baseline_fte: {layer.baseline_fte:f}}}"
        )
    lines.append("levels:")
    for level in case.levels:
        lines += [f"  - id: {level.id}", f"    name: {level.name}", "    layers:"]
        for layer_id, saving in level.savings.items():
            lines.append(f"      {layer_id}: {{amount: {saving.amount:f}, fte: {saving.fte:f}}}")
    lines.append("scenarios:")
    for scenario in case.scenarios:
        lines += [
            f"  - id: {scenario.id}",
            f"    name: {scenario.name}",
            f"    level: {scenario.level}",
            "    releases:",
        ]
        for layer_id, tranches in scenario.releases.items():
            lines.append(f"      {layer_id}:")
            for t in tranches:
                lines.append(f"        - {{date: {t.released_on}, share: {_percent(t.share)}}}")
        lines.append("    costs:")
        for category, by_year in scenario.costs.items():
            amounts = ", ".join(f"{year.label}: {amount:f}" for year, amount in by_year.items())
            lines.append(f"      {category}: {{{amounts}}}")
    return "\n".join(lines) + "\n"


def time_command(path: Path, args: tuple[str, ...], env: dict[str, str]) -> dict[str, object]:
    """One ``realise model`` command in a fresh process: wall time, peak RSS, exit code, output.

    The process reports its own peak (``ru_maxrss``) on the way out, after the command ends."""
    code = (
        "import atexit, resource, sys\n"
        "def report():\n"
        "    use = resource.getrusage(resource.RUSAGE_SELF)\n"
        "    cpu = use.ru_utime + use.ru_stime\n"
        "    sys.stderr.write(f'\\n{PEAK} {use.ru_maxrss} {cpu}\\n')\n"
        "atexit.register(report)\n"
        "from realise.cli import main\n"
        "main()\n"
    ).replace("{PEAK}", PEAK)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, "model", args[0], str(path), *args[1:]],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - start
    stderr, _, peak = done.stderr.rpartition(f"\n{PEAK} ")
    kib, cpu = peak.split() if peak else ("0", "0")
    return {
        "seconds": elapsed,
        "cpu": float(cpu),
        "rss_mib": int(kib) / 1024,  # KiB on Linux
        "code": done.returncode,
        "stdout": done.stdout,
        "stderr": stderr,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--layers", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--scenarios", type=int, default=4)
    parser.add_argument("--keep", type=Path, help="also copy the case file written here")
    parser.add_argument(
        "--src",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "src",
        help="the Realise source whose command line to time (another checkout's, to compare)",
    )
    args = parser.parse_args()

    case = model_bench.build_case(args.layers, args.years, args.scenarios)
    text = case_yaml(case)
    tmp = Path(tempfile.mkdtemp(prefix="realise-bench-case-"))
    path = tmp / "large-case.yaml"
    path.write_text(text, encoding="utf-8")
    if args.keep:
        shutil.copyfile(path, args.keep)
    size = path.stat().st_size
    print(
        f"case file: {args.layers:,} layers x {args.years} years x {args.scenarios} scenarios, "
        f"{size / 2**20:.1f} MiB, {text.count(chr(10)):,} lines"
    )
    env = dict(os.environ)
    env["REALISE_CASE_UPLOAD_LIMIT"] = str(max(size + 1, 512 * 1024))
    env["REALISE_CASE_MAX_VALUES"] = str(10_000_000)
    env["PYTHONPATH"] = str(args.src.resolve())

    expected = {r.scenario.id: f"{r.npv:f}" for r in run_case(case)}
    print(f"load average before: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    failed = False
    for name, command in COMMANDS:
        result = time_command(path, command, env)
        ok_code = result["code"] in (0, 1) if name == "check" else result["code"] == 0
        if not ok_code:
            print(f"{name}: exit {result['code']}\n{str(result['stderr'])[-2000:]}")
            failed = True
            continue
        shown = f"{float(result['rss_mib']):,.0f} MiB"  # type: ignore[arg-type]
        seconds = float(result["seconds"])  # type: ignore[arg-type]
        verdict = "ok" if seconds <= TARGET_SECONDS else f"OVER the {TARGET_SECONDS} s target"
        cpu = float(result["cpu"])  # type: ignore[arg-type]
        timing = f"{seconds:.2f} s (CPU {cpu:.2f} s), peak RSS {shown}"
        print(f"realise model {name}: {timing}: {verdict}")
        failed |= seconds > TARGET_SECONDS
        if name == "run --format json":
            got = {s["id"]: s["npv"] for s in json.loads(str(result["stdout"]))["scenarios"]}
            if got != expected:
                print(f"FAIL: NPVs from the file {got} differ from the engine's {expected}")
                failed = True
            else:
                print("  the NPVs read from the file equal the engine's on the case in memory")
    shutil.rmtree(tmp)
    if failed:
        print("FAIL")
        return 1
    print("OK: every command within target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
