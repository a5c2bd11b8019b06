"""Benchmark the web app on the Dorset demo: server time per page and the dashboard's request rate.

1. Server time per page: each page requested REPEAT times through Django's handler in-process
   (signed in as the TMO admin, DEBUG off), p50 and p95 in milliseconds.
2. Requests per second: a WSGI server from the standard library serves the app in a thread; the
   dashboard and a trivial view (/health/, no database) are each requested for SECONDS seconds
   over fresh connections, so both rates include the same HTTP overhead. The seconds are taken in
   ROUNDS alternating slices (trivial, dashboard, trivial, ...) so that a change in the machine's
   load during the run falls on both alike.

Targets (issue #4): dashboard p95 <= 100 ms (checked on the uncached dashboard, the worst case);
dashboard rate >= 50% of the trivial view's.
Run: .venv/bin/python bench/web.py   (results go in bench/RESULTS.md by hand)

BENCH_LOOKUPS chooses how each request finds its session, user, organisation and memberships:
"hand" (the default: what Realise runs, ``realise.core.rows`` and one SQL statement, ADR 0011),
"django" (Django's database session engine, ``ModelBackend.get_user`` and ORM queries) or
"cached_db" (the same with Django's cached_db session engine), to compare them on one machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

REPEAT = int(os.environ.get("BENCH_REPEAT", "50"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
LOOKUPS = os.environ.get("BENCH_LOOKUPS", "hand")
PAGES = [
    "/o/dorset/",
    "/o/dorset/projects/",
    "/o/dorset/projects/AH-01/",
    "/o/dorset/savings/",
    "/o/dorset/funding/",
    "/o/dorset/risks/",
    "/o/dorset/business-case/",
    "/o/dorset/savings/record/",
]


def setup() -> None:
    os.environ["REALISE_DATA_DIR"] = tempfile.mkdtemp(prefix="realise-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "realise.config.settings.local"
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    from django.core.management import call_command

    from realise.demo.loader import demo_load

    call_command("migrate", interactive=False, verbosity=0)
    demo_load()
    if LOOKUPS != "hand":
        use_djangos_lookups(cached=LOOKUPS == "cached_db")


def use_djangos_lookups(*, cached: bool) -> None:
    """Swap Realise's hand-written one-row lookups for what Django offers (ADR 0011's
    comparison): sessions, the signed-in user, the organisation and the memberships by the ORM."""
    from django.conf import settings
    from django.contrib.auth.backends import ModelBackend

    from realise.accounts import permissions, throttle
    from realise.accounts.models import Membership
    from realise.web import access

    engine = "cached_db" if cached else "db"
    settings.SESSION_ENGINE = f"django.contrib.sessions.backends.{engine}"
    throttle.ThrottledModelBackend.get_user = ModelBackend.get_user  # type: ignore[method-assign]
    access.row = lambda model, **where: model._default_manager.filter(**where).first()

    def memberships(user_id: int) -> list[tuple[int, str]]:
        held = Membership.objects.filter(user_id=user_id)
        return list(held.values_list("organisation_id", "role"))

    permissions._memberships = memberships


def page_times() -> list[tuple[str, float, float]]:
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    client.login(username="tmo@dorset.example", password="realise-demo-2023")
    rows = []
    for url in PAGES:
        assert client.get(url).status_code == 200, url
        times = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        rows.append((url, statistics.median(times), times[int(len(times) * 0.95) - 1]))
    # The dashboard again with its cache emptied before each request: the cost of the first view
    # after any change to the council's data (ADR 0011).
    times = []
    for _ in range(REPEAT):
        cache.clear()
        start = time.perf_counter()
        client.get(PAGES[0])
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    rows.append(
        (PAGES[0] + " (uncached)", statistics.median(times), times[int(len(times) * 0.95) - 1])
    )
    return rows


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def requests_in(base: str, path: str, cookie: str, seconds: float) -> int:
    """How many requests one client completes in ``seconds``."""
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})
    count, end = 0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        with urllib.request.urlopen(request) as response:
            response.read()
        count += 1
    return count


def rates() -> tuple[float, float]:
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from django.test import Client

    client = Client()
    client.login(username="tmo@dorset.example", password="realise-demo-2023")
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    server: WSGIServer = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        trivial = dashboard = 0.0
        for _ in range(ROUNDS):
            trivial += requests_in(base, "/health/", cookie, SECONDS / ROUNDS) / SECONDS
            dashboard += requests_in(base, "/o/dorset/", cookie, SECONDS / ROUNDS) / SECONDS
    finally:
        server.shutdown()
    return dashboard, trivial


def main() -> int:
    setup()
    print(f"Lookups: {LOOKUPS}")
    print(f"Server time per page ({REPEAT} requests each, DEBUG off)")
    print(f"{'page':34} {'p50 ms':>8} {'p95 ms':>8}")
    dashboard_p95 = 0.0
    for url, p50, p95 in page_times():
        print(f"{url:34} {p50:8.1f} {p95:8.1f}")
        if url.startswith("/o/dorset/ "):  # the uncached dashboard: the worst case
            dashboard_p95 = p95
    dashboard, trivial = rates()
    share = dashboard / trivial * 100
    print(
        f"\nRequests per second over {SECONDS:g} s each, in {ROUNDS} alternating slices"
        " (stdlib WSGI server, one client)"
    )
    print(f"  trivial view /health/  {trivial:8.1f}")
    print(f"  dashboard              {dashboard:8.1f}  ({share:.0f}% of the trivial view)")
    ok = dashboard_p95 <= 100 and share >= 50
    print(f"\nTargets: dashboard p95 <= 100 ms and >= 50% of trivial: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
    sys.exit(main())
