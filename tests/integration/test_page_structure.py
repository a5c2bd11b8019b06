"""Server-rendered structure that assistive technology and small screens rely on: wide tables in
labelled, focusable scroll regions (never an empty region where a page says there is nothing)."""

from __future__ import annotations

import re

import pytest

from realise.demo.loader import DEMO_PASSWORD

pytestmark = pytest.mark.db

REGION = re.compile(
    r'<div class="realise-scroll" tabindex="0" role="region" aria-label="([^"]*)">\s*'
    r'<table class="govuk-table[^"]*"[^>]*>\s*<caption[^>]*>(.*?)</caption>',
    re.S,
)


@pytest.fixture
def admin(client, dorset):
    assert client.login(username="tmo@dorset.example", password=DEMO_PASSWORD)
    return client


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/o/dorset/projects/", "51 projects"),
        ("/o/dorset/", "Cashable savings by financial year"),
        ("/o/dorset/risks/", "Open risks by likelihood and impact, as they stand now"),
        ("/o/dorset/projects/AH-01/", "Ledger entries"),
    ],
)
def test_a_wide_table_scrolls_in_a_region_named_after_its_caption(admin, path, label):
    page = admin.get(path).content.decode()
    regions = REGION.findall(page)
    assert label in [name for name, _ in regions]
    for name, caption in regions:
        assert name == " ".join(re.sub(r"<[^>]+>", "", caption).split())


def test_no_region_is_left_where_a_section_has_no_table(admin):
    page = admin.get("/o/dorset/projects/AH-01/").content.decode()
    assert "No risks found." in page or "No risks" in page
    assert page.count('class="realise-scroll"') == page.count("<table")


def test_a_chart_keeps_its_size_in_a_region_named_after_its_title(admin):
    """On a narrow screen the chart scrolls at its natural size, its text readable, rather than
    shrinking (the browser test measures it)."""
    page = admin.get("/o/dorset/").content.decode()
    assert (
        '<div class="realise-scroll" tabindex="0" role="region" '
        'aria-label="Chart: Savings budgeted and achieved by financial year"><svg' in page
    )
