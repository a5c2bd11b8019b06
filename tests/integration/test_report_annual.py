"""The annual report of the Dorset demo, read back from every format, must print the seed's
Tables 2-5 and risk heat map to the pound.

Expected figures are typed in from Dorset Council's "Transformation Annual Report 2022/23"
(Cabinet, 20 June 2023; shared/seeds/dorset-transformation-annual-report-2022-23.txt), section 3
(Tables 2-5) and section 7 (the heat map), not taken from Realise.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.readback import (
    csv_files,
    docx_tables,
    number,
    ods_tables,
    pdf_info,
    pdf_text,
    recalculated_xlsx,
    xlsx_tables,
)

pytestmark = [pytest.mark.db, pytest.mark.django_db]

# title of the table in the report -> rows of (label, expected figures by column index)
SEED = {
    "Table 2. Transformation savings by year (cashable)": [
        ("Year 1 2021/22", {1: 9_480_222, 2: 7_419_537}),
        ("Year 2 2022/23", {1: 6_632_500, 2: 6_232_500}),
        ("Year 3 2023/24", {1: 7_150_000}),
        ("Year 4 2024/25", {1: 4_250_000}),
        ("Year 5 2025/26", {1: 5_500_000}),
    ],
    "Table 3. Savings by directorate, 2022/23": [
        ("Adults and Housing", {1: 3_805_000, 2: 3_705_000, 3: 100_000}),
        ("Children's", {1: 2_827_500, 2: 2_527_500, 3: 300_000}),
        ("Place", {1: 0, 2: 0, 3: 70_000}),
    ],
    "Table 4. Projected savings by directorate, 2023/24": [
        ("Adults and Housing", {1: 3_400_000}),
        ("Children's", {1: 3_000_000, 2: 300_000}),
        ("Place", {1: 750_000, 2: 70_000}),
    ],
    # Table 5: 28 bids, £10,856,701 invested, £13,652,037 delivered and £17,270,000 still to
    # deliver (the paragraph above the table), £30,922,037 of savings, £20,065,336 return.
    "Table 5. Return on invest-to-save, as at 2022/23": [
        ("28", {0: 28, 1: 10_856_701, 2: 13_652_037, 3: 17_270_000, 4: 30_922_037, 5: 20_065_336}),
    ],
    "Risk heat map: 128 open risks by impact and likelihood": [
        ("Catastrophic", {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}),
        ("Major", {1: 0, 2: 8, 3: 8, 4: 7, 5: 1}),
        ("Moderate", {1: 0, 2: 7, 3: 35, 4: 27, 5: 6}),
        ("Slight", {1: 1, 2: 3, 3: 14, 4: 5, 5: 4}),
        ("Negligible", {1: 1, 2: 0, 3: 1, 4: 0, 5: 0}),
    ],
}
# The seed's printed totals (Table 2's "Total" column, Table 3's and Table 4's "Total" rows).
SEED_TOTALS = {
    "Table 2. Transformation savings by year (cashable)": {1: 33_012_722, 2: 13_652_037},
    "Table 3. Savings by directorate, 2022/23": {1: 6_632_500, 2: 6_232_500},
    "Table 4. Projected savings by directorate, 2023/24": {1: 7_150_000},
}
HIGH_RISKS = 14  # "14 areas of high risk"
ALL_RISKS = 128  # the sum of the seed's heat map


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    from realise.demo.loader import demo_load
    from realise.finance.calendar import FinancialYear
    from realise.reports.annual import annual_report

    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            organisation = demo_load().organisation
            built = annual_report(organisation=organisation, year=FinancialYear(2022))
            transaction.set_rollback(True)
    return built


@pytest.fixture(scope="module")
def rendered(report):
    from realise.reports.formats import render

    return {fmt: render(report, fmt).content for fmt in ("pdf", "docx", "xlsx", "ods", "csv")}


def _check_rows(rows, expected, *, label_at=0):
    """Each expected row is present with its figures, matched by its label."""
    for label, figures in expected:
        found = [r for r in rows if str(r[label_at]).strip() == label]
        assert found, f"no row {label!r} in {[r[label_at] for r in rows]}"
        for column, value in figures.items():
            assert number(found[0][column]) == Decimal(value), (label, column, found[0])


def _total_row(rows):
    return next(r for r in rows if str(r[0]).strip() == "Total")


def test_the_pdf_prints_the_seed_figures_in_each_table(rendered):
    text = pdf_text(rendered["pdf"])
    for title, rows in SEED.items():
        start = text.index(title)
        chunk = text[start : start + 4000]
        for _label, figures in rows:
            numbers = r"\s+".join(f"{v:,}" for _, v in sorted(figures.items()))
            assert re.search(rf"(^|\s){numbers}(\s|$)", chunk, re.M), (title, numbers)
    for title, totals in SEED_TOTALS.items():
        chunk = text[text.index(title) :]
        numbers = r"\s+".join(f"{v:,}" for _, v in sorted(totals.items()))
        assert re.search(rf"Total\s+{numbers}", chunk), (title, numbers)
    assert f"High risks ({HIGH_RISKS})" in text


def test_the_pdf_is_a4_with_page_numbers_contents_and_title(rendered):
    text = pdf_text(rendered["pdf"])
    pages = text.count("\f")
    assert "Contents" in text
    assert re.search(r"1\. Summary\s*\.*\s*page 2", text)
    assert f"Page 1 of {pages}" in text
    assert f"Page {pages} of {pages}" in text
    info = pdf_info(rendered["pdf"])
    assert info["Title"] == "Dorset Council: Transformation annual report 2022/23"
    assert info["Author"] == "Dorset Council"
    assert info["Tagged"] == "yes"
    assert info["Page size"].startswith("595.276 x 841.89 pts (A4)")
    assert int(info["Pages"]) == pages


def test_word_has_real_headings_and_tables_with_the_seed_figures(rendered):
    import io

    from docx import Document

    document = Document(io.BytesIO(rendered["docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["Contents", "1. Summary", "2. Projects"]
    assert all(t.style.name == "Table Grid" for t in document.tables)
    tables = docx_tables(rendered["docx"])
    for title, rows in SEED.items():
        _check_rows(tables[title][1:], rows)
    for title, totals in SEED_TOTALS.items():
        total = _total_row(tables[title])
        assert {c: number(total[c]) for c in totals} == totals
    assert len(tables[f"High risks ({HIGH_RISKS})"]) == HIGH_RISKS + 1


def test_excel_has_a_sheet_per_table_with_sum_formulas_for_totals(rendered):
    tables = xlsx_tables(rendered["xlsx"])
    for title, rows in SEED.items():
        _check_rows(tables[title][1:], rows)
    table_2 = tables["Table 2. Transformation savings by year (cashable)"]
    total = _total_row(table_2)
    assert total[1] == "=SUM(B4:B8)"
    assert total[2] == "=SUM(C4:C8)"


def test_opendocument_has_the_seed_figures_and_of_sum_formulas(rendered):
    tables = ods_tables(rendered["ods"])
    for title, rows in SEED.items():
        _check_rows(
            [[c[1] if c[1] is not None else c[0] for c in r] for r in tables[title][1:]], rows
        )
    total = _total_row(
        [[c[0] for c in r] for r in tables["Table 3. Savings by directorate, 2022/23"]]
    )
    rows = tables["Table 3. Savings by directorate, 2022/23"]
    formulas = [c[2] for c in rows[-1]]
    assert formulas[1] == "of:=SUM([.B4:.B6])"
    assert number(total[1]) == 6_632_500


def test_csv_has_one_file_per_table_with_the_seed_figures(rendered):
    files = csv_files(rendered["csv"])
    by_key = {
        "table-2-savings-by-year.csv": "Table 2. Transformation savings by year (cashable)",
        "table-3-savings-by-directorate.csv": "Table 3. Savings by directorate, 2022/23",
        "table-4-projected-savings.csv": "Table 4. Projected savings by directorate, 2023/24",
        "table-5-invest-to-save-return.csv": "Table 5. Return on invest-to-save, as at 2022/23",
        "risk-heat-map.csv": "Risk heat map: 128 open risks by impact and likelihood",
    }
    for name, title in by_key.items():
        _check_rows(files[name][1:], SEED[title])
    for name, title in list(by_key.items())[:3]:
        total = _total_row(files[name])
        assert {c: number(total[c]) for c in SEED_TOTALS[title]} == SEED_TOTALS[title]
    assert number(_total_row(files["risks-by-band.csv"])[2]) == ALL_RISKS


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_libreoffice_recalculates_the_totals_to_the_seed_figures(rendered, fmt):
    tables = xlsx_tables(recalculated_xlsx(rendered[fmt], fmt), data_only=True)
    for title, totals in SEED_TOTALS.items():
        total = _total_row(tables[title])
        assert {c: number(total[c]) for c in totals} == totals, title
    heat = _total_row(tables["Risk heat map: 128 open risks by impact and likelihood"])
    assert sum(number(v) for v in heat[1:6]) == ALL_RISKS


def test_pdf_pages_render_to_png_artefacts_for_a_person_to_look_at(rendered, tmp_path):
    """Writes artifacts/annual-report-page-N.png (the cover and the savings tables)."""
    import subprocess
    from pathlib import Path

    from tests.readback import need

    tool = need("pdftoppm", "poppler-utils")
    out = Path("artifacts")
    out.mkdir(exist_ok=True)
    source = tmp_path / "annual.pdf"
    source.write_bytes(rendered["pdf"])
    text = pdf_text(rendered["pdf"])
    pages = text.split("\f")
    table_page = next(n for n, page in enumerate(pages, start=1) if "Table 2." in page)
    for page in (1, table_page):
        subprocess.run(
            [
                tool,
                "-png",
                "-r",
                "80",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(source),
                str(out / f"annual-report-page-{page}"),
            ],
            check=True,
        )
        png = (out / f"annual-report-page-{page}.png").read_bytes()
        assert png.startswith(b"\x89PNG")
        assert len(png) > 10_000, "the page looks empty"


def test_claims_awaiting_finance_are_shown_apart_from_achieved(report, demo_council):
    """ADR 0005: the report counts validated savings and shows claimed ones separately."""
    from datetime import date

    from realise.benefits import services as benefits
    from realise.finance.calendar import FinancialYear
    from realise.reports.annual import annual_report
    from realise.reports.formats import render

    def table_2(built):
        return next(
            t
            for section in built.sections
            for t in section.blocks
            if getattr(t, "key", "") == "table-2-savings-by-year"
        )

    assert table_2(report).notes == ()  # the demo's savings are all validated
    benefits.saving_record(
        organisation=demo_council,
        year="2022/23",
        amount="1234.56",
        status="claimed",
        recorded_on=date(2023, 3, 31),
    )
    built = annual_report(organisation=demo_council, year=FinancialYear(2022))
    table = table_2(built)
    assert table.notes == (
        "Achieved counts only savings validated by finance. Claimed savings awaiting "
        "validation, not counted above: £1,234.56 in 2022/23 (£1,234.56 in all).",
    )
    assert table.total[2] == table_2(report).total[2]  # achieved unchanged
    assert "£1,234.56 in 2022/23" in render(built, "html").content.decode()
