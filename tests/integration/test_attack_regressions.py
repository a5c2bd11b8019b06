"""What held when Realise was attacked (issue 13) keeps holding: racing approvals never commit more
than a fund holds; script typed into names is shown as text on every page; a process killed in
the middle of an import or a restore leaves every table as it was or complete, never half."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from realise.funding import services as funding
from realise.funding.models import Bid, BidStatus, Fund
from tests.threads import at_once, skip_unless_postgresql

pytestmark = pytest.mark.db

REALISE = [sys.executable, "-c", "from realise.cli import main; main()"]
PAYLOADS = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "{{ 7*7 }}"]


@pytest.mark.postgres
def test_32_racing_approvals_never_commit_more_than_the_fund_holds(transactional_db, council):
    skip_unless_postgresql()
    fund = funding.fund_create(
        organisation=council["org"], name="Invest to save", kind="invest_to_save", pot=100000
    )
    bids = [funding.bid_submit(fund=fund, title=f"Bid {i}", amount="10000.00") for i in range(32)]
    for bid in bids[:10]:  # submitting 32 is fine while nothing is approved ...
        assert bid.status == BidStatus.SUBMITTED
    work = [
        lambda b=bid: funding.bid_decide(bid=b, approve=True, decided_on=date(2023, 1, 5))
        for bid in bids
    ]
    done, raised = at_once(work)
    approved = Bid.objects.filter(fund=fund, status=BidStatus.APPROVED)
    assert approved.count() == len(done) == 10  # ... but only ten fit in the pot
    assert len(raised) == 22
    assert Fund.objects.get(pk=fund.pk).committed() == 100000


def test_script_typed_into_names_is_shown_as_text(client, council, django_user_model):
    from realise.accounts.models import Membership
    from realise.portfolio import services as portfolio
    from realise.risks.services import risk_create

    org = council["org"]
    projects = []
    for index, payload in enumerate(PAYLOADS):
        project = portfolio.project_create(
            organisation=org, code=f"X-{index}", name=payload, summary=payload
        )
        risk_create(organisation=org, project=project, title=payload, likelihood=2, impact=2)
        projects.append(project)
    admin = django_user_model.objects.create_user(username="a@testshire.gov.uk")
    Membership.objects.create(organisation=org, user=admin, role="tmo_admin")
    client.force_login(admin)
    showing_names = [
        "/o/testshire/projects/",
        "/o/testshire/risks/",
        f"/o/testshire/projects/{projects[0].code}/",
    ]
    for page in ["/o/testshire/", *showing_names]:
        html = client.get(page).content.decode()
        for payload in PAYLOADS[:2]:
            assert payload not in html, f"{page} shows {payload!r} as markup"
        if page in showing_names:
            assert "&lt;script&gt;alert(" in html, page  # shown, as text
            if "X-0" not in page:  # the lists show every name
                assert "{{ 7*7 }}" in html, page  # never evaluated as a template


def _realise(args, data_dir: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="realise.config.settings.test", REALISE_DATA_DIR=str(data_dir)
    )
    return subprocess.Popen(
        [*REALISE, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finished(args, data_dir: Path) -> str:
    done = _realise(args, data_dir)
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, out + err
    return out


def _count(data_dir: Path, table: str) -> int:
    import sqlite3

    with sqlite3.connect(data_dir / "realise.sqlite3") as db:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def _killed_after(args, data_dir: Path, seconds: float) -> None:
    running = _realise(args, data_dir)
    time.sleep(seconds)
    running.send_signal(signal.SIGKILL)
    running.wait(timeout=60)


@pytest.mark.parametrize("seconds", [1.5, 3.0])
def test_an_import_killed_midway_leaves_the_ledger_as_it_was_or_complete(tmp_path, seconds):
    _finished(["demo", "--no-serve"], tmp_path)
    before = _count(tmp_path, "benefits_savingsentry")
    rows = 20000
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Savings")
    sheet.append(["Reference", "Year", "Amount", "Recorded on"])
    for i in range(rows):
        sheet.append([f"K-{i}", "2023/24", "£10.00", "31/03/2024"])
    book.save(tmp_path / "big.xlsx")
    args = ["import", str(tmp_path / "big.xlsx"), "-o", "dorset", "--as", "finance@dorset.example"]
    _killed_after(args, tmp_path, seconds)
    assert _count(tmp_path, "benefits_savingsentry") in (before, before + rows)


def test_a_restore_killed_midway_leaves_nothing_or_everything(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    _finished(["demo", "--no-serve"], source)
    _finished(["backup", "--output", str(tmp_path / "b.zip")], source)
    expected = _count(source, "portfolio_project")
    _killed_after(["restore", str(tmp_path / "b.zip")], target, 2.5)
    database = target / "realise.sqlite3"
    if database.exists():
        try:
            found = _count(target, "portfolio_project")
        except Exception:  # killed before the tables were made: nothing was restored
            found = 0
        assert found in (0, expected)
