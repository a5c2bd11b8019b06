"""Settings → People in real Chromium: every page and error state passes axe-core's WCAG 2.2 A and
AA rules; a TMO admin adds a person, who opens the set-password link, sets a password and signs
in. Nobody is removed: the other browser tests share the demo database."""

from __future__ import annotations

import secrets

import pytest

from tests.browser.conftest import check_accessibility, sign_in, watched_context

pytestmark = pytest.mark.browser

PEOPLE = "/o/dorset/settings/people/"


def _checked(page, name: str, failures: list[str]) -> None:
    try:
        check_accessibility(page, name)
    except AssertionError as error:
        failures.append(str(error))


def _person_page(page, email: str) -> None:
    page.goto(PEOPLE)
    page.locator(f'tr[data-person="{email}"] a', has_text="Change").click()
    page.wait_for_url("**/settings/people/*/")


def test_the_people_pages_and_their_errors_are_accessible(page):
    sign_in(page, "tmo@dorset.example")
    failures: list[str] = []
    page.goto(PEOPLE)
    assert page.locator('tr[data-person="board@dorset.example"]').is_visible()
    _checked(page, "people", failures)
    page.goto(f"{PEOPLE}?order=desc")
    _checked(page, "people-descending", failures)

    _person_page(page, "board@dorset.example")
    _checked(page, "person", failures)
    page.uncheck("#id_roles_0")
    page.click("button:has-text('Save roles')")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    _checked(page, "person-errors", failures)
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_roles_0"

    _person_page(page, "board@dorset.example")
    page.click("text=Remove DARTboard Member from Dorset Council")
    page.locator("h1", has_text="Remove DARTboard Member from Dorset Council?").wait_for()
    assert page.locator("h1", has_text="Remove DARTboard Member from Dorset Council?").is_visible()
    _checked(page, "person-remove", failures)

    _person_page(page, "tmo@dorset.example")
    page.click("a.govuk-button--warning")
    page.locator(".govuk-error-summary", has_text="last TMO admin").wait_for()
    assert page.locator(".govuk-error-summary", has_text="last TMO admin").is_visible()
    _checked(page, "person-remove-refused", failures)

    page.goto(f"{PEOPLE}add/")
    _checked(page, "person-add", failures)
    page.click("button:has-text('Add person')")
    page.locator(".govuk-error-summary").wait_for()
    assert page.locator(".govuk-error-summary").is_visible()
    _checked(page, "person-add-errors", failures)
    page.goto("/set-password/MQ/not-a-token/")
    assert page.locator("h1", has_text="This link does not work").is_visible()
    _checked(page, "set-password-invalid", failures)
    assert failures == []


def test_a_new_person_sets_a_password_from_their_link_and_signs_in(page, browser, live_app):
    email = f"new.{secrets.token_hex(3)}@dorset.example"
    password = "heather-bridge-canal-31"
    sign_in(page, "tmo@dorset.example")
    failures: list[str] = []
    page.goto(PEOPLE)
    page.click("text=Add a person")
    page.fill("#id_email", email)
    page.fill("#id_name", "Alex Newcomer")
    page.check("#id_role_0")  # Viewer
    page.click("button:has-text('Add person')")
    page.locator(".govuk-panel__title", has_text="Alex Newcomer added").wait_for()
    assert page.locator(".govuk-panel__title", has_text="Alex Newcomer added").is_visible()
    _checked(page, "person-added", failures)
    link = page.locator("#set-password-link").inner_text().strip()
    assert link.startswith(f"{live_app}/set-password/")

    context = watched_context(browser)
    theirs = context.new_page()
    try:
        theirs.goto(link)
        assert theirs.locator("h1", has_text="Set your password").is_visible()
        _checked(theirs, "set-password", failures)
        theirs.fill("#id_new_password1", password)
        theirs.fill("#id_new_password2", "something-else-entirely")
        theirs.click("button:has-text('Set password')")
        theirs.locator(".govuk-error-summary", has_text="do not match").wait_for()
        assert theirs.locator(".govuk-error-summary", has_text="do not match").is_visible()
        _checked(theirs, "set-password-errors", failures)
        theirs.fill("#id_new_password1", password)
        theirs.fill("#id_new_password2", password)
        theirs.click("button:has-text('Set password')")
        theirs.locator(".govuk-panel__title", has_text="Password set").wait_for()
        assert theirs.locator(".govuk-panel__title", has_text="Password set").is_visible()
        _checked(theirs, "set-password-done", failures)
        theirs.click("a.govuk-button:has-text('Sign in')")
        theirs.fill("#id_username", email)
        theirs.fill("#id_password", password)
        theirs.click("main button[type=submit]")
        theirs.wait_for_url("**/o/dorset/")
        assert theirs.locator(".govuk-service-navigation__link", has_text="Settings").count() == 0
    finally:
        context.close()

    page.goto(PEOPLE)
    row = page.locator(f'tr[data-person="{email}"]')
    assert "Viewer" in row.inner_text()
    assert "Never" not in row.inner_text()
    assert failures == []
