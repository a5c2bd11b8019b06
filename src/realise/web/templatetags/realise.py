"""Template filters for figures: money the GOV.UK way, percentages and financial years.

Figures are computed in selectors or ``realise.finance``; these only present them, rounding once.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from typing import Any

from django import template
from django.forms import BoundField
from django.template.base import NodeList, Parser, Token
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe

from realise.finance.money import format_money, format_percent
from realise.reports.context import Cell, Table

register = template.Library()


@register.filter
def money(value: Decimal | None) -> str:
    """``£1,234`` or ``£1,234.50``, negatives ``−£1,234``; a dash for nothing."""
    if value is None:
        return "–"
    return format_money(Decimal(value))


@register.filter
def pounds(value: Decimal | None) -> str:
    """Whole pounds, for dense tables: ``£1,235``."""
    if value is None:
        return "–"
    return format_money(Decimal(value), places=0)


@register.filter
def millions(value: Decimal | None) -> str:
    """``£1.2m``."""
    if value is None:
        return "–"
    return format_money(Decimal(value), unit="m")


@register.filter
def pct(value: Decimal | None) -> str:
    """``87.5%`` (one decimal place, half up); a dash when there is nothing to divide by."""
    if value is None:
        return "–"
    return format_percent(Decimal(value), 1)


def _cells(row: tuple[Cell, ...], table: Table, *, total: bool) -> list[dict[str, Any]]:
    return [
        {
            "text": cell.text,
            "spoken": cell.spoken,
            "key": cell.key,
            "numeric": column.numeric and (bool(cell.text) or not total),
            "strong": total and bool(cell.text),
        }
        for cell, column in zip(row, table.columns, strict=True)
    ]


@register.inclusion_tag("web/components/table.html")
def govuk_table(table: Table, caption_size: str = "m") -> dict[str, Any]:
    """A table context (``realise.reports.context.Table``, as the reports render it) as a GOV.UK
    table: the first cell of each row a row header, figures right-aligned, a cell's ``key`` as
    ``data-figure``, a dash with its ``spoken`` words for a screen reader, the total row in bold
    and the notes after it. The figures' text is the builder's, unchanged."""
    return {
        "table": table,
        "caption_size": caption_size,
        "rows": [_cells(row, table, total=False) for row in table.rows],
        "total": _cells(table.total, table, total=True) if table.total else None,
    }


@register.filter
def field_id(field: BoundField) -> str:
    """The id an error summary links to: the first input of a date, else the field's own."""
    widget = field.field.widget
    if getattr(widget, "govuk_kind", "") == "date":
        return f"{field.auto_id}-day"
    kind = widget_kind(field)
    if kind in ("radios", "checkboxes") or getattr(widget, "input_type", "") == "radio":
        return f"{field.auto_id}_0"
    return str(field.auto_id)


@register.filter
def widget_kind(field: BoundField) -> str:
    """Which GOV.UK component renders the field."""
    widget = field.field.widget
    kind = getattr(widget, "govuk_kind", "")
    if kind:
        return str(kind)
    name = type(widget).__name__
    return {
        "Select": "select",
        "Textarea": "textarea",
        "RadioSelect": "radios",
        "CheckboxInput": "checkbox",
        "CheckboxSelectMultiple": "checkboxes",
        "SelectMultiple": "checkboxes",
        "HiddenInput": "hidden",
        "FileInput": "file",
        "ClearableFileInput": "file",
    }.get(name, "input")


@register.simple_tag
def query(request: Any, **changes: Any) -> str:
    """The current query string with ``changes`` applied (``None`` removes a key)."""
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    params.pop("page", None) if "page" not in changes else None
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("web/components/pagination.html", takes_context=True)
def govuk_pagination(context: template.Context, page: Any, label: str) -> dict[str, Any]:
    """The GOV.UK pagination component for a Django ``Page``, named ``label`` ("Pages of
    changes"): previous and next, the page numbers with ellipses between, each link the current
    query string (the filters) with only the page changed. Nothing for a single page."""
    request = context["request"]
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return {"show": False}

    def href(number: int) -> str:
        return query(request, page=None if number == 1 else number)

    items = [
        {"ellipsis": True}
        if number == paginator.ELLIPSIS
        else {"number": number, "href": href(number), "current": number == page.number}
        for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return {
        "show": True,
        "label": label,
        "items": items,
        "previous": href(page.previous_page_number()) if page.has_previous() else "",
        "next": href(page.next_page_number()) if page.has_next() else "",
    }


def _choices(field: BoundField) -> list[dict[str, Any]]:
    value = field.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    items = []
    for index, (key, label) in enumerate(field.field.choices):
        key_text = "" if key is None else str(getattr(key, "value", key))
        items.append(
            {
                "value": key_text,
                "label": label,
                "selected": key_text in chosen,
                "id": f"{field.auto_id}_{index}",
            }
        )
    return items


@register.inclusion_tag("web/components/field.html")
def govuk_field(field: BoundField, classes: str = "", label_size: str = "") -> dict[str, Any]:
    """Render a form field as the matching GOV.UK component: label, hint, error message, input."""
    kind = widget_kind(field)
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    value = field.value()
    widget = field.field.widget
    return {
        "field": field,
        "kind": kind,
        "classes": classes,
        "label_size": label_size,
        "describedby": " ".join(described),
        "value": "" if value is None else value,
        "choices": _choices(field) if kind in ("select", "radios", "checkboxes") else [],
        "parts": widget.parts(value) if kind == "date" else {},
        "input_type": getattr(widget, "input_type", "text") or "text",
        "inputmode": widget.attrs.get("inputmode", ""),
        "autocomplete": widget.attrs.get("autocomplete", ""),
        "accept": widget.attrs.get("accept", ""),
    }


@register.filter
def first_field_id(form: Any) -> str:
    """Where a whole-form error links: the first field a person can see."""
    for field in form.visible_fields():
        return field_id(field)
    return "main-content"


_CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.S)
_CHART_TITLE = re.compile(r"<svg[^>]*>\s*<title[^>]*>(.*?)</title>", re.S)


class _ScrollableNode(template.Node):
    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        inner = self.nodelist.render(context)
        if "<table" in inner:
            caption = _CAPTION.search(inner)
            label = html.unescape(strip_tags(caption.group(1))) if caption else "Table"
        elif "<svg" in inner:
            title = _CHART_TITLE.search(inner)
            label = f"Chart: {html.unescape(title.group(1))}" if title else "Chart"
        else:  # an empty state, such as "No risks found."
            return mark_safe(inner)  # the template engine escaped it
        return format_html(
            '<div class="realise-scroll" tabindex="0" role="region" aria-label="{}">{}</div>',
            " ".join(label.split()),
            mark_safe(inner),
        )


@register.tag
def scrollable(parser: Parser, token: Token) -> _ScrollableNode:
    """``{% scrollable %}<table>...</table>{% endscrollable %}``: a table that scrolls sideways in
    its own region when wider than the screen, so the page never does (WCAG 1.4.10 reflow). The
    region is named after the table's caption and takes keyboard focus, so it can be scrolled
    with the arrow keys. A chart (``realise.reports.charts``) wrapped the same way keeps its
    natural width on a narrow screen, so its text stays readable, and scrolls in a region named
    after its title. Nothing is wrapped when the block renders no table or chart."""
    nodelist = parser.parse(("endscrollable",))
    parser.delete_first_token()
    return _ScrollableNode(nodelist)
