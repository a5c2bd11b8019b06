"""Schemathesis against the API in-process (WSGI): generated requests for every operation, signed
in as a TMO admin and as finance of the demo-like council, must never cause a server error and
every response must match the OpenAPI schema (status code, content type, body)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from realise.config.wsgi import application

pytestmark = pytest.mark.db

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection_open():
    """Like Django's test client: requests made straight to the WSGI app must not close the
    database connection that holds the test's transaction (PostgreSQL would lose it)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.parametrize("role", ["admin", "finance"])
def test_generated_requests_get_no_server_error_and_conform_to_the_schema(case, world, role):
    if "org" in (case.path_parameters or {}):
        case.path_parameters["org"] = "dorset"  # mostly the council the user belongs to
    case.call_and_validate(headers={"Authorization": f"Bearer {world.tokens[role]}"}, checks=CHECKS)
