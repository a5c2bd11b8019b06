"""Read reports back from each format, as a reader's tool would, for the report tests."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

Rows = list[list[object]]


def need(tool: str, package: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed: apt-get install {package}")
    return found


def pdf_text(content: bytes) -> str:
    """The PDF's text with its layout kept, by poppler's pdftotext."""
    tool = need("pdftotext", "poppler-utils")
    done = subprocess.run(
        [tool, "-layout", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def pdf_info(content: bytes) -> dict[str, str]:
    """The PDF's document information (title, author, pages, page size, tagged) by pdfinfo."""
    tool = need("pdfinfo", "poppler-utils")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        done = subprocess.run([tool, handle.name], capture_output=True, check=True)
    lines = done.stdout.decode("utf-8").splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


def pdf_word_boxes(content: bytes) -> list[tuple[int, str, tuple[float, float, float, float]]]:
    """Every word the PDF prints, as (page, word, (left, top, right, bottom)) in points, by
    poppler's ``pdftotext -bbox``."""
    from xml.etree import ElementTree

    tool = need("pdftotext", "poppler-utils")
    done = subprocess.run(
        [tool, "-bbox", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    root = ElementTree.fromstring(done.stdout)
    boxes = []
    pages = root.iter("{http://www.w3.org/1999/xhtml}page")
    for number, page in enumerate(pages, start=1):
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            edges = tuple(float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            boxes.append((number, word.text or "", edges))
    return boxes  # type: ignore[return-value]


def overlapping_words(
    boxes: list[tuple[int, str, tuple[float, float, float, float]]], *, slack: float = 0.5
) -> list[tuple[int, str, str]]:
    """Pairs of words on the same page whose boxes overlap by more than ``slack`` points each
    way: text printed over other text."""
    found = []
    by_page: dict[int, list[tuple[str, tuple[float, float, float, float]]]] = {}
    for page, word, box in boxes:
        by_page.setdefault(page, []).append((word, box))
    for page, words in by_page.items():
        words.sort(key=lambda item: item[1][0])
        for index, (word, (left, top, right, bottom)) in enumerate(words):
            for other, (o_left, o_top, o_right, o_bottom) in words[index + 1 :]:
                if o_left >= right - slack:
                    break
                across = min(right, o_right) - max(left, o_left)
                down = min(bottom, o_bottom) - max(top, o_top)
                if across > slack and down > slack:
                    found.append((page, word, other))
    return found


def number(text: object) -> Decimal | None:
    """ "9,480,222" -> 9480222, "−16.43" or "(16.43)" -> -16.43, "−£300" -> -300, "" -> None,
    other text -> None."""
    if isinstance(text, int | float | Decimal) and not isinstance(text, bool):
        return Decimal(str(text))
    value = str(text or "").strip().replace(",", "").replace("£", "").replace("\u2212", "-")
    negative = value.startswith("(") and value.endswith(")")
    value = value.strip("()")
    try:
        parsed = Decimal(value)
    except ArithmeticError:
        return None
    return -parsed if negative else parsed


def html_tables(content: bytes) -> dict[str, Rows]:
    """Each HTML table by its caption: rows of cell texts (header and total rows included)."""
    from html.parser import HTMLParser

    class Tables(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tables: dict[str, Rows] = {}
            self.caption: str | None = None
            self.rows: Rows | None = None
            self.cell: list[str] | None = None

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag == "table":
                self.rows = []
            elif tag == "caption":
                self.caption = ""
            elif tag == "tr" and self.rows is not None:
                self.rows.append([])
            elif tag in ("td", "th") and self.rows is not None:
                self.cell = []

        def handle_endtag(self, tag: str) -> None:
            if tag in ("td", "th") and self.cell is not None and self.rows:
                self.rows[-1].append(" ".join("".join(self.cell).split()))
                self.cell = None
            elif tag == "table" and self.rows is not None:
                self.tables[(self.caption or "").strip()] = self.rows
                self.rows, self.caption = None, None

        def handle_data(self, data: str) -> None:
            if self.cell is not None:
                self.cell.append(data)
            elif self.caption is not None and self.rows is not None:
                self.caption += data

    reader = Tables()
    reader.feed(content.decode("utf-8"))
    return reader.tables


def docx_tables(content: bytes) -> dict[str, Rows]:
    """Each Word table by the caption paragraph before it: rows of cell texts."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(content))
    tables: dict[str, Rows] = {}
    caption = ""
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            paragraph = Paragraph(child, document)
            if paragraph.style.name == "Caption":
                caption = paragraph.text
        elif child.tag.endswith("}tbl"):
            table = Table(child, document)
            tables[caption] = [[cell.text for cell in row.cells] for row in table.rows]
    return tables


def xlsx_tables(content: bytes, *, data_only: bool = False) -> dict[str, Rows]:
    """Each sheet by its title in A1: the rows from the column headings down."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), data_only=data_only)
    tables = {}
    for sheet in workbook.worksheets[1:]:
        rows = [list(row) for row in sheet.iter_rows(min_row=3, values_only=True)]
        tables[str(sheet["A1"].value)] = rows
    return tables


def ods_tables(content: bytes) -> dict[str, Rows]:
    """Each ODS sheet by its title: rows of (text, value, formula) per cell."""
    from odf.namespaces import OFFICENS, TABLENS
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow

    document = load(io.BytesIO(content))
    tables: dict[str, Rows] = {}
    for sheet in document.spreadsheet.getElementsByType(Table)[1:]:
        rows: Rows = []
        for row in sheet.getElementsByType(TableRow):
            cells = []
            for cell in row.getElementsByType(TableCell):
                cells.append(
                    (
                        str(cell),
                        cell.attributes.get((OFFICENS, "value")),
                        cell.attributes.get((TABLENS, "formula")),
                    )
                )
            rows.append(cells)
        tables[rows[0][0][0]] = rows[2:]
    return tables


def csv_files(content: bytes) -> dict[str, Rows]:
    """Each CSV file in a zip (or the one CSV) by name: its rows, BOM checked and removed."""
    if content[:2] == b"PK":
        archive = zipfile.ZipFile(io.BytesIO(content))
        named = {n: archive.read(n) for n in archive.namelist() if n.endswith(".csv")}
    else:
        named = {"report.csv": content}
    files = {}
    for name, raw in named.items():
        assert raw.startswith(b"\xef\xbb\xbf"), f"{name} has no UTF-8 byte-order mark"
        files[name] = [list(r) for r in csv.reader(io.StringIO(raw[3:].decode("utf-8")))]
    return files


def recalculated_xlsx(content: bytes, suffix: str) -> bytes:
    """The workbook after LibreOffice has opened it, recalculated it and saved it as XLSX."""
    tool = shutil.which("soffice") or shutil.which("libreoffice")
    if tool is None:
        pytest.skip("LibreOffice is not installed: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / f"in.{suffix}"
        source.write_bytes(content)
        out = Path(work) / "out"
        subprocess.run(
            [
                tool,
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                "--calc",
                "--convert-to",
                "xlsx:Calc MS Excel 2007 XML",
                "--outdir",
                str(out),
                str(source),
            ],
            capture_output=True,
            check=True,
            timeout=180,
        )
        return (out / "in.xlsx").read_bytes()


def shown_csv(content: bytes, suffix: str, sheet: int = 1) -> Rows:
    """A workbook's sheet (the first unless told) as LibreOffice shows it, number formats
    applied, read from the CSV it saves "as shown"."""
    tool = shutil.which("soffice") or shutil.which("libreoffice")
    if tool is None:
        pytest.skip("LibreOffice is not installed: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / f"in.{suffix}"
        source.write_bytes(content)
        # Comma, double quote, UTF-8, from line 1, ..., cell contents saved as shown.
        options = (
            f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,{sheet}"
        )
        subprocess.run(
            [
                tool,
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                "--convert-to",
                options,
                "--outdir",
                str(Path(work) / "out"),
                str(source),
            ],
            capture_output=True,
            check=True,
            timeout=180,
        )
        # With a sheet number, LibreOffice names the file after the sheet: in-<Sheet>.csv.
        (written,) = (Path(work) / "out").glob("in*.csv")
        text = written.read_text(encoding="utf-8")
    return [list(r) for r in csv.reader(io.StringIO(text))]
