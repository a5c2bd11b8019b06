"""Browser tests: Playwright driving Debian's Chromium against the live app.

The app runs as `runserver` in a subprocess over a fresh SQLite database loaded with the Dorset
demo (`realise demo --no-serve`), exactly as `make demo` serves it. Needs the `chromium` system
package and the front end built with `make assets`; without them the tests skip and say so.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CSS = ROOT / "src" / "realise" / "web" / "static" / "realise" / "realise.css"
SHOTS = ROOT / "artifacts" / "screenshots"
PASSWORD = "realise-demo-2023"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def _need() -> str:
    if not CHROMIUM.exists():
        return "Chromium is not installed: apt-get install chromium (CI's .ci/run does this)"
    if not AXE.exists() or not CSS.exists():
        return "the front end is not built: run `make assets` (npm installs axe-core)"
    return ""


def pytest_collection_modifyitems(config, items):
    reason = _need()
    if not reason:
        return
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=f"Browser tests skipped: {reason}"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _environment(data: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "REALISE_DATA_DIR": str(data),
        "DJANGO_SETTINGS_MODULE": "realise.config.settings.local",
        **extra,
    }
    env.pop("DATABASE_URL", None)
    return env


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory) -> Path:
    """A data folder holding a fresh database with the Dorset demo, for this test session."""
    data = tmp_path_factory.mktemp("realise-data")
    realise = str(Path(sys.executable).with_name("realise"))
    env = _environment(data)
    subprocess.run([realise, "demo", "--no-serve"], env=env, check=True, capture_output=True)
    return data


@contextmanager
def serving(data: Path, **extra_env: str):
    """`runserver` over the database in ``data`` (``extra_env`` added to its environment); yields
    its base URL and stops it after."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=_environment(data, **extra_env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/sign-in/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        pytest.fail("The web app did not start")
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def live_app(demo_data):
    """Base URL of the demo app, served from a fresh database for this test session."""
    with serving(demo_data) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


def watched_context(browser, **options):
    """A browser context (one person's cookies) that notes whatever the Content-Security-Policy
    blocks on any of its pages (Chromium says so on the console): check_accessibility fails on
    any."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    context.blocked = []
    context.on(
        "console",
        lambda message: (
            context.blocked.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return context


@contextmanager
def new_tab(browser, base_url: str):
    """A tab in a browser context of its own (its own cookies: one person), closed after."""
    context = watched_context(browser, base_url=base_url)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def page(browser, live_app):
    with new_tab(browser, live_app) as tab:
        yield tab


def sign_in(page, email: str) -> None:
    page.goto("/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url("**/o/dorset/")


def check_accessibility(page, name: str) -> None:
    """Fail if the Content-Security-Policy blocked anything on the page so far; then inject
    axe-core, run the WCAG 2.0/2.1/2.2 A and AA rules, save a screenshot, and fail with each
    violation's rule, help text and the offending elements."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    blocked = page.context.blocked
    assert blocked == [], f"{name}: the Content-Security-Policy blocked {blocked}"
    # Evaluated through the DevTools protocol rather than added as a <script>: the page's
    # Content-Security-Policy rightly refuses a script that is not a file from Realise.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    problems = [
        {
            "rule": v["id"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    assert problems == [], f"{name}: {json.dumps(problems, indent=1)}"
