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

TEMPLATES = resources.files("realise.reports") / "templates"


@cache
def _engine() -> Engine:
    return Engine(dirs=[str(TEMPLATES)], autoescape=True)


def stylesheet() -> str:
    return (TEMPLATES / "reports" / "report.css").read_text(encoding="utf-8")


def _widths(table: Table) -> list[str]:
    """Column widths in per cent, in proportion to characters: a number column as wide as its
    widest figure (numbers never wrap), a text column as its longest text up to 24 characters
    (longer text wraps) but never narrower than its longest word. A fixed table layout with
    these widths is much faster for WeasyPrint than its automatic one."""
    sample = [*table.rows[:300], *((table.total,) if table.total else ())]
    weights = []
    for index, column in enumerate(table.columns):
        texts = [row[index].text for row in sample]
        words = [w for t in (*texts, column.heading) for w in t.split()]
        longest_word = max((len(w) for w in words), default=4)
        longest = max((len(t) for t in texts), default=4)
        if column.numeric:
            weights.append(max(longest, longest_word, 4) + 1.5)
        else:
            weights.append(max(min(longest, 24), longest_word, 6) + 1.0)
    whole = sum(weights)
    return [f"{100 * w / whole:.1f}%" for w in weights]


def _table(table: Table) -> dict[str, Any]:
    return {
        "widths": _widths(table),
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
            "table": _table(block.table),
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
