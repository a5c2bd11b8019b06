"""The dashboard is served from a cache keyed by the organisation's data version (ADR 0011): every
way of changing a council's data must change that version in the same transaction, so the next
request shows the new figures in every process; the cached path stays a handful of queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from realise.benefits import services as benefits
from realise.benefits.selectors import savings_by_year
from realise.core.concurrency import LATEST
from realise.demo.loader import DEMO_PASSWORD
from realise.portfolio import services as portfolio
from realise.portfolio.models import Directorate, OrganisationDataVersion, Priority, Project
from realise.portfolio.versions import bump, data_version
from realise.risks import services as risks
from realise.risks.models import Risk

pytestmark = pytest.mark.db


@pytest.fixture
def dorset(demo_council, db):
    return demo_council


@pytest.fixture
def tmo(client):
    assert client.login(username="tmo@dorset.example", password=DEMO_PASSWORD)
    return client


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): write`` runs what the write does when it commits (the data version is
    bumped then): each test runs inside a transaction that is never committed."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def dashboard(client) -> str:
    response = client.get("/o/dorset/")
    assert response.status_code == 200
    return response.content.decode()


def assert_fresh(client) -> str:
    """The page served (perhaps from the cache) is the page computed from scratch."""
    served = dashboard(client)
    cache.clear()
    assert served == dashboard(client)
    return served


def achieved(organisation) -> str:
    return f"£{savings_by_year(organisation=organisation).total_achieved:,.2f}"


def test_recording_a_saving_through_the_service_shows_the_new_total(tmo, dorset, committed):
    dashboard(tmo)
    before = data_version(dorset)
    with committed():
        benefits.saving_record(
            organisation=dorset, year=2023, amount="1234.56", recorded_on=date(2023, 6, 1)
        )
    assert data_version(dorset) != before
    assert achieved(dorset) in assert_fresh(tmo)


def test_an_import_bulk_insert_shows_the_new_total(tmo, dorset, committed):
    dashboard(tmo)
    entries = [
        benefits.saving_build(
            organisation=dorset,
            year=2023,
            amount=amount,
            recorded_on=date(2023, 7, 1),
            import_key=f"bench-{n}",
        )
        for n, amount in enumerate(["100", "250.25"])
    ]
    old = achieved(dorset)
    with committed():
        benefits.savings_insert(entries=entries)
    page = assert_fresh(tmo)
    assert achieved(dorset) != old
    assert achieved(dorset) in page


def test_a_confirmed_spreadsheet_import_shows_the_new_total(tmo, dorset, tmp_path, committed):
    """Through the import engine itself, whatever its write path (bulk inserts send no signals)."""
    from realise.imports.engine import run_import

    directorate = dorset.directorate_set.order_by("pk").first()
    path = tmp_path / "savings.csv"
    path.write_text(
        "Year,Achieved,Directorate,Recorded on\n"
        f'2022/23,"£12,345.67",{directorate.name},01/07/2022\n',
        encoding="utf-8",
    )
    dashboard(tmo)
    old = achieved(dorset)
    with committed():
        outcome = run_import(path, organisation=dorset, dry_run=False)
    assert outcome.ok, [str(p) for p in outcome.problems]
    page = assert_fresh(tmo)
    assert achieved(dorset) != old
    assert achieved(dorset) in page


def test_rescoring_a_risk_moves_it_on_the_heat_map(tmo, dorset, committed):
    risk = Risk.objects.filter(organisation=dorset).first()
    before = dashboard(tmo)
    target = (1, 1) if (risk.likelihood, risk.impact) != (1, 1) else (5, 5)
    with committed():
        risks.risk_rescore(risk=risk, likelihood=target[0], impact=target[1], seen_version=LATEST)
    assert assert_fresh(tmo) != before


def test_adding_a_project_changes_the_counts(tmo, dorset, committed):
    before = dashboard(tmo)
    with committed():
        portfolio.project_create(organisation=dorset, code="NEW-1", name="New")
    assert assert_fresh(tmo) != before


def test_carrying_forward_and_many_to_many_changes_change_the_version(tmo, dorset, committed):
    dashboard(tmo)
    before = data_version(dorset)
    with committed():
        benefits.savings_carry_forward(
            organisation=dorset,
            from_year=2022,
            to_year=2023,
            amount="10",
            reason="Slipped",
            directorate=Directorate.objects.get(organisation=dorset, name="Adults and Housing"),
        )
    after_carry = data_version(dorset)
    assert after_carry != before
    assert_fresh(tmo)
    project = Project.objects.filter(organisation=dorset).first()
    priority = Priority.objects.filter(organisation=dorset).first()
    with committed():
        project.priorities.remove(priority)
    assert data_version(dorset) != after_carry


def test_a_write_in_another_process_is_seen(tmo, dorset):
    """Another process changes the data and the version row; this process's cache still holds
    the old page, keyed by the old version, so it is not used."""
    dashboard(tmo)
    Project.objects.filter(organisation=dorset, code="AH-01").update(name="Renamed elsewhere")
    bump([dorset.pk])  # what the other process's signal did, in its own transaction
    assert_fresh(tmo)


def test_a_rolled_back_change_does_not_bump_and_a_committed_one_does_once(dorset, committed):
    before = data_version(dorset)
    with committed() as callbacks, transaction.atomic():
        bump([dorset.pk])
        transaction.set_rollback(True)
    assert callbacks == []  # the rolled-back savepoint took its bump with it
    assert data_version(dorset) == before
    with committed() as callbacks, transaction.atomic():
        bump([dorset.pk])
        bump([dorset.pk])  # many rows, one bump per transaction
        assert data_version(dorset) == before  # not before the commit
    assert len(callbacks) == 1
    assert data_version(dorset) != before


def test_a_missing_version_row_is_created(dorset):
    OrganisationDataVersion.objects.filter(organisation=dorset).delete()
    token = data_version(dorset)
    assert token
    assert data_version(dorset) == token


def test_the_cached_dashboard_runs_a_handful_of_queries(tmo, dorset):
    dashboard(tmo)
    with CaptureQueriesContext(connection) as queries:
        dashboard(tmo)
    # session, user, organisation, memberships, data version
    assert len(queries) <= 5


def test_each_viewer_sees_their_own_navigation(client, tmo, dorset):
    assert "/o/dorset/settings/" in dashboard(tmo)
    client.logout()
    assert client.login(username="board@dorset.example", password=DEMO_PASSWORD)
    assert "/o/dorset/settings/" not in dashboard(client)


def test_a_waiting_message_is_shown_on_a_cached_dashboard(tmo, dorset):
    """A page with a message is rendered per request: the message is shown once, then gone."""
    fund = dorset.fund_set.first()
    dashboard(tmo)
    response = tmo.post(
        "/o/dorset/funding/bids/new/", {"fund": fund.pk, "title": "Small", "amount": "1"}
    )
    assert response.status_code == 302
    dashboard(tmo)  # the bid changed the data: the page is rendered afresh and cached again
    tmo.post("/o/dorset/funding/bids/new/", {"fund": fund.pk, "title": "Tiny", "amount": "1"})
    assert "Bid added" in dashboard(tmo)
    assert "Bid added" not in dashboard(tmo)


def test_deleting_an_organisation_drops_its_version_row(db, django_user_model):
    from realise.accounts.models import Membership, Role

    council = portfolio.organisation_create(slug="gone", name="Gone Council")
    data_version(council)
    user = django_user_model.objects.create_user(username="gone@example.org", password="x")
    Membership.objects.create(organisation=council, user=user, role=Role.VIEWER)
    pk = council.pk
    council.delete()
    assert not OrganisationDataVersion.objects.filter(organisation_id=pk).exists()


def test_the_cached_page_names_no_viewer(client, dorset, django_user_model):
    """The whole page is shared by viewers with the same permissions, so it must carry nothing of
    the viewer's own: two people with the same role get the same bytes, with neither's name."""
    from realise.accounts.models import Membership, Role

    pages = []
    for name in ("ann.viewer@dorset.example", "bob.viewer@dorset.example"):
        user = django_user_model.objects.create_user(username=name, email=name, password="pw-1x")
        Membership.objects.create(organisation=dorset, user=user, role=Role.VIEWER)
    for name in ("ann.viewer@dorset.example", "bob.viewer@dorset.example"):
        client.logout()
        assert client.login(username=name, password="pw-1x")
        pages.append(dashboard(client))
    assert pages[0] == pages[1]
    assert "ann.viewer" not in pages[1]
    assert "bob.viewer" not in pages[1]
    assert "csrfmiddlewaretoken" not in pages[1]


def test_an_expired_session_is_signed_out(tmo, dorset):
    """The session lookup (realise.accounts.sessions) keeps Django's expiry rule."""
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    dashboard(tmo)
    key = tmo.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(1))
    response = tmo.get("/o/dorset/")
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


def test_a_deactivated_user_is_signed_out(tmo, dorset, django_user_model):
    """The user lookup (ThrottledModelBackend.get_user) refuses inactive users, as Django does."""
    dashboard(tmo)
    django_user_model.objects.filter(username="tmo@dorset.example").update(is_active=False)
    response = tmo.get("/o/dorset/")
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


def test_a_password_change_ends_other_sessions(tmo, dorset, django_user_model):
    """Django's session hash check still runs on the user the fast lookup returns."""
    dashboard(tmo)
    user = django_user_model.objects.get(username="tmo@dorset.example")
    user.set_password("another-long-password-1")
    user.save()
    response = tmo.get("/o/dorset/")
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


def test_a_council_the_user_has_no_role_in_is_not_found(client, dorset, django_user_model):
    """The organisation lookup by slug still answers 404 without a role, cached page or not."""
    dashboard_user = django_user_model.objects.create_user(username="x@y.example", password="pw-1x")
    assert dashboard_user.pk
    assert client.login(username="x@y.example", password="pw-1x")
    assert client.get("/o/dorset/").status_code == 404
    assert client.get("/o/no-such-council/").status_code == 404
