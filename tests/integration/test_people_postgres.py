"""Two TMO admins demoting or removing each other at the same moment on PostgreSQL: one succeeds,
the other is refused, and the council always keeps a TMO admin (the council's row is locked for
each membership change). Each admin is a thread with its own database connection."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from realise.accounts import services
from realise.accounts.models import Membership, Role
from tests.threads import at_once, skip_unless_postgresql

pytestmark = [pytest.mark.postgres, pytest.mark.db]

ROUNDS = 10


@pytest.fixture(autouse=True)
def _needs_postgresql(transactional_db):
    skip_unless_postgresql()


def _at_once(*works) -> tuple[list[object], list[BaseException]]:
    return at_once(list(works), timeout=60)


def _admins(org) -> int:
    return Membership.objects.filter(organisation=org, role=Role.TMO_ADMIN).count()


@pytest.mark.parametrize("how", ["demote", "remove"])
def test_two_admins_acting_on_each_other_at_once_leave_one_admin(world, how):
    org, first, second = world.org, world.users["admin"], world.users["finance"]
    for _ in range(ROUNDS):
        Membership.objects.filter(organisation=org, user__in=[first, second]).delete()
        for user in (first, second):
            Membership.objects.create(organisation=org, user=user, role=Role.TMO_ADMIN)

        def act(target, by):
            if how == "demote":
                return lambda: services.person_roles_set(
                    organisation=org, user=target, roles=[Role.VIEWER], by=by
                )
            return lambda: services.person_remove(organisation=org, user=target, by=by)

        done, refused = _at_once(act(second, first), act(first, second))
        assert len(done) == 1, refused
        assert len(refused) == 1
        assert isinstance(refused[0], ValidationError)
        assert "last TMO admin" in str(refused[0])
        assert _admins(org) == 1
