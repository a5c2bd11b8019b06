"""A production install serves its own static files: ``collectstatic`` with the production
settings, then the pages link content-hashed files that the app itself serves (WhiteNoise),
compressed and cacheable for a year. Runs in a subprocess, as a server would."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILT = ROOT / "src" / "realise" / "web" / "static" / "realise" / "realise.css"

SERVE = textwrap.dedent(
    """
    import django, re
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from django.test import Client
    client = Client()
    page = client.get("/sign-in/", secure=True)
    assert page.status_code == 200, page.status_code
    css = re.search(r'href="(/static/realise/realise\\.[0-9a-f]{12}\\.css)"', page.content.decode())
    assert css, "the page does not link a content-hashed stylesheet"
    sheet = client.get(css.group(1), secure=True, headers={"accept-encoding": "gzip"})
    print(sheet.status_code, sheet.headers.get("Content-Encoding"), sheet.headers["Cache-Control"])
    """
)


def test_production_serves_collected_static_files_with_hashed_names(tmp_path):
    if not BUILT.exists():
        pytest.skip("the front end is not built: run `make assets` (needs Node 20 and npm)")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "DJANGO_SETTINGS_MODULE": "realise.config.settings.production",
        "DJANGO_SECRET_KEY": "z" * 30 + "-static-files-test-secret-" + "q" * 30,
        "ALLOWED_HOSTS": "testserver",
        "REALISE_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT / "src"),
    }
    collect = subprocess.run(
        [sys.executable, "-m", "django", "collectstatic", "--noinput", "-v", "0"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert collect.returncode == 0, collect.stderr
    assert list((tmp_path / "static" / "realise").glob("realise.*.css.gz"))
    served = subprocess.run(
        [sys.executable, "-c", SERVE],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert served.returncode == 0, served.stderr
    status, encoding, cache_control = served.stdout.split(maxsplit=2)
    assert status == "200"
    assert encoding == "gzip"
    assert "max-age=315360000" in cache_control
