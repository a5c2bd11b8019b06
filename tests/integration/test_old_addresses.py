"""Bookmarks to the old /accounts/... addresses keep working: the audit pages moved to the audit
room under /o/<council>/ and the token pages to /tokens/, and each old address redirects there
permanently, keeping the change log's filters."""

import pytest

pytestmark = pytest.mark.db


def test_the_old_audit_and_token_addresses_redirect_to_the_new_ones(client, world):
    client.force_login(world.users["admin"])
    moved = {
        "/accounts/dorset/changes/?user=1": "/o/dorset/changes/?user=1",
        f"/accounts/dorset/projects/{world.project_a.pk}/history/": (
            f"/o/dorset/projects/{world.project_a.pk}/history/"
        ),
        "/accounts/dorset/tokens/": "/o/dorset/tokens/",
        "/accounts/tokens/": "/tokens/",
    }
    for old, new in moved.items():
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
        assert client.get(new).status_code == 200, new
