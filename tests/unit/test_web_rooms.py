"""The web pages are cut into rooms, one per domain (ADR 0021): each room is a package of
``realise.web`` with the same shape, and the shared layout (page helpers, form bases, widgets,
template tags, components) lives once, in ``realise.web`` itself. Read from the source tree: no
database, no Django."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "src" / "realise" / "web"
ROOMS = (
    "core",
    "portfolio",
    "benefits",
    "funding",
    "risks",
    "cases",
    "people",
    "reports",
    "settings",
    "reconciliation",
)
SHARED = ("pages.py", "forms.py", "widgets.py", "figures.py", "context.py", "urls.py")


def _python(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "static" not in p.parts)


@pytest.mark.parametrize("room", ROOMS)
def test_every_room_has_the_same_shape(room):
    home = WEB / room
    assert (home / "__init__.py").is_file()
    assert (home / "apps.py").is_file()  # a Django app of its own, so its templates are found
    assert (home / "urls.py").is_file()
    assert (home / "views.py").is_file() or (home / "views" / "__init__.py").is_file()
    templates = home / "templates" / "web" / room
    assert sorted(templates.glob("*.html")), f"no templates in {templates}"


def test_the_shared_layout_is_in_one_place():
    for name in SHARED:
        assert (WEB / name).is_file(), name
    assert (WEB / "templatetags" / "realise.py").is_file()
    assert (WEB / "templates" / "web" / "base.html").is_file()
    assert (WEB / "templates" / "web" / "components" / "field.html").is_file()
    assert not (WEB / "views").exists()
    assert not (WEB / "access.py").exists()
    leftovers = sorted(p.name for p in (WEB / "templates" / "web").glob("*.html"))
    assert leftovers == ["base.html", "form_page.html"]


def test_rooms_share_only_through_the_layout():
    """A room imports the shared layout, never another room."""
    crossing = []
    for room in ROOMS:
        for path in _python(WEB / room):
            for other in re.findall(r"realise\.web\.(\w+)", path.read_text()):
                if other in ROOMS and other != room:
                    crossing.append(f"{path.relative_to(WEB)} -> {other}")
    assert crossing == []


def test_no_module_of_the_web_is_over_400_lines():
    long = {
        str(p.relative_to(WEB)): n
        for p in _python(WEB)
        if (n := len(p.read_text().splitlines())) > 400
    }
    assert long == {}


QUERY = re.compile(
    r"\.objects\b|_default_manager|get_object_or_404|\.values_list\(|\.aggregate\(|\.history\b"
)


def test_the_pages_ask_selectors_and_services_and_build_no_query_themselves():
    building = [
        f"{p.relative_to(WEB)}:{n}"
        for p in _python(WEB)
        for n, line in enumerate(p.read_text().splitlines(), start=1)
        if QUERY.search(line)
    ]
    assert building == []
