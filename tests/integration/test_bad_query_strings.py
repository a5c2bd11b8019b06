"""A filter in a page's address that is not a valid choice (a hand-edited or stale link) is
ignored, as if not given, instead of failing with a server error."""

from __future__ import annotations

import pytest

from realise.demo.loader import DEMO_PASSWORD

pytestmark = pytest.mark.db

BAD = [
    "projects/?directorate=abc",
    "projects/?programme=1.5",
    "projects/?stage=99999999999999999999",
    "projects/?stage=-1",
    "risks/?likelihood=abc",
    "risks/?impact=%C2%BD",
    "risks/?programme=abc",
    "risks/?project=x&likelihood=3",
]


@pytest.fixture
def viewer(client, dorset):
    assert client.login(username="board@dorset.example", password=DEMO_PASSWORD)
    return client


@pytest.mark.parametrize("query", BAD)
def test_an_invalid_filter_is_ignored_not_a_server_error(viewer, query):
    page, _, _ = query.partition("?")
    response = viewer.get(f"/o/dorset/{query}")
    assert response.status_code == 200
    unfiltered = viewer.get(f"/o/dorset/{page}").content.decode()
    if "likelihood=3" in query:  # the valid filter still applies
        assert response.content.decode() != unfiltered
        assert "Clear filters" in response.content.decode()
    else:
        assert "Clear filters" not in response.content.decode()
