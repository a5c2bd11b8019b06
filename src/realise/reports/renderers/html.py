"""HTML: a Django template with a print stylesheet. Also the source of the PDF.

The template engine is standalone (no settings, no database) and is given only strings, so the
business-case report renders without Django being set up.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from django.template import Context, Engine
from django.utils.safestring import mark_safe

from realise.reports.context import Bullets, Chart, Paragraph, Report, Table
from realise.reports.renderers.columns import table_layout

TEMPLATES = resources.files("realise.reports") / "templates"


@cache
def _engine() -> Engine:
    return Engine(dirs=[str(TEMPLATES)], autoescape=True)


def stylesheet() -> str:
    return (TEMPLATES / "reports" / "report.css").read_text(encoding="utf-8")


def _table(table: Table, *, small: bool = False) -> dict[str, Any]:
    layout = table_layout(table, small=small)
    return {
        "widths": layout.widths,
        "fit": layout.css_class,
        "min_width": f"{layout.min_width_em:.1f}em",
        "kind": "table",
        "key": table.key,
        "title": table.title,
        "columns": table.columns,
        "rows": table.rows,
        "total": table.total,
        "notes": table.notes,
        "colspan": str(len(table.columns)),
    }


def _block(block: object, number: int) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text}
    if isinstance(block, Bullets):
        return {"kind": "bullets", "items": block.items, "heading": block.heading}
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        return {
            "kind": "chart",
            "key": block.key,
            "title": f"Chart {number}. {block.title}",
            "svg": mark_safe(block.svg),
            "table": _table(block.table, small=True),
        }
    raise TypeError(f"Cannot render {type(block).__name__}")


def view_model(report: Report, *, now: datetime | None = None) -> dict[str, Any]:
    """The report as the template sees it: strings, booleans and lists only."""
    now = now or datetime.now()
    sections = []
    charts = iter(range(1, 1000))
    for number, section in enumerate(report.sections, start=1):
        blocks = [
            _block(block, next(charts) if isinstance(block, Chart) else 0)
            for block in section.blocks
        ]
        sections.append(
            {
                "number": str(number),
                "anchor": f"section-{number}",
                "title": section.title,
                "blocks": blocks,
            }
        )
    return {
        "report": report,
        "sections": sections,
        "css": mark_safe(stylesheet()),
        "generated": f"{now:%-d %B %Y}",
        "generated_iso": now.date().isoformat(),
    }


def render_html(report: Report, *, now: datetime | None = None) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG charts)."""
    template = _engine().get_template("reports/report.html")
    return template.render(Context(view_model(report, now=now)))
