"""`realise demo` and `realise summary` from the command line: clear output, clear errors."""

import pytest
from typer.testing import CliRunner

from realise.cli import app

pytestmark = pytest.mark.db

runner = CliRunner()


@pytest.fixture
def cli_db(transactional_db):
    return runner


def test_demo_loads_prints_the_summary_and_sign_ins_and_is_idempotent(cli_db):
    first = cli_db.invoke(app, ["demo", "--no-serve"])
    assert first.exit_code == 0, first.output
    assert "Loaded Dorset Council demo data." in first.output
    assert "£33,012,722" in first.output
    assert "tmo@dorset.example" in first.output
    assert "realise-demo-2023" in first.output
    second = cli_db.invoke(app, ["demo", "--no-serve"])
    assert second.exit_code == 0
    assert "Already loaded (nothing duplicated)" in second.output

    from realise.portfolio.models import Project

    assert Project.objects.filter(code="PL-02").count() == 1


def test_summary_prints_tables_2_to_5_and_the_heat_map(cli_db):
    cli_db.invoke(app, ["demo", "--no-serve"])
    result = cli_db.invoke(app, ["summary", "--organisation", "dorset", "--year", "2022/23"])
    assert result.exit_code == 0, result.output
    for figure in (
        "£9,480,222",
        "£7,419,537",
        "£13,652,037",
        "£3,805,000",
        "£2,527,500",
        "£70,000",
        "£7,150,000",
        "£10,856,701",
        "£30,922,037",
        "£20,065,336",
        "£48,600",
        "128 open risks",
    ):
        assert figure in result.output, figure


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "dorset", "--year", "2022/24"], "the second year must follow the first"),
        (["-o", "dorset", "--year", "soon"], "write it like 2025/26"),
        (["--organisation", "nowhere"], 'No organisation "nowhere"'),
    ],
)
def test_bad_input_gives_a_message_and_exit_code_not_a_traceback(cli_db, args, message):
    result = cli_db.invoke(app, ["summary", *args])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
