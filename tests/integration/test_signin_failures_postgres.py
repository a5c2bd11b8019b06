"""Sign-in failures counted under real concurrency, on PostgreSQL. A module of its own: its
test database is emptied after it (a transactional test), which must not meet another module's
data held open for a whole module (the Dorset demo in ``test_security``'s last test)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import authenticate
from django.db import connection
from django.test import RequestFactory

from realise.accounts import throttle

PASSWORD = "a-long-passphrase-9"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_failures_are_all_counted(django_user_model):
    """Twelve sign-ins failing at once from twelve addresses and many threads (each its own
    connection, as separate server processes would be) are all counted: no lost increments.
    PostgreSQL only: the test database on SQLite is in memory, where concurrent writers fail at
    once instead of waiting. (At most five from one address are checked:
    test_signin_race_postgres.py.)"""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (concurrent writers): run `make test-postgres`")
    django_user_model.objects.create_user(username="sam", password=PASSWORD)

    def fail(n: int) -> None:
        try:
            request = RequestFactory().post("/sign-in/", REMOTE_ADDR=f"203.0.113.{n}")
            assert authenticate(request, username="sam", password="wrong") is None
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        for future in [pool.submit(fail, n) for n in range(12)]:
            future.result()
    assert throttle.failures("sam") == 12
