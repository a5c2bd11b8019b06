"""`realise setup ...`: a council's directorates, programmes, stages, priorities, boards, risk
bands and savings RAG thresholds from the command line, made by the TMO admin named with --as
(whom the history records); bad input gives a message and exit code 1, never a traceback."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from realise.accounts.models import Membership
from realise.cli import app

pytestmark = pytest.mark.db

runner = CliRunner()
ADMIN = "jo@testshire.gov.uk"


@pytest.fixture
def cli(transactional_db):
    from realise.portfolio.services import organisation_create

    org = organisation_create(slug="testshire", name="Testshire Council")
    for email, role in ((ADMIN, "tmo_admin"), ("fin@testshire.gov.uk", "finance")):
        user = get_user_model().objects.create_user(username=email, email=email)
        Membership.objects.create(organisation=org, user=user, role=role)

    def invoke(*args: str, acting: str = ADMIN):
        more = ["-o", "testshire", *(["--as", acting] if acting else [])]
        return runner.invoke(app, ["setup", *args, *more])

    return invoke


def test_an_admin_sets_up_a_council_from_the_command_line(cli):
    from realise.portfolio.models import Directorate, Programme

    for kind, name in (
        ("directorate", "People"),
        ("directorate", "Place"),
        ("programme", "Better Care"),
        ("stage", "Understand"),
        ("stage", "Deliver"),
        ("priority", "Thriving places"),
        ("board", "Cabinet"),
    ):
        done = cli("add", kind, name)
        assert done.exit_code == 0, done.output
        assert f"Added {name} to Testshire Council." in done.output
    renamed = cli("rename", "directorate", "people", "Adults and Health")
    assert renamed.exit_code == 0, renamed.output
    moved = cli("move", "stage", "Deliver", "1")
    assert "Moved Deliver to place 1." in moved.output
    retired = cli("retire", "programme", "better care")
    assert "Retired Better Care: it is kept on past records." in retired.output
    listed = runner.invoke(app, ["setup", "list", "-o", "testshire"])
    assert listed.exit_code == 0, listed.output
    for text in (
        "Adults and Health",
        "Deliver",
        "retired",
        "Thriving places",
        "Cabinet",
        "Green from 95",
    ):
        assert text in listed.output, text
    assert listed.output.index("Deliver") < listed.output.index("Understand")
    renamed = Directorate.objects.get(name="Adults and Health")
    assert renamed.history.latest().history_user.username == ADMIN
    assert "realise setup rename" in renamed.history.latest().history_change_reason
    assert Programme.objects.get(name="Better Care").retired
    assert cli("restore", "programme", "Better Care").exit_code == 0
    assert not Programme.objects.get(name="Better Care").retired


def test_risk_bands_and_savings_rag_thresholds(cli):
    from realise.benefits.models import SavingsRag
    from realise.risks.models import RiskBand

    assert cli("add", "risk-band", "low", "--start-score", "1").exit_code == 0
    assert cli("add", "risk-band", "high", "--start-score", "15").exit_code == 0
    started = cli("band-start", "high", "12")
    assert "high now starts at score 12." in started.output
    refused = cli("retire", "risk-band", "low")
    assert refused.exit_code == 1
    said = " ".join(refused.output.split())
    assert "low cannot be retired: the lowest risk band must start at score 1, not 12" in said
    assert RiskBand.objects.get(name="high").min_score == 12
    rag = cli("savings-rag", "--green", "90", "--amber", "75%")
    assert rag.exit_code == 0, rag.output
    assert "Testshire Council: Green from 90.00%, Amber from 75.00%, Red below." in rag.output
    assert SavingsRag.objects.get().history.latest().history_user.username == ADMIN


@pytest.mark.parametrize(
    ("args", "acting", "message"),
    [
        (("add", "directorate", "People"), "", "Say who is making the change with --as EMAIL"),
        (("add", "directorate", "People"), "fin@testshire.gov.uk", "does not allow this"),
        (("add", "directorate", "People"), "nobody@x.example", "nobody with that email"),
        (("add", "fund", "Invest"), ADMIN, '"fund" is not a kind of setting'),
        (("rename", "programme", "Nothing", "X"), ADMIN, 'has no programme "Nothing"'),
        (("move", "risk-band", "low", "2"), ADMIN, "Risk bands are in the order of the scores"),
        (("add", "risk-band", "low"), ADMIN, "--start-score"),
        (("savings-rag", "--green", "lots", "--amber", "80"), ADMIN, "--green: write a percentage"),
        (("savings-rag", "--green", "70", "--amber", "80"), ADMIN, "Amber must start at or below"),
    ],
)
def test_bad_input_gives_a_message_and_exit_code_1(cli, args, acting, message):
    result = cli(*args, acting=acting)
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())  # as one line, however the terminal wraps
    assert "Traceback" not in result.output


def test_a_directorate_differing_only_in_letter_case_is_refused(cli):
    assert cli("add", "directorate", "People").exit_code == 0
    refused = cli("add", "directorate", "PEOPLE")
    assert refused.exit_code == 1
    assert 'already has a directorate called "People"' in refused.output


def test_every_setup_command_has_help_with_an_example():
    for command in (
        "list",
        "add",
        "rename",
        "move",
        "band-start",
        "retire",
        "restore",
        "savings-rag",
    ):
        shown = runner.invoke(app, ["setup", command, "--help"])
        assert shown.exit_code == 0
        assert "Example:" in shown.output, command
