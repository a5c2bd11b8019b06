"""`realise model` on format 2 files: each option's table with its totals, the options compared,
the JSON, a format 1 file upgraded and the format 2 schema."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from realise.cli import app
from realise.finance.casefile.formats import read_any
from realise.finance.casefile.workbook_layout import WORKBOOK_FORMAT

ROOT = Path(__file__).resolve().parents[2]
SYSTEMS = ROOT / "examples" / "northshire-case-system-obc.yaml"
OPTIONS = ROOT / "examples" / "northshire-reorganisation-options.yaml"
DORSET = ROOT / "examples" / "dorset-our-future-council.yaml"
runner = CliRunner()


def test_run_prints_every_line_with_its_total_and_the_payback():
    result = runner.invoke(app, ["model", "run", str(SYSTEMS)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Implementation partner (capital, one-off)" in result.output
    assert "£420,000" in result.output  # the line's total over the years
    assert "Payback: 2032/33" in result.output
    assert "£331,321" in result.output  # NPV, shown to the pound


def test_run_as_json_gives_exact_pounds_and_pence():
    result = runner.invoke(app, ["model", "run", str(OPTIONS), "--format", "json"])
    assert result.exit_code == 0, result.output
    options = {o["id"]: o for o in json.loads(result.output)["options"]}
    assert options["a"]["payback"] == "2028/29"
    assert [y["cumulative_net"] for y in options["b"]["years"]][-1] == "2685000.00"


def test_compare_sets_the_options_against_do_nothing():
    result = runner.invoke(app, ["model", "compare", str(OPTIONS)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Option A (preferred)" in result.output
    assert "Does not pay back" not in result.output


def test_upgrade_writes_format_2_with_the_same_figures(tmp_path):
    target = tmp_path / "dorset-2.yaml"
    result = runner.invoke(app, ["model", "upgrade", str(DORSET), "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text().startswith("format: realise-business-case/2")
    again = runner.invoke(app, ["model", "compare", str(target)], terminal_width=200)
    before = runner.invoke(app, ["model", "compare", str(DORSET)], terminal_width=200)
    assert again.output == before.output  # shown exactly as the format 1 file
    refused = runner.invoke(app, ["model", "upgrade", str(target)])
    assert refused.exit_code == 2
    assert "already format 2" in refused.output


def test_the_schema_of_format_2_is_the_default():
    result = runner.invoke(app, ["model", "schema"])
    schema = json.loads(result.output)
    assert schema["properties"]["format"] == {"const": "realise-business-case/2"}
    first = json.loads(runner.invoke(app, ["model", "schema", "--case-format", "1"]).output)
    assert "scenarios" in first["properties"]
    assert read_any(SYSTEMS.read_text()).options


def test_run_writes_the_format_2_workbook_of_live_formulas(tmp_path):
    target = tmp_path / "options.xlsx"
    result = runner.invoke(
        app, ["model", "run", str(OPTIONS), "--format", "xlsx", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Summary", "Inputs", "1. Do nothing", "2. Option A", "3. Option B"]
    assert book["Inputs"]["B3"].value == WORKBOOK_FORMAT
    option_a = book["2. Option A"]
    formulas = [c.value for row in option_a.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(f.startswith("=ROUND(") for f in formulas)  # figures are formulas, not values


def test_the_workbook_keeps_what_its_tables_cannot_show(tmp_path):
    upgraded, target = tmp_path / "dorset.yaml", tmp_path / "dorset.xlsx"
    result = runner.invoke(app, ["model", "upgrade", str(DORSET), "--output", str(upgraded)])
    assert result.exit_code == 0, result.output
    # On the Green Book schedule, the case says what format 1 cannot: format 2's workbook.
    text = upgraded.read_text().replace("discount_rate: 3.5%", "discount_rate: green_book")
    upgraded.write_text(text)
    result = runner.invoke(
        app, ["model", "run", str(upgraded), "--format", "xlsx", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    assert book["Inputs"]["B3"].value == WORKBOOK_FORMAT
    kept = "\n".join(
        str(row[0]) for row in book["Other sections"].iter_rows(min_row=4, values_only=True)
    )
    for section in ("layers:", "levels:", "published:", "other_benefits:", "releases:"):
        assert section in kept
    released = [row[0] for row in book["4. Scenario 4"].iter_rows(values_only=True) if row[0]]
    assert any("released on dates" in str(label) for label in released)
