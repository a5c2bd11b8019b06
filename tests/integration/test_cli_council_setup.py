"""A council that is not Dorset, set up from nothing to its annual report with the command line
alone: no demo, no Django admin, no web page."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from realise.cli import app

pytestmark = pytest.mark.db

runner = CliRunner()
JO, SAM = "jo@testshire.gov.uk", "sam@testshire.gov.uk"


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, f"realise {' '.join(args)}\n{result.output}"
    return " ".join(result.output.split())  # as one line, however the terminal wraps


def test_a_new_council_is_set_up_from_the_command_line_to_its_annual_report(
    transactional_db, tmp_path, monkeypatch
):
    from realise.benefits.models import SavingsEntry, SavingsTarget

    said = _run(
        "organisation", "create", "--slug", "testshire", "--name", "Testshire Council",
        "--first-year", "2024/25", "--last-year", "2028/29",
    )  # fmt: skip
    assert "plan years 2024/25 to 2028/29" in said
    _run("user", "add", JO, "-o", "testshire", "--role", "tmo_admin", "--name", "Jo Bloggs")
    _run("user", "add", SAM, "-o", "testshire", "--role", "finance", "--name", "Sam Patel")
    said = _run("user", "roles", SAM, "-o", "testshire", "--role", "finance", "--role",
                "tmo_admin", "--as", JO)  # fmt: skip
    assert "Sam Patel (sam@testshire.gov.uk) in Testshire Council: Finance, TMO admin." in said
    for kind, name in (
        ("directorate", "Adults"),
        ("directorate", "Place"),
        ("programme", "Better Care"),
        ("stage", "Deliver"),
    ):
        _run("setup", "add", kind, name, "-o", "testshire", "--as", SAM)
    for band, start in (("low", "1"), ("high", "15")):
        _run("setup", "add", "risk-band", band, "--start-score", start, "-o", "testshire",
             "--as", SAM)  # fmt: skip
    said = _run("setup", "savings-rag", "--green", "90", "--amber", "70", "-o", "testshire",
                "--as", JO)  # fmt: skip
    assert "Green from 90.00%, Amber from 70.00%" in said

    projects = tmp_path / "projects.csv"
    projects.write_text(
        "Code,Name,Directorate,Programme,Stage,Lead email\n"
        f"AD-1,Home care,Adults,Better Care,Deliver,{JO}\n"
        "PL-1,Street lights,Place,,Deliver,\n"
    )
    targets = tmp_path / "targets.csv"
    targets.write_text(
        "Year,Amount,Directorate,Project code\n2024/25,£100000,Adults,AD-1\n"
        "2024/25,£50000,Place,PL-1\n2025/26,£80000,Adults,AD-1\n"
    )
    savings = tmp_path / "savings.csv"
    savings.write_text(
        "Reference,Year,Amount,Status,Directorate,Project code,Recorded on\n"
        "T-1,2024/25,£90000,Achieved,Adults,AD-1,31/03/2025\n"
        "T-2,2024/25,£20000,Achieved,Place,PL-1,31/03/2025\n"
    )
    _run("import", str(projects), "-o", "testshire", "--as", JO)
    preview = _run("import", str(targets), "-o", "testshire", "--dry-run")
    assert "What will change" in preview
    assert (
        "│ Create │ Savings targets │ – │ 2 │ 2024/25 AD-1: £100,000.00 │" in preview
    )  # as the page
    assert "Dry run, nothing changed: 3 to create" in preview
    assert not SavingsTarget.objects.exists()
    _run("import", str(targets), "-o", "testshire", "--as", JO)
    _run("import", str(savings), "-o", "testshire", "--as", SAM)
    assert SavingsEntry.objects.filter(status="achieved").count() == 2  # finance: validated

    annual = tmp_path / "annual.html"
    said = _run("report", "annual", "-o", "testshire", "--format", "html", "--output",
                str(annual))  # fmt: skip
    assert "2024/25, the latest year with data" in said  # no --year, not the demo's 2022/23
    page = annual.read_text()
    assert "Testshire Council" in page
    assert "Transformation annual report 2024/25" in page
    assert "150,000" in page  # budgeted in 2024/25
    assert "110,000" in page  # achieved
    assert "Home care" in page
    assert "£110,000" in _run("summary", "-o", "testshire")

    commands = []  # what `realise serve` asks Django to run, instead of serving for ever
    monkeypatch.setattr(
        "django.core.management.call_command", lambda *args, **kw: commands.append(args)
    )
    said = _run("serve", "--port", "8123")
    assert "Councils: testshire." in said
    assert commands[-1] == ("runserver", "127.0.0.1:8123")
