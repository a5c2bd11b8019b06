"""PDF: WeasyPrint from the HTML, on A4 with page numbers, a contents list with page references,
the document's title, author and language, and real headings and tables (tagged where
WeasyPrint can tag them)."""

from __future__ import annotations

from datetime import datetime

from realise.reports.context import Report
from realise.reports.renderers.html import render_html


def render_pdf(report: Report, *, now: datetime | None = None) -> bytes:
    from weasyprint import HTML

    document = HTML(string=render_html(report, now=now)).render()
    document.metadata.title = f"{report.organisation}: {report.title}"
    document.metadata.authors = [report.organisation]
    document.metadata.lang = "en-GB"
    return document.write_pdf(pdf_tags=True)  # type: ignore[no-any-return]
