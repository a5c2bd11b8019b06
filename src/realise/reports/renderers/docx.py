"""Word (.docx) with python-docx: built-in Title and Heading styles, "Table Grid" tables with a
repeating header row, charts as PNG with their figures in a table, A4 pages numbered
"Page N of M", and a contents field Word fills in. A committee clerk can paste any part into the
council's own template and keep its structure."""

from __future__ import annotations

import io
from datetime import datetime

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from realise.reports.context import Bullets, Cell, Chart, Paragraph, Report, Table
from realise.reports.renderers.images import RasteriserMissing, svgs_to_pngs


def _field(paragraph: DocxParagraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC) that Word computes when it opens or prints."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = placeholder
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate, shown, end):
        run._r.append(element)


def _page_setup(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.top_margin = section.bottom_margin = Cm(2)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)


def _repeat_header(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _fill(cell: object, value: Cell | str, *, right: bool, bold: bool) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    run = paragraph.add_run(value if isinstance(value, str) else value.text)
    run.bold = bold
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _table(document: Document, table: Table) -> DocxTable:
    document.add_paragraph(table.title, style="Caption")
    rows: list[tuple[tuple[Cell, ...], bool]] = [(row, False) for row in table.rows]
    if table.total:
        rows.append((table.total, True))
    width = len(table.columns)
    grid = document.add_table(rows=1 + len(rows), cols=width)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells = grid._cells  # every cell in one pass: python-docx's row.cells is slow on long tables
    for index, column in enumerate(table.columns):
        _fill(cells[index], column.heading, right=column.numeric, bold=True)
    _repeat_header(grid.rows[0])
    for number, (values, is_total) in enumerate(rows, start=1):
        for index, (value, column) in enumerate(zip(values, table.columns, strict=True)):
            _fill(cells[number * width + index], value, right=column.numeric, bold=is_total)
    if not table.rows:
        document.add_paragraph("None.")
    for note in table.notes:
        document.add_paragraph(note)
    return grid


def _pictures(report: Report) -> dict[str, bytes] | str:
    """Each chart's PNG by key, or why there are none."""
    charts = report.charts()
    try:
        return {
            c.key: png for c, png in zip(charts, svgs_to_pngs([c.svg for c in charts]), strict=True)
        }
    except RasteriserMissing as exc:
        return str(exc)


def _chart(document: Document, chart: Chart, number: int, pictures: dict[str, bytes] | str) -> None:
    document.add_heading(f"Chart {number}. {chart.title}", level=3)
    if isinstance(pictures, str):
        document.add_paragraph(f"(Chart not drawn: {pictures}.) Its figures follow.")
    else:
        picture = pictures[chart.key]
        document.add_picture(io.BytesIO(picture), width=Cm(16))
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("The figures behind this chart:")
    _table(document, chart.table)


def _cover(document: Document, report: Report, now: datetime) -> None:
    document.add_paragraph(report.organisation).runs[0].bold = True
    document.add_heading(report.title, level=0)
    document.add_paragraph(report.subtitle)
    details = [("Date", report.dated), *report.details, ("Produced", f"{now:%-d %B %Y}")]
    for name, value in details:
        line = document.add_paragraph()
        line.add_run(f"{name}: ").bold = True
        line.add_run(value)
    document.add_heading("Contents", level=1)
    _field(
        document.add_paragraph(),
        'TOC \\o "1-1" \\h \\z \\u',
        "; ".join(f"{n}. {s.title}" for n, s in enumerate(report.sections, start=1)),
    )
    document.add_page_break()


def render_docx(report: Report, *, now: datetime | None = None) -> bytes:
    now = now or datetime.now()
    document = Document()
    _page_setup(document)
    properties = document.core_properties
    properties.title = f"{report.organisation}: {report.title}"
    properties.author = report.organisation
    properties.subject = report.subtitle
    properties.language = "en-GB"
    _cover(document, report, now)
    pictures = _pictures(report)
    charts = 0
    for number, section in enumerate(report.sections, start=1):
        document.add_heading(f"{number}. {section.title}", level=1)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                document.add_paragraph(block.text)
            elif isinstance(block, Bullets):
                if block.heading:
                    document.add_paragraph(block.heading)
                for item in block.items:
                    document.add_paragraph(item, style="List Bullet")
            elif isinstance(block, Table):
                _table(document, block)
            elif isinstance(block, Chart):
                charts += 1
                _chart(document, block, charts, pictures)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
