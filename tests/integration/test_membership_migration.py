"""Migration 0005 gives existing memberships the name their council has been shown so far (the
account's) and, as when the person was added, the creation date in the audit trail; all of a
person's roles in a council take the earliest, and their audit-trail rows the same values."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.db, pytest.mark.django_db(transaction=True)]

# The councils' tables as they are now (plan years and all), the memberships' as they were.
BEFORE = [
    ("accounts", "0004_sign_in_failure_addresses"),
    ("portfolio", "0006_organisation_plan_years"),
]
AFTER = [("accounts", "0005_membership_name_and_joined")]
ADDED = datetime(2025, 4, 1, 9, 0, tzinfo=UTC)
LATER = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_memberships_get_the_accounts_name_and_their_first_creation_date():
    apps = _migrate(BEFORE)
    try:
        user_model = apps.get_model("auth", "User")
        organisation_model = apps.get_model("portfolio", "Organisation")
        membership = apps.get_model("accounts", "Membership")
        history = apps.get_model("accounts", "HistoricalMembership")
        org = organisation_model.objects.create(slug="testshire", name="Testshire Council")
        jo = user_model.objects.create(username="jo", first_name="Jo", last_name="Bloggs")
        viewer = membership.objects.create(organisation=org, user=jo, role="viewer")
        finance = membership.objects.create(organisation=org, user=jo, role="finance")
        for row, when in ((viewer, ADDED), (finance, LATER)):
            history.objects.create(
                id=row.pk,
                organisation=org,
                user=jo,
                role=row.role,
                history_date=when,
                history_type="+",
            )
        apps = _migrate(AFTER)
        membership = apps.get_model("accounts", "Membership")
        history = apps.get_model("accounts", "HistoricalMembership")
        rows = membership.objects.filter(user_id=jo.pk)
        assert {(m.name, m.joined) for m in rows} == {("Jo Bloggs", ADDED)}
        assert {(h.name, h.joined) for h in history.objects.all()} == {("Jo Bloggs", ADDED)}
    finally:  # back to the latest migrations, whatever came after 0005
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
