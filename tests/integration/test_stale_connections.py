"""PostgreSQL drops every connection (a restart, a failover) while the server keeps its own
between requests (CONN_MAX_AGE): the next requests must still answer, not fail once per stale
connection.

The requests go through Django's real WSGI handler in this thread, so each one starts and ends
with Django's own connection handling (``close_old_connections``) and reuses the thread's kept
connection, as a server's worker thread does. (Django's test Client switches that handling off,
so it cannot show this.)"""

from __future__ import annotations

import io

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client

pytestmark = [pytest.mark.postgres, pytest.mark.db]


def _get(handler: WSGIHandler, path: str, cookie: str) -> int:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": cookie,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
    }
    status: list[str] = []
    body = handler(environ, lambda s, headers, exc_info=None: status.append(s))
    try:
        b"".join(body)
    finally:
        body.close()  # ends the request: Django's request_finished handling runs here
    return int(status[0].split()[0])


def _terminate_every_other_backend() -> int:
    """What a PostgreSQL restart does to the server's kept connections, from a connection of
    its own."""
    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    ) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return len(rows)


@pytest.mark.django_db(transaction=True)
def test_pages_still_answer_after_postgresql_drops_the_kept_connections(django_user_model):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (to drop its connections): set DATABASE_URL=postgres://...")
    assert connection.settings_dict["CONN_MAX_AGE"] > 0  # connections are kept between requests
    user = django_user_model.objects.create_user(username="jo", password="a-long-passphrase-9")
    client = Client()
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    handler = WSGIHandler()
    # The tokens page reads the session and the user (realise.core.rows) and the user's tokens.
    before = [_get(handler, "/tokens/", cookie)]
    kept = connection.connection
    before += [_get(handler, "/tokens/", cookie) for _ in range(2)]
    assert kept is not None
    assert connection.connection is kept  # the same connection served all three

    assert _terminate_every_other_backend() >= 1
    after = [_get(handler, "/tokens/", cookie) for _ in range(3)]

    assert before == [200, 200, 200]
    assert after == [200, 200, 200]  # not a 500 for the dropped connection first
