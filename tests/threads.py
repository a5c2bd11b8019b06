"""Run pieces of work at the same moment, each in its own thread with its own database connection,
as separate server processes would: for the PostgreSQL concurrency tests."""

from __future__ import annotations

import threading
from collections.abc import Callable


def at_once(works: list[Callable[[], object]], *, timeout: float = 120) -> tuple[list, list]:
    """Start every piece of work together (a barrier), wait for all; returns what the ones that
    finished returned and the exceptions the others raised, for the test to assert on."""
    from django.db import connections

    done: list[object] = []
    raised: list[BaseException] = []
    start = threading.Barrier(len(works))

    def wrap(work: Callable[[], object]) -> None:
        try:
            start.wait()
            done.append(work())
        except BaseException as exc:  # collected for the test to assert on
            raised.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=wrap, args=(w,)) for w in works]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=timeout)
    return done, raised


def skip_unless_postgresql() -> None:
    """Concurrency tests mean something only with real row locks: skip, saying how to run them."""
    import pytest
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (row locks under real concurrency): set DATABASE_URL="
            "postgres://... or run `make test-postgres`"
        )
