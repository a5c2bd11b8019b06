"""Database selection and production's required settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from realise.config.settings.base import database_from_environment


def test_without_database_url_sqlite_lives_in_the_data_dir_created_on_first_run(
    tmp_path, monkeypatch
):
    data = tmp_path / "fresh" / "data"
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("REALISE_DATA_DIR", str(data))
    config = database_from_environment()
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(config["NAME"]) == data / "realise.sqlite3"
    assert data.is_dir()


def test_database_url_selects_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://tmo@db.example:5432/realise")
    config = database_from_environment()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["NAME"], config["USER"]) == ("db.example", "realise", "tmo")


def _import_production(env):
    code = "import realise.config.settings.production as s; print(len(s.SECRET_KEY))"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_SECRET_KEY")}
    env |= {"REALISE_DATA_DIR": str(tmp_path), "ALLOWED_HOSTS": "realise.example"}
    result = _import_production(env)
    assert result.returncode != 0
    assert "Set the DJANGO_SECRET_KEY environment variable" in result.stderr


def test_production_takes_its_secret_key_from_the_environment(tmp_path):
    env = dict(
        os.environ,
        DJANGO_SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="realise.example",
        REALISE_DATA_DIR=str(tmp_path),
    )
    result = _import_production(env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "50"


def test_postgresql_connections_are_checked_before_each_request_reuses_them(monkeypatch):
    """A kept connection that PostgreSQL dropped (restart, failover) is replaced at the start of
    the next request instead of failing it."""
    monkeypatch.setenv("DATABASE_URL", "postgres://tmo@db.example:5432/realise")
    config = database_from_environment()
    assert config["CONN_MAX_AGE"] == 60
    assert config["CONN_HEALTH_CHECKS"] is True


def test_sqlite_connections_are_checked_before_each_request_reuses_them(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("REALISE_DATA_DIR", str(tmp_path))
    config = database_from_environment()
    assert config["CONN_MAX_AGE"] == 60
    assert config["CONN_HEALTH_CHECKS"] is True


def test_session_limits_are_read_from_the_environment_in_minutes_and_hours(monkeypatch):
    from realise.config.settings.base import duration_from_environment

    monkeypatch.delenv("REALISE_SESSION_IDLE_MINUTES", raising=False)
    assert duration_from_environment("REALISE_SESSION_IDLE_MINUTES", 30, "minutes") == 1800
    monkeypatch.setenv("REALISE_SESSION_IDLE_MINUTES", " 15 ")
    assert duration_from_environment("REALISE_SESSION_IDLE_MINUTES", 30, "minutes") == 900
    monkeypatch.setenv("REALISE_SESSION_MAX_HOURS", "8.5")
    assert duration_from_environment("REALISE_SESSION_MAX_HOURS", 12, "hours") == 8.5 * 3600


@pytest.mark.parametrize("text", ["0", "-5", "half an hour", "nan", "inf"])
def test_a_session_limit_that_is_not_a_positive_number_stops_realise_starting(monkeypatch, text):
    from django.core.exceptions import ImproperlyConfigured

    from realise.config.settings.base import duration_from_environment

    monkeypatch.setenv("REALISE_SESSION_IDLE_MINUTES", text)
    with pytest.raises(ImproperlyConfigured) as refused:
        duration_from_environment("REALISE_SESSION_IDLE_MINUTES", 30, "minutes")
    assert str(refused.value) == (
        f'REALISE_SESSION_IDLE_MINUTES must be a number of minutes above 0, not "{text}"'
    )


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (43200, "12 hours"),
        (3600, "1 hour"),
        (1800, "30 minutes"),
        (60, "1 minute"),
        (90, "90 seconds"),
        (20, "20 seconds"),
    ],
)
def test_session_limits_are_said_in_words(seconds, words):
    from realise.accounts.session_limits import in_words

    assert in_words(seconds) == words
