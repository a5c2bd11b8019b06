"""The Dorset demo, loaded once per module inside a transaction that is rolled back after it."""

from __future__ import annotations

import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def dorset_loaded(django_db_setup, django_db_blocker):
    from realise.demo.loader import demo_load

    with django_db_blocker.unblock(), transaction.atomic():
        result = demo_load()
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def dorset(dorset_loaded, db):
    return dorset_loaded.organisation
