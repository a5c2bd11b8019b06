"""The business-case page (check a file, keep nothing) reads a format 2 file as well as format 1:
each option's totals, NPV and payback, each option by year, format 2's workbook to download,
and the format 2 reader's own messages for a file with problems. Before, a format 2 file was read
as format 1 and refused with ten unrelated complaints ("unknown key 'start_year'" …)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from realise.finance.appraisal.engine import run_appraisal
from realise.finance.casefile.formats import read_any
from realise.finance.casefile.workbook_layout import WORKBOOK_FORMAT
from realise.finance.money import format_money
from tests.integration.test_import_pages import user

pytestmark = pytest.mark.db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OPTIONS = EXAMPLES / "northshire-reorganisation-options.yaml"
PAGE = "/o/testshire/business-case/"


def _upload(text: str, name: str = "options.yaml") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode())


def test_a_format_2_file_shows_each_options_figures(client, council):
    client.force_login(user(council, "board", "viewer"))
    text = OPTIONS.read_text(encoding="utf-8")
    response = client.post(PAGE, {"file": _upload(text), "action": "show"})
    html = response.content.decode()
    assert response.status_code == 200, html
    assert "unknown key" not in html
    results = run_appraisal(read_any(text))
    for result in results:
        assert result.option.name in html
        assert format_money(result.npv) in html
        assert result.payback.text in html
    assert "Option A (preferred)" in html
    assert "Do nothing (do-nothing option)" in html
    npv_b = results[2].npv - results[0].npv
    assert format_money(npv_b) in html  # option B against doing nothing


def test_a_format_2_file_downloads_as_format_2s_workbook(client, council):
    client.force_login(user(council, "board", "viewer"))
    text = OPTIONS.read_text(encoding="utf-8")
    response = client.post(PAGE, {"file": _upload(text), "action": "xlsx"})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book["Inputs"]["B3"].value == WORKBOOK_FORMAT
    assert "options.xlsx" in response["Content-Disposition"]


def test_format_2_examples_are_offered_and_shown(client, council):
    client.force_login(user(council, "board", "viewer"))
    listing = client.get(PAGE).content.decode()
    assert "northshire-reorganisation-options.yaml" in listing
    shown = client.get(PAGE, {"example": OPTIONS.name})
    assert shown.status_code == 200
    npv = run_appraisal(read_any(OPTIONS.read_text(encoding="utf-8")))[1].npv
    assert format_money(npv) in shown.content.decode()


def test_a_format_2_file_with_problems_gets_format_2s_messages(client, council):
    client.force_login(user(council, "board", "viewer"))
    text = OPTIONS.read_text(encoding="utf-8").replace("    total: 2000000", "    totl: 2000000")
    response = client.post(PAGE, {"file": _upload(text), "action": "show"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "unknown key &#x27;totl&#x27;; did you mean &#x27;total&#x27;?" in html
    assert "start_year" not in html  # not read as format 1


def test_a_case_workbook_is_checked_like_its_file(client, council):
    client.force_login(user(council, "board", "viewer"))
    text = OPTIONS.read_text(encoding="utf-8")
    xlsx = client.post(PAGE, {"file": _upload(text), "action": "xlsx"}).content
    workbook = SimpleUploadedFile("options.xlsx", xlsx)
    shown = client.post(PAGE, {"file": workbook, "action": "show"})
    assert shown.status_code == 200, shown.content.decode()
    npv = run_appraisal(read_any(text))[2].npv
    assert format_money(npv) in shown.content.decode()
