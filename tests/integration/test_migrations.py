"""Models and migrations agree."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.db


def test_no_model_change_is_missing_a_migration(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
