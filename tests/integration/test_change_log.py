"""The change log in words and in pages: fields by their labels, related records by their names,
choices and dates in words; every change reachable, fifty to a page, the filters kept in the page
links; the queries a page costs do not grow with its length. And the audit and token pages keep
the council's menu."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from realise.audit.changes import PAGE_SIZE, change_log
from realise.core.concurrency import LATEST, current_version
from realise.portfolio.services import directorate_create, project_update

pytestmark = pytest.mark.db

LOG = "/o/dorset/changes/"


def _edit(world, project, by: str, **changes) -> None:
    project_update(project=project, seen_version=LATEST, changes=changes, by=world.users[by])


def _rows(page: str) -> list[str]:
    body = page.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', body, re.S)


def test_a_change_shows_labels_names_choices_and_dates_in_words(client, world):
    place = directorate_create(organisation=world.org, name="Place", order=2)
    project_update(
        project=world.project_b,
        seen_version=current_version(world.project_b),
        changes={
            "directorate": place,
            "lead_user": world.users["lead"],
            "confidence": "green",
            "planned_start": date(2023, 4, 1),
        },
        by=world.users["admin"],
    )
    client.force_login(world.users["admin"])
    page = client.get(LOG, {"user": world.users["admin"].pk}).content.decode()
    row = next(r for r in _rows(page) if "B-1 Libraries" in r and "Changed" in r)
    assert "Directorate: (empty) → Place" in row
    assert "Project lead: (empty) → lead" in row
    assert "Planned start: (empty) → 1 April 2023" in row
    assert re.search(r"Confidence: \(empty\) → [A-Z][a-z]", row)
    for raw in ("lead_user", "planned_start", "2023-04-01", f"→ {place.pk}<", "None"):
        assert raw not in row, raw
    # The project's own history page speaks the same words.
    history = client.get(f"/o/dorset/projects/{world.project_b.pk}/history/")
    assert "Place" in history.content.decode()
    assert '<td class="govuk-table__cell">Directorate</td>' in history.content.decode()


def test_every_change_is_reachable_fifty_to_a_page_with_the_filters_kept(client, world):
    for number in range(PAGE_SIZE + 7):
        _edit(world, world.project_a, "lead", summary=f"Edit {number}")
    mine = change_log(organisation=world.org, user_id=world.users["lead"].pk)
    total = mine.page.paginator.count
    assert total == PAGE_SIZE + 7 + 1  # the edits and the lead's claim in the ledger
    client.force_login(world.users["admin"])
    first = client.get(LOG, {"user": world.users["lead"].pk}).content.decode()
    assert len(_rows(first)) == PAGE_SIZE
    assert f"Changes 1 to {PAGE_SIZE} of {total}, newest first" in first
    assert "Summary: Edit 55 → Edit 56" in first  # newest first
    nav = first.split('<nav class="govuk-pagination"', 1)[1].split("</nav>", 1)[0]
    assert 'aria-label="Pages of changes"' in nav
    following = re.search(r'href="([^"]+)" rel="next"', nav).group(1)
    assert f"user={world.users['lead'].pk}" in following
    assert "page=2" in following
    second = client.get(LOG + following.replace("&amp;", "&")).content.decode()
    assert len(_rows(second)) == total - PAGE_SIZE
    assert "Savings ledger: 2022/23 Claimed" in second  # the oldest, last
    assert not set(_rows(first)) & set(_rows(second))
    assert 'aria-current="page">2<' in second
    assert 'rel="next"' not in second
    # Still only the lead's changes: the filter came along.
    assert all('<td class="govuk-table__cell">lead</td>' in row for row in _rows(second))


def test_a_page_past_the_end_is_the_last_and_a_word_is_the_first(world):
    for number in range(3):
        _edit(world, world.project_a, "lead", summary=f"Edit {number}")
    late = change_log(organisation=world.org, user_id=world.users["lead"].pk, page=9, per_page=2)
    assert late.page.number == late.page.paginator.num_pages == 2
    assert len(late.lines) == 2
    word = change_log(organisation=world.org, page="last-but-one", per_page=2)
    assert word.page.number == 1


def test_a_longer_page_costs_no_more_queries(world):
    admin = world.users["admin"].pk

    def queries(count: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            log = change_log(organisation=world.org, user_id=admin, per_page=count)
        assert len(log.lines) == count
        return len(captured.captured_queries)

    for number in range(30):
        lead = world.users["lead" if number % 2 else "finance"]
        _edit(world, world.project_a, "admin", summary=f"Edit {number}", lead_user=lead)
    assert queries(30) == queries(3)


def test_the_audit_and_token_pages_keep_the_councils_menu(client, world):
    client.force_login(world.users["admin"])
    menu = 'class="govuk-service-navigation__link" href="/o/dorset/projects/"'
    for path in (
        LOG,
        f"/o/dorset/projects/{world.project_a.pk}/history/",
        f"/o/dorset/savings/{world.claim.pk}/history/",
        "/o/dorset/tokens/",
        "/o/dorset/export/",
        "/o/dorset/import/",
    ):
        assert menu in client.get(path).content.decode(), path


def test_a_token_revoked_from_a_councils_address_comes_back_to_it(client, world):
    from realise.accounts.models import ApiToken

    client.force_login(world.users["viewer"])
    token = ApiToken.objects.get(user=world.users["viewer"])
    page = client.get("/o/dorset/tokens/").content.decode()
    assert f'action="/o/dorset/tokens/{token.pk}/revoke/"' in page
    response = client.post(f"/o/dorset/tokens/{token.pk}/revoke/")
    assert response["Location"] == "/o/dorset/tokens/"
    token.refresh_from_db()
    assert token.revoked is not None
    client.force_login(world.users["outsider"])  # another council's address: not theirs
    assert client.get("/o/dorset/tokens/").status_code == 404


def test_a_saving_history_names_what_the_saving_is_for_not_none(client, world):
    from realise.benefits.services import saving_record

    whole = saving_record(
        organisation=world.org,
        year="2022/23",
        amount="50.00",
        status="forecast",
        recorded_on=date(2022, 9, 30),
        by=world.users["finance"],
    )
    client.force_login(world.users["viewer"])
    page = client.get(f"/o/dorset/savings/{whole.pk}/history/").content.decode()
    assert "The whole council" in page
    assert "None" not in page
    assert f"saving {whole.pk}" not in page
