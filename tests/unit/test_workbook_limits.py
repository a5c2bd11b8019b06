"""A workbook to import is refused by its size, and by its size unpacked, before the spreadsheet
reader sees it: XLSX and ODS are zip archives, and one cell of 300 MB packs into 300 KB."""

import io
import zipfile

import openpyxl
import pytest

from realise.core.limits import WorkbookLimits, workbook_limits
from realise.imports.readers import ImportFileError, read_workbook
from tests.bombs import (
    MB,
    ods_with_one_huge_cell,
    ods_with_repeated_cell,
    understate,
    xlsx_with_cells,
    xlsx_with_one_huge_cell,
)


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    """An XLSX and an ODS of about 300 KB each, whose one cell unpacks to 300 MB."""
    folder = tmp_path_factory.mktemp("bombs")
    return {
        "xlsx": xlsx_with_one_huge_cell(folder / "targets.xlsx", 300 * MB),
        "ods": ods_with_one_huge_cell(folder / "targets.ods", 300 * MB),
    }


@pytest.fixture
def no_reader(monkeypatch):
    """The spreadsheet reader, replaced by one that fails the test if it is ever reached."""
    import python_calamine

    class Unreachable:
        @staticmethod
        def from_path(path):
            raise AssertionError(f"the reader was given {path}")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Unreachable)


def refusal(path, limits=None, name=None) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_workbook(path, name, limits)
    return str(caught.value)


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_a_workbook_with_one_huge_cell_is_refused_unread(bombs, no_reader, kind):
    assert bombs[kind].stat().st_size < 1 * MB
    message = refusal(bombs[kind])
    assert message.startswith(f"targets.{kind} is too large to import: unpacked, its contents ")
    assert "come to 301 MB" in message  # the cell and the XML around it, rounded up
    assert "Realise reads at most 200 MB: save the rows in several smaller files" in message


@pytest.mark.parametrize("build", [xlsx_with_one_huge_cell, ods_with_one_huge_cell])
def test_a_smaller_bomb_is_refused_by_how_tightly_it_is_packed(tmp_path, no_reader, build):
    path = build(tmp_path / "small-bomb.file", 20 * MB)
    suffix = "xlsx" if build is xlsx_with_one_huge_cell else "ods"
    message = refusal(path, name=f"small-bomb.{suffix}")
    assert message.startswith(f"small-bomb.{suffix} is packed unlike any workbook: one part")
    assert "save it again as ." + suffix in message


def test_one_part_over_the_part_limit_is_refused(tmp_path, no_reader):
    path = xlsx_with_one_huge_cell(tmp_path / "wide.xlsx", 3 * MB)
    limits = WorkbookLimits(max_part=2 * MB, max_ratio=10_000)
    message = refusal(path, limits)
    assert "one part of it (xl/worksheets/sheet1.xml) comes to 3.1 MB unpacked" in message
    assert "at most 2 MB in one part" in message


def test_a_part_that_holds_more_than_it_declares_is_refused_as_damaged(tmp_path, no_reader):
    path = tmp_path / "liar.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b"A" * (5 * MB) + b"</a>")
    understate(path, "xl/worksheets/sheet1.xml", 1000)
    assert zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml").file_size == 1000
    message = refusal(path)
    assert message.startswith("liar.xlsx is ")
    assert "save it again as .xlsx" in message


@pytest.mark.parametrize(
    "content",
    [b"hello", b"PK\x03\x04" + b"\x00" * 100, b"PK\x05\x06" + b"\x00" * 18],
    ids=["text", "a broken header", "an empty archive's end"],
)
def test_a_damaged_or_foreign_file_is_a_plain_message(tmp_path, content):
    path = tmp_path / "odd.xlsx"
    path.write_bytes(content)
    message = refusal(path)
    assert message.startswith("odd.xlsx is not an Excel workbook Realise can read"), message


def test_a_cut_short_workbook_is_a_plain_message(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Year", "Amount"])
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / "cut.xlsx"
    path.write_bytes(out.getvalue()[:-200])
    assert (
        refusal(path)
        == "cut.xlsx is not an Excel workbook Realise can read: save it again as .xlsx"
    )


@pytest.mark.parametrize("name", ["big.csv", "big.xlsx"])
def test_a_file_over_the_import_limit_is_refused_before_it_is_opened(tmp_path, no_reader, name):
    path = tmp_path / name
    path.write_bytes(b"Year,Amount\n" + b"2024/25,1\n" * 300)
    message = refusal(path, WorkbookLimits(max_file=1024))
    assert message == (
        f"{name} is 3 KB, and a file to import must be smaller than 1 KB: save the rows in "
        "several smaller files and import each one"
    )


def test_a_real_workbook_of_thousands_of_rows_is_read_as_before(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Year", "Amount", "Directorate", "Project", "Status"])
    for _ in range(10_000):  # the same row again and again: as tightly packed as real data gets
        book.active.append(["2024/25", 1000, "People", "P-1", "Achieved"])
    path = tmp_path / "savings.xlsx"
    book.save(path)
    sheet = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
    assert sheet.file_size > workbook_limits().small_part  # so its packing is checked
    workbook = read_workbook(path)
    rows = list(workbook.sheets[0].rows)
    workbook.close()
    assert len(rows) == 10_001


def test_the_limits_come_from_the_settings(settings):
    settings.REALISE_WORKBOOK_UNPACKED_LIMIT = 5 * MB
    settings.REALISE_IMPORT_UPLOAD_LIMIT = 3 * MB
    limits = workbook_limits()
    assert (limits.max_unpacked, limits.max_file, limits.max_part) == (5 * MB, 3 * MB, 100 * MB)


def test_two_values_far_apart_are_refused_before_the_reader_lays_out_the_cells_between(
    tmp_path, no_reader
):
    path = xlsx_with_cells(tmp_path / "stray.xlsx", {"A1": "Year", "XFD1048576": "oops"})
    assert path.stat().st_size < 2048  # 17 billion cells once laid out
    message = refusal(path)
    assert message.startswith(
        "stray.xlsx is too large to import: one sheet (xl/worksheets/sheet1.xml) spans "
        "1,048,576 rows by 16,384 columns once laid out, more than the 5,000,000 cells"
    )
    assert "Delete what lies beyond the table" in message


def test_a_value_repeated_over_a_million_rows_of_an_ods_is_refused(tmp_path, no_reader):
    path = ods_with_repeated_cell(tmp_path / "repeated.ods", 100_000, 1_000)
    message = refusal(path)
    assert 'sheet "Targets" spans 100,000 rows by 1,000 columns' in message


def test_a_sheet_within_the_cell_limit_is_read(tmp_path):
    path = xlsx_with_cells(tmp_path / "wide.xlsx", {"A1": "Year", "Z1000": "x"})
    workbook = read_workbook(path, limits=WorkbookLimits(max_cells=26_000))
    assert len(list(workbook.sheets[0].rows)) == 1000
    workbook.close()
    with pytest.raises(ImportFileError, match="more than the 25,999 cells"):
        read_workbook(path, limits=WorkbookLimits(max_cells=25_999))


def test_an_ods_with_repeated_empty_rows_and_columns_as_libreoffice_writes_is_read(tmp_path):
    trailer = (
        '<table:table-row table:number-rows-repeated="1048573"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>'
    )
    path = ods_with_repeated_cell(tmp_path / "plain.ods", 3, 2, after=trailer)
    workbook = read_workbook(path)
    assert [values for _, values in workbook.sheets[0].rows] == [["x", "x"]] * 3
    workbook.close()


def test_a_workbook_declaring_a_document_type_is_refused(tmp_path, no_reader):
    path = xlsx_with_cells(tmp_path / "dtd.xlsx", {"A1": "Year"})
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/extra.xml", '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    assert refusal(path).startswith("dtd.xlsx is not an Excel workbook Realise can read")
