"""`realise model` prints every figure whole, writes only where it can, and answers a bad file
with located messages and a non-zero exit, never a traceback."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from realise.cli import app
from tests.unit.test_casefile_refusals import GOOD

runner = CliRunner()

TEN_YEARS = (
    GOOD.replace("years: 2", "years: 10")
    .replace("baseline_cost: 1000000,", "baseline_cost: 99000000,")
    .replace("{percent: 10%}", "{percent: 21.0373737%}")
    .replace("2025-09-30, share: 75%", "2025-10-17, share: 75%")
    + "presentation: {unit: £, places: 2}\n"
)


def _figures(text: str) -> set[str]:
    return set(re.findall(r"−?\d{1,3}(?:,\d{3})+\.\d\d", text))


def _expected(case: Path) -> set[str]:
    """Every money figure of the case as the table prints it in pounds, from the JSON output."""
    result = runner.invoke(app, ["model", "run", str(case), "-f", "json"])
    figures = set()
    for year in json.loads(result.output)["scenarios"][0]["years"]:
        for key in ("full_year_effect", "part_year_effect", "cumulative_net"):
            figures.add(f"{Decimal(year[key]):,.2f}".replace("-", "−"))
    return figures


@pytest.mark.parametrize("width", ["80", "200"])
def test_a_ten_year_table_in_pounds_keeps_every_digit_on_screen(tmp_path, width):
    case = tmp_path / "ten.yaml"
    case.write_text(TEN_YEARS)
    result = runner.invoke(app, ["model", "run", str(case)], env={"COLUMNS": width})
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    expected = _expected(case)
    assert "191,885,921.01" in expected  # eleven digits and pence: the widest figure
    assert expected <= _figures(result.output), expected - _figures(result.output)


def test_a_ten_year_table_written_to_a_file_keeps_every_digit(tmp_path):
    case = tmp_path / "ten.yaml"
    case.write_text(TEN_YEARS)
    out = tmp_path / "ten.txt"
    result = runner.invoke(app, ["model", "run", str(case), "--output", str(out)])
    assert result.exit_code == 0, result.output
    written = out.read_text()
    assert "…" not in written
    assert _expected(case) <= _figures(written)


def test_compare_keeps_every_digit_in_a_narrow_terminal(tmp_path):
    case = tmp_path / "ten.yaml"
    case.write_text(TEN_YEARS)
    result = runner.invoke(app, ["model", "compare", str(case)], env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.output
    assert "…" not in result.output


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "xlsx"])
def test_output_into_a_missing_folder_is_a_plain_message(tmp_path, fmt):
    case = tmp_path / "case.yaml"
    case.write_text(GOOD)
    target = tmp_path / "no" / "such" / f"out.{fmt}"
    result = runner.invoke(app, ["model", "run", str(case), "-f", fmt, "--output", str(target)])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert f"Cannot write {target}: the folder {target.parent} does not exist" in " ".join(
        result.output.split()
    )


def test_output_onto_a_folder_is_a_plain_message(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text(GOOD)
    result = runner.invoke(
        app, ["model", "run", str(case), "-f", "json", "--output", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "it is a folder; give a file name" in result.output


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("2025-09-30", "2025-02-30"), "case.yaml:18"),
        (("2025-09-30", "2025-09-30 10:00:00"), "case.yaml:18 scenarios[0].releases"),
        (("share: 75%", "share: .nan"), "case.yaml:18"),
        (("share: 75%", "share: nan%"), "case.yaml:18 scenarios[0].releases"),
        (("levels:\n", "loop: &a [1, *a]\nlevels:\n"), "case.yaml:8"),
        (("baseline_cost: 1000000", "baseline_cost: 1" + "0" * 26), "case.yaml:6 layers[0]"),
        (("0.05m", "100000000000000000000m"), "case.yaml:21 scenarios[0].costs"),
        (("title: Test", "title: Te\x07st"), "case.yaml:2"),
    ],
)
@pytest.mark.parametrize("command", ["run", "check", "compare"])
def test_impossible_values_exit_2_with_the_place_and_no_traceback(tmp_path, change, where, command):
    case = tmp_path / "case.yaml"
    case.write_text(GOOD.replace(*change))
    result = runner.invoke(app, ["model", command, str(case)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert where in result.output


def test_the_messages_name_the_file_as_given(tmp_path):
    case = Path(tmp_path / "case.yaml")
    case.write_text(GOOD.replace("    costs:\n", "    cost:\n"))
    result = runner.invoke(app, ["model", "run", str(case)])
    assert result.exit_code == 2
    assert "case.yaml:20 scenarios[0].cost: unknown key 'cost'; did you mean 'costs'?" in (
        result.output
    )
