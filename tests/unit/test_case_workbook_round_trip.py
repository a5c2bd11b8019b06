"""A format 2 case written as its workbook (``write_appraisal_workbook``) reads back as the same
case (``read_case_workbook``): every example, every editor starter, Dorset's format 1 case
upgraded (its layers, levels, releases, published figures and presentation go by the Other
sections sheet) and a case reaching every profile. The workbook is read as openpyxl and as
python-calamine (what an upload is read with) give its cells. The ODS round trip, through
LibreOffice, is tests/integration/test_case_workbook_libreoffice_round_trip.py."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from realise.finance.appraisal.engine import run_appraisal
from realise.finance.appraisal.model import Appraisal
from realise.finance.casefile.format2 import parse_appraisal
from realise.finance.casefile.formats import file_data, upgrade_text
from realise.finance.casefile.workbook_layout import INPUTS, OTHER
from realise.finance.casefile.workbook_reader import read_case_workbook
from realise.reports.case_workbook.appraisal import other_sections, write_appraisal_workbook

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
STARTERS = ROOT / "src" / "realise" / "cases" / "starters"

EVERY_PROFILE = """\
format: realise-business-case/2
organisation: Testshire Council
title: Every profile
start_year: 2025/26
years: 12
discount_rate: 4.25%
optimism_bias: {costs: 12.5%, benefits: 7.25%}
baselines:
- {id: spend, name: Spend, amount: 1234567.89, fte: 12.5, directorate: Resources}
options:
- id: nothing
  name: Do nothing
  description: Carry on as now
  do_nothing: true
  costs:
  - {id: upkeep, name: Upkeep, kind: revenue, recurrence: recurring, annual: 1000.01, from: 2026/27, to: 2030/31}
- id: build
  name: Build it
  preferred: true
  optimism_bias: {costs: 33.33%, benefits: 0%}
  costs:
  - {id: kit, name: Kit, kind: capital, amounts: {2025/26: 100000.01, 2026/27: 2500}}
  - {id: team, name: Team, kind: revenue, total: 99999.99, phasing: {2025/26: 33.33%, 2026/27: 33.33%, 2027/28: 33.34%}}
  - {id: loose, name: "=Not a formula", amounts: {2027/28: 0.07}}
  offsets:
  - {id: old, name: Old budget, annual: 12000, from: 2027/28}
  - {id: lease, name: Lease, amounts: {2029/30: 350}}
  benefits:
  - {id: ramped, name: Ramped, type: cashable, directorate: Resources, full_value: 45748.57, ramp: {2026/27: 33.3333%, 2027/28: 66.6667%, 2028/29: 100%}}
  - {id: share, name: Share, type: income, baseline: spend, percent: 10%, retention: 75%, phasing: {2026/27: 10%, 2027/28: 40%, 2028/29: 40%, 2029/30: 10%}}
  - {id: whole, name: Whole share, type: non_cashable, baseline: spend, percent: 2.5%, ramp: {2026/27: 50%, 2027/28: 100%}}
  - {id: avoided, name: Avoided, type: cost_avoidance, amounts: {2027/28: 5000, 2030/31: 7000.5}}
  - {id: small, name: Small, type: non_cashable, annual: 100, from: 2025/26}
"""  # noqa: E501


def _cases() -> dict[str, tuple[str, Appraisal]]:
    """Each case's format 2 text and the case it reads as."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("northshire-*"))}
    texts |= {f"starter-{p.stem}": p.read_text(encoding="utf-8") for p in STARTERS.glob("*.yaml")}
    dorset = (EXAMPLES / "dorset-our-future-council.yaml").read_text(encoding="utf-8")
    texts["dorset-upgraded"] = upgrade_text(dorset)
    texts["every-profile"] = EVERY_PROFILE
    return {name: (text, parse_appraisal(text)) for name, text in texts.items()}


CASES = _cases()


def _written(name: str) -> bytes:
    text, case = CASES[name]
    stream = io.BytesIO()
    write_appraisal_workbook(case, stream, document=file_data(text))
    return stream.getvalue()


def _by_openpyxl(data: bytes) -> dict[str, list[list[Any]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book}


def _by_calamine(data: bytes) -> dict[str, list[list[Any]]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {
        name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for name in book.sheet_names
        if name in (INPUTS, OTHER)
    }


def _lines_dropped(value: Any) -> Any:
    """``value`` without the file lines a published figure remembers (a figure read from the
    workbook's text sits on another line of its file than in the original)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: None if f.name == "line" else _lines_dropped(getattr(value, f.name))
            for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple | list):
        return type(value)(_lines_dropped(v) for v in value)
    if isinstance(value, dict):
        return {k: _lines_dropped(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("sheets_of", [_by_openpyxl, _by_calamine], ids=["openpyxl", "calamine"])
def test_a_case_written_as_its_workbook_reads_back_as_the_same_case(name, sheets_of) -> None:
    _, case = CASES[name]
    text = read_case_workbook(sheets_of(_written(name)), source=f"{name}.xlsx")
    read = parse_appraisal(text)
    assert _lines_dropped(read) == _lines_dropped(case)
    assert run_appraisal(read) == run_appraisal(case)


def test_the_round_trip_reaches_the_other_sections_and_every_profile() -> None:
    """The cases above are worth round-tripping: Dorset's has an Other sections sheet, and the
    made-up case has a line of every profile and a name that starts like a formula."""
    assert OTHER in _by_openpyxl(_written("dorset-upgraded"))
    assert CASES["dorset-upgraded"][1].published
    build = CASES["every-profile"][1].options[1]
    kinds = {
        type(line.profile).__name__ for line in (*build.costs, *build.offsets, *build.benefits)
    }
    assert kinds == {"Amounts", "Annual", "Phased", "Ramp", "Staged"}


def test_an_options_savings_level_is_kept_even_with_no_releases() -> None:
    text, case = CASES["dorset-upgraded"]
    document = file_data(text)
    first = document["options"][0]
    first.pop("releases")
    kept = yaml.safe_load(other_sections(case, document))
    assert kept["options"][0] == {"id": first["id"], "level": first["level"]}
