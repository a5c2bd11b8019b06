"""Lists exported through the API as spreadsheet files."""

import pytest

from realise.reports.formats import Format

pytestmark = pytest.mark.db


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv"])
def test_any_list_exports_through_the_api_in_each_format(client, world, fmt):
    response = client.get(
        f"/api/orgs/dorset/exports/projects?format={fmt}", **world.headers("viewer")
    )
    assert response.status_code == 200
    assert "dorset-projects" in response["Content-Disposition"]

    assert response["Content-Type"] == Format(fmt).content_type
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        assert "A-1" in text
        assert "B-1" in text
        assert "W-1" not in text


def test_an_unknown_export_kind_is_a_json_error(client, world):
    response = client.get("/api/orgs/dorset/exports/bananas", **world.headers("viewer"))
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["field"] == "kind"
