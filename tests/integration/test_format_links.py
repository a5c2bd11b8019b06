"""Every page that offers downloads lists the formats of the one registry
(``realise.reports.formats``), with its labels, in its order, and the API documents the same list
formats (ADR 0024)."""

from __future__ import annotations

import re

import pytest

from realise.demo.loader import DEMO_PASSWORD
from realise.reports.formats import LIST_FORMATS, REPORT_FORMATS

pytestmark = pytest.mark.db


@pytest.fixture
def viewer(client, dorset):
    assert client.login(username="board@dorset.example", password=DEMO_PASSWORD)
    return client


def _links(page: str, pattern: str) -> list[tuple[str, str]]:
    """(format key, link text) of each link whose address matches ``pattern`` (one group)."""
    found = []
    for href, text in re.findall(r'<a class="govuk-link" href="([^"]+)">(.*?)</a>', page, re.S):
        match = re.search(pattern, href)
        if match:
            found.append((match.group(1), re.sub(r"<[^>]+>.*", "", text).strip()))
    return found


def test_the_reports_page_offers_each_report_format_with_its_label(viewer):
    page = viewer.get("/o/dorset/reports/").content.decode()
    annual = [
        (key, text)
        for key, text in _links(page, r"/annual/[^/]+\.(\w+)$")
        if text.startswith("Download the annual report")
    ]
    assert [key for key, _ in annual] == [f.value for f in REPORT_FORMATS]
    assert [text.rsplit("(", 1)[1].rstrip(")") for _, text in annual] == [
        f.label for f in REPORT_FORMATS
    ]
    assert "Export lists as Excel, OpenDocument spreadsheet or CSV" in page


def test_the_savings_page_and_the_export_page_offer_each_list_format(viewer):
    for path in ("/o/dorset/savings/", "/o/dorset/export/"):
        page = viewer.get(path).content.decode()
        links = _links(page, r"/export/savings\.(\w+)$")
        assert links == [(f.value, f.label) for f in LIST_FORMATS], path


def test_the_business_case_page_offers_each_report_format(viewer):
    page = viewer.get("/o/dorset/business-case/?example=dorset-our-future-council.yaml")
    links = _links(page.content.decode(), r"/business-case/financial-case\.(\w+)\?")
    assert [key for key, _ in links] == [f.value for f in REPORT_FORMATS]


def test_the_api_documents_the_list_formats_and_their_content_types(client):
    schema = client.get("/api/openapi.json").json()
    operation = next(
        op["get"] for path, op in schema["paths"].items() if path.endswith("/exports/{kind}")
    )
    parameter = next(p for p in operation["parameters"] if p["name"] == "format")
    assert parameter["schema"]["enum"] == [f.value for f in LIST_FORMATS]
    documented = operation["responses"]["200"]["content"]
    assert sorted(documented) == sorted(f.content_type.split(";")[0] for f in LIST_FORMATS)
