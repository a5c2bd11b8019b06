"""Every size limit lives in realise/core/limits.py, is documented for whoever deploys Realise, and
is read the same way by the web and the command line: Django's settings, else the environment."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from realise.core import limits

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "howto" / "deploy.md"


@pytest.mark.parametrize("limit", limits.LIMITS, ids=lambda limit: limit.setting)
def test_every_limit_is_listed_for_deployers_with_its_default(limit):
    row = re.search(rf"^\| `{limit.setting}` \| `(\d+)`", DEPLOY.read_text(), re.MULTILINE)
    assert row, f"{limit.setting} is not in docs/howto/deploy.md"
    assert int(row[1]) == limit.default


def test_a_limit_comes_from_the_environment_else_its_default(monkeypatch):
    monkeypatch.delenv("REALISE_CASE_MAX_ALIASES", raising=False)
    assert limits.CASE_ALIASES.from_environment() == 100
    monkeypatch.setenv("REALISE_CASE_MAX_ALIASES", " 7 ")
    assert limits.CASE_ALIASES.from_environment() == 7


@pytest.mark.parametrize("raw", ["lots", "0", "-5", "1.5"])
def test_a_limit_that_is_not_a_whole_number_above_0_is_a_plain_configuration_error(
    monkeypatch, raw
):
    monkeypatch.setenv("REALISE_IMPORT_UPLOAD_LIMIT", raw)
    with pytest.raises(ImproperlyConfigured, match="REALISE_IMPORT_UPLOAD_LIMIT must be a whole"):
        limits.IMPORT_BYTES.from_environment()


def test_the_settings_win_where_django_is_set_up(settings):
    settings.REALISE_CASE_UPLOAD_LIMIT = 2048
    assert limits.case_limits().max_bytes == 2048


def test_the_model_command_obeys_the_environment_without_django(tmp_path):
    case = tmp_path / "few.yaml"
    case.write_text("a: &a 1\nb: [*a, *a, *a]\n")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {"REALISE_CASE_MAX_ALIASES": "2", "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run(
        [sys.executable, "-c", "from realise.cli import main; main()", "model", "run", str(case)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert "the file uses too many aliases (*a): a business case may use at most 2" in (
        result.stderr
    )
