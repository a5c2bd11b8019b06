"""A case's workbook brought back into the editor in real Chromium: the reorganisation example
written as its workbook (``write_appraisal_workbook``), a figure in it mistyped and uploaded (the
error summary names the sheet, row and column), then the good workbook uploaded: the draft holds
the case, and Option A's figures are those worked by hand in test_case_editor.py. The start page
with the error summary and the draft pass axe-core's WCAG 2.2 A and AA rules, also at 390 pixels
wide."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from realise.finance.casefile.formats import file_data, read_any
from realise.reports.case_workbook.appraisal import write_appraisal_workbook
from tests.browser.conftest import sign_in
from tests.browser.test_case_editor import _check, _figures, _npv, _pounds, _saved

pytestmark = pytest.mark.browser

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "examples" / "northshire-reorganisation-options.yaml"
)


def _workbooks(folder: Path) -> tuple[Path, Path, int]:
    """The example's workbook; a copy with Option A's change team cost typed as a word; and the
    row of that cost on the Inputs sheet."""
    text = EXAMPLE.read_text(encoding="utf-8")
    good = folder / "reorganisation.xlsx"
    write_appraisal_workbook(read_any(text), good, document=file_data(text))
    book = openpyxl.load_workbook(good)
    inputs = book["Inputs"]
    row = next(
        r[0].row for r in inputs.iter_rows() if [c.value for c in r[:3]] == ["a", "cost", "change"]
    )
    inputs.cell(row, 9).value = "two million"  # column I, Amount (£)
    bad = folder / "mistyped.xlsx"
    book.save(bad)
    return good, bad, row


def _upload(page, path: Path) -> None:
    page.goto("/o/dorset/business-cases/write/")
    page.set_input_files("main form[data-upload] input[type=file]", str(path))
    page.click("main form[data-upload] button[type=submit]")


def test_a_case_workbook_uploaded_to_the_editor_gives_the_case_and_its_figures(page, tmp_path):
    good, bad, row = _workbooks(tmp_path)
    sign_in(page, "tmo@dorset.example")
    _upload(page, bad)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert (
        f'mistyped.xlsx, sheet "Inputs", row {row}, column I (Amount (£)): expected an amount '
        'in pounds, found "two million"'
    ) in summary
    _check(page, "case-editor-workbook-refused")
    _upload(page, good)
    _saved(page, "Draft started from the file reorganisation.xlsx")
    assert "Reorganisation options" in page.locator("main").inner_text()
    _check(page, "case-draft-from-workbook")
    page.click("[data-options] a:has-text('Option A')")
    a = _figures(page)
    assert a["cost"] == _pounds(2_000_000)
    assert a["net"] == "£3,250,000"
    assert a["npv"] == _pounds(_npv([-450_000, -250_000, 950_000, 1_500_000, 1_500_000]))
    assert a["payback"] == "2028/29"
