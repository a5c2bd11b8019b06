import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from realise.cli import app

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml")
runner = CliRunner()


def all_commands(group: typer.Typer, prefix: tuple[str, ...] = ()):
    for command in group.registered_commands:
        name = command.name or command.callback.__name__.replace("_", "-")
        yield (*prefix, name)
    for sub in group.registered_groups:
        yield from all_commands(sub.typer_instance, (*prefix, sub.name))


COMMANDS = list(all_commands(app))


def test_there_are_model_commands_to_document():
    assert {("model", "run"), ("model", "check"), ("model", "compare"), ("model", "schema")} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert re.search(r"Example:\s*realise ", result.output)


def test_run_json_has_the_documented_shape_with_exact_decimal_strings():
    result = runner.invoke(app, ["model", "run", EXAMPLE, "--scenario", "s4", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    (scenario,) = data["scenarios"]
    assert (scenario["id"], scenario["level"], scenario["payback_year"]) == ("s4", "high", 2028)
    first = scenario["years"][0]
    assert first["year"] == 2025
    assert first["label"] == "2025/26"
    keys = {
        "full_year_effect",
        "part_year_effect",
        "cumulative_part_year_effect",
        "cost",
        "cumulative_cost",
        "cumulative_net",
        "fte_released",
    }
    assert keys <= set(first)
    for key in keys - {"fte_released"}:
        assert re.fullmatch(r"-?\d+\.\d{2}", first[key]), (key, first[key])
    assert Decimal(first["cumulative_net"]) == Decimal(
        first["cumulative_part_year_effect"]
    ) - Decimal(first["cumulative_cost"])
    assert re.fullmatch(r"-?\d+\.\d{2}", scenario["npv"])


def test_run_table_prints_the_seed_rows_rounded_as_the_file_says():
    result = runner.invoke(app, ["model", "run", EXAMPLE, "-s", "s4"])
    assert result.exit_code == 0, result.output
    assert re.search(r"Part-year effect.*5\.80\s.*15\.20\s.*18\.80", result.output)
    assert "Payback: 2028/29" in result.output


def test_run_csv_has_a_row_per_scenario_year(tmp_path):
    out = tmp_path / "case.csv"
    result = runner.invoke(app, ["model", "run", EXAMPLE, "--format", "csv", "--output", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert lines[0].startswith("scenario,year,label,full_year_effect")
    assert len(lines) == 1 + 4 * 5


def test_run_csv_quotes_a_scenario_id_that_starts_like_a_formula_but_not_negative_figures(
    tmp_path,
):
    case = tmp_path / "case.yaml"
    case.write_text(Path(EXAMPLE).read_text().replace("  - id: s1\n", "  - id: -s1\n"))
    out = tmp_path / "case.csv"
    result = runner.invoke(
        app, ["model", "run", str(case), "--format", "csv", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    first = out.read_text().splitlines()[1].split(",")
    assert first[0] == "'-s1"
    assert first[8] == "-16867598.50"  # cumulative net: a figure, not text


def test_check_lists_discrepancies_and_exits_1():
    result = runner.invoke(app, ["model", "check", EXAMPLE, "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert not data["clean"]
    assert any(f["figure"] == "Scenario 1: full-year effect, 2025/26" for f in data["findings"])
    assert data["summary"].endswith("by more than rounding allows.")


def test_check_exits_0_when_everything_adds_up(tmp_path):
    text = Path(EXAMPLE).read_text()
    clean = text.split("\nother_benefits:")[0] + "\n"
    path = tmp_path / "clean.yaml"
    path.write_text(clean)
    result = runner.invoke(app, ["model", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert "match the computed values" in result.output


def test_bad_file_gives_located_errors_and_exit_2_without_traceback(tmp_path):
    path = tmp_path / "dorset.yaml"
    text = Path(EXAMPLE).read_text().replace("share: 25%}", "share: 75%}", 1)
    path.write_text(text)
    result = runner.invoke(app, ["model", "run", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert re.search(
        r"dorset\.yaml:\d+ scenarios\[0\]\.releases\.customer\[2\]\.share: shares "
        r"for layer 'customer' add up to 150%",
        result.output,
    )


def test_unknown_scenario_is_a_clear_error():
    result = runner.invoke(app, ["model", "run", EXAMPLE, "--scenario", "s9"])
    assert result.exit_code == 2
    assert "no scenario 's9' (the case has: s1, s2, s3, s4)" in result.output


def test_compare_shows_every_scenario_with_payback_and_npv():
    result = runner.invoke(app, ["model", "compare", EXAMPLE])
    assert result.exit_code == 0, result.output
    for name in ("Scenario 1", "Scenario 2", "Scenario 3", "Scenario 4", "2028/29", "NPV"):
        assert name in result.output


def test_schema_is_json_schema_describing_the_top_level_keys():
    result = runner.invoke(app, ["model", "schema", "--case-format", "1"])
    schema = json.loads(result.output)
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"layers", "levels", "scenarios", "published"} <= set(schema["properties"])
