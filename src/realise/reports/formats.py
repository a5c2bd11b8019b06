"""The one registry of output formats (``Format``), and rendering a report in any of them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from realise.reports.context import Report


class Format(StrEnum):
    """Every file format Realise writes, named once: its key (also its file extension), the label
    pages show, its content type, and whether reports render to it and lists export to it.

    Pages, the API, the report and export views and the import reader take their lists of
    formats from here (ADR 0024). A member is its key: ``Format.csv == "csv"``.
    """

    label: str
    content_type: str
    report: bool
    list_export: bool

    def __new__(
        cls, key: str, label: str, content_type: str, report: bool, list_export: bool
    ) -> Format:
        member = str.__new__(cls, key)
        member._value_ = key
        member.label = label
        member.content_type = content_type
        member.report = report
        member.list_export = list_export
        return member

    html = ("html", "web page", "text/html; charset=utf-8", True, False)
    pdf = ("pdf", "PDF", "application/pdf", True, False)
    docx = (
        "docx",
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        True,
        False,
    )
    xlsx = (
        "xlsx",
        "Excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        True,
        True,
    )
    ods = (
        "ods",
        "OpenDocument spreadsheet",
        "application/vnd.oasis.opendocument.spreadsheet",
        True,
        True,
    )
    csv = ("csv", "CSV", "text/csv; charset=utf-8", True, True)

    @property
    def extension(self) -> str:
        return self.value


REPORT_FORMATS = tuple(f for f in Format if f.report)
LIST_FORMATS = tuple(f for f in Format if f.list_export)
# A CSV report of several tables comes as a .zip of one CSV file per table.
ZIP = ("zip", "application/zip")


def find(key: str) -> Format | None:
    """The format whose key is ``key``, or None."""
    try:
        return Format(key)
    except ValueError:
        return None


def content_type(extension: str) -> str:
    """The content type of a file Realise writes, by its extension (``KeyError`` for another)."""
    if extension == ZIP[0]:
        return ZIP[1]
    found = find(extension)
    if found is None:
        raise KeyError(extension)
    return found.content_type


def in_words(items: Iterable[str], last: str = "or") -> str:
    """``a, b or c``: formats named in a sentence."""
    names = list(items)
    return f"{', '.join(names[:-1])} {last} {names[-1]}" if len(names) > 1 else "".join(names)


def list_format(text: str) -> Format:
    """The list-export format named ``text``; ``ValueError`` naming the choices otherwise."""
    found = find(text)
    if found is not None and found.list_export:
        return found
    keys = in_words(f.value for f in LIST_FORMATS)
    raise ValueError(f'"{text}" is not an export format: choose {keys}')


@dataclass(frozen=True)
class Rendered:
    content: bytes
    extension: str
    content_type: str


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
        names = ", ".join(f.value for f in REPORT_FORMATS)
        raise ValueError(f'"{fmt}" is not a report format: use one of {names}') from None
    content, extension = renderer(report)
    return Rendered(content, extension, content_type(extension))
