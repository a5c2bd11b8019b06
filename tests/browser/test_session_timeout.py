"""The warning before an idle session ends, in real Chromium against a server whose idle limit is
24 seconds (REALISE_SESSION_IDLE_MINUTES=0.4), so the warning comes 12 seconds before the end.
The waits are real: the server keeps time by its own clock."""

from __future__ import annotations

import time

import pytest

from tests.browser.conftest import check_accessibility, new_tab, serving, sign_in

pytestmark = pytest.mark.browser

IDLE = 24
WARNING = 12  # half of a limit this short (two minutes with the default 30)


@pytest.fixture(scope="module")
def short_sessions(demo_data):
    with serving(demo_data, REALISE_SESSION_IDLE_MINUTES=str(IDLE / 60)) as base:
        yield base


def _warning_shown(page, since: float):
    dialog = page.get_by_role("alertdialog", name="You are about to be signed out")
    dialog.wait_for(state="visible", timeout=(IDLE + 10) * 1000)
    assert time.monotonic() - since >= IDLE - WARNING - 2  # not long before it is due
    return dialog


def test_the_warning_takes_focus_and_stay_signed_in_keeps_the_session(browser, short_sessions):
    with new_tab(browser, short_sessions) as page:
        policy_errors: list[str] = []
        page.on(
            "console",
            lambda m: policy_errors.append(m.text) if "Permissions-Policy" in m.text else None,
        )
        sign_in(page, "tmo@dorset.example")
        loaded = time.monotonic()
        dialog = _warning_shown(page, loaded)
        assert page.evaluate("document.activeElement.id") == "session-timeout"
        assert "we will sign you out in" in dialog.inner_text()
        assert "seconds" in dialog.locator("[data-session-countdown]").inner_text()
        check_accessibility(page, "session-timeout-warning")
        page.set_viewport_size({"width": 390, "height": 844})
        check_accessibility(page, "session-timeout-warning-390")

        page.keyboard.press("Tab")  # from the dialog to its first button
        assert page.evaluate("document.activeElement.textContent") == "Stay signed in"
        page.keyboard.press("Enter")
        dialog.wait_for(state="hidden", timeout=5000)
        assert time.monotonic() - loaded < IDLE

        # Past the moment the session would have ended without "Stay signed in":
        time.sleep(max(0.0, loaded + IDLE + 2 - time.monotonic()))
        page.reload()
        assert page.url.endswith("/o/dorset/")
        assert page.locator("body[data-session-idle-seconds]").count() == 1  # signed in
        assert policy_errors == []  # Chromium knows every feature the policy names


def test_an_idle_session_ends_on_its_own_and_the_sign_in_page_says_why(browser, short_sessions):
    with new_tab(browser, short_sessions) as page:
        sign_in(page, "board@dorset.example")
        loaded = time.monotonic()
        _warning_shown(page, loaded)
        page.wait_for_url("**/sign-in/?next=%2Fo%2Fdorset%2F", timeout=(IDLE + 10) * 1000)
        assert time.monotonic() - loaded >= IDLE - 1
        banner = page.get_by_role("region", name="Important")
        assert banner.inner_text().endswith(
            "You were signed out because you had not used Realise for 24 seconds. "
            "Sign in again to carry on."
        )
        check_accessibility(page, "session-timeout-signed-out")
        page.goto("/o/dorset/")
        assert "/sign-in/" in page.url


def test_sign_out_in_the_warning_signs_out_at_once(browser, short_sessions):
    with new_tab(browser, short_sessions) as page:
        page.set_viewport_size({"width": 390, "height": 844})
        sign_in(page, "tmo@dorset.example")
        dialog = _warning_shown(page, time.monotonic())
        dialog.get_by_role("link", name="Sign out").click()
        page.wait_for_url("**/sign-in/", timeout=5000)
        page.goto("/o/dorset/")
        assert "/sign-in/" in page.url


def test_the_page_for_a_form_that_could_not_be_sent_is_accessible(page):
    page.goto("/sign-in/")
    page.context.clear_cookies()  # as if the page had been open across a sign-out elsewhere
    page.fill("#id_username", "tmo@dorset.example")
    page.fill("#id_password", "realise-demo-2023")
    with page.expect_response("**/sign-in/") as sent:
        page.click("button:has-text('Sign in')")
    assert sent.value.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Your form could not be sent"
    check_accessibility(page, "csrf-failure")
