"""The formats a report renders to: name -> content type, file extension and renderer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from realise.reports.context import Report


class Format(StrEnum):
    html = "html"
    pdf = "pdf"
    docx = "docx"
    xlsx = "xlsx"
    ods = "ods"
    csv = "csv"


@dataclass(frozen=True)
class Rendered:
    content: bytes
    extension: str
    content_type: str


CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv; charset=utf-8",
    "zip": "application/zip",
}


def _html(report: Report) -> tuple[bytes, str]:
    from realise.reports.renderers.html import render_html

    return render_html(report).encode("utf-8"), "html"


def _pdf(report: Report) -> tuple[bytes, str]:
    from realise.reports.renderers.pdf import render_pdf

    return render_pdf(report), "pdf"


def _docx(report: Report) -> tuple[bytes, str]:
    from realise.reports.renderers.docx import render_docx

    return render_docx(report), "docx"


def _xlsx(report: Report) -> tuple[bytes, str]:
    from realise.reports.renderers.xlsx import render_xlsx

    return render_xlsx(report), "xlsx"


def _ods(report: Report) -> tuple[bytes, str]:
    from realise.reports.renderers.ods import render_ods

    return render_ods(report), "ods"


def _csv(report: Report) -> tuple[bytes, str]:
    from realise.reports.renderers.csv import render_csv

    return render_csv(report)


RENDERERS: dict[Format, Callable[[Report], tuple[bytes, str]]] = {
    Format.html: _html,
    Format.pdf: _pdf,
    Format.docx: _docx,
    Format.xlsx: _xlsx,
    Format.ods: _ods,
    Format.csv: _csv,
}


def render(report: Report, fmt: Format | str) -> Rendered:
    """``report`` in ``fmt``; CSV comes back as a .zip when the report has several tables."""
    try:
        renderer = RENDERERS[Format(fmt)]
    except ValueError:
        names = ", ".join(f.value for f in Format)
        raise ValueError(f'"{fmt}" is not a report format: use one of {names}') from None
    content, extension = renderer(report)
    return Rendered(content, extension, CONTENT_TYPES[extension])
