"""The dependency audit (tools/audit.py, ``make audit``) fails on a known vulnerability and never
passes silently: live against the vulnerability service when it can be reached, and its decisions
(unreachable, canary missed, strict audit) with pip-audit's runs stood in for."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("realise_tools_audit", ROOT / "tools" / "audit.py")
assert _spec is not None
assert _spec.loader is not None
audit = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = audit  # dataclasses look their module up by name
_spec.loader.exec_module(audit)


def _report(*deps: dict) -> str:
    return json.dumps({"dependencies": list(deps), "fixes": []})


DJANGO_VULNERABLE = {
    "name": "django",
    "version": "3.2",
    "vulns": [{"id": "PYSEC-2021-0", "fix_versions": ["3.2.1"], "aliases": ["CVE-2021-31542"]}],
}
SKIPPED = {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"}


def test_pip_audit_fails_on_a_pin_with_a_known_advisory():
    service, tried = audit.reachable_service()  # checks a pin that surely exists first
    if service is None:
        pytest.skip(
            "vulnerability service unreachable: pip-audit could not fetch vulnerability data "
            f"for {audit.REACH_PIN} ({'; '.join(tried)})"
        )
    outcome = audit.audit_requirements("django==3.2.0", service)
    assert outcome.returncode != 0, outcome.output
    assert "CVE-2021-31542" in outcome.output
    assert "CVE-2021-31542" in outcome.advisories()


def test_reading_pip_audits_report():
    found = audit.Outcome(1, _report(DJANGO_VULNERABLE), "")
    assert found.audited()
    assert found.advisories() == {"PYSEC-2021-0", "CVE-2021-31542"}
    skipped = audit.Outcome(0, _report(SKIPPED), "")
    assert not skipped.audited()
    assert skipped.why_not() == SKIPPED["skip_reason"]
    crashed = audit.Outcome(1, "", "Traceback ...\nConnectionError: name not known\n")
    assert (crashed.audited(), crashed.advisories()) == (False, set())
    assert crashed.why_not() == "ConnectionError: name not known"


@pytest.fixture
def no_environment_audit(monkeypatch):
    """Stand in for the final ``pip-audit --strict`` over the environment; record its command."""
    calls: list[list[str]] = []

    def run(command, check=False):
        calls.append([str(part) for part in command])
        return subprocess.CompletedProcess(command, 1)

    monkeypatch.setattr(audit.subprocess, "run", run)
    return calls


def test_no_reachable_service_fails_the_audit_unless_told_to_warn(
    monkeypatch, capsys, no_environment_audit
):
    monkeypatch.setattr(audit, "reachable_service", lambda: (None, ["pypi: not found"]))
    monkeypatch.delenv("REALISE_AUDIT_UNREACHABLE", raising=False)
    assert audit.main() == audit.UNREACHABLE
    assert "NOT AUDITED" in capsys.readouterr().err
    monkeypatch.setenv("REALISE_AUDIT_UNREACHABLE", "warn")
    assert audit.main() == 0
    assert "NOT AUDITED" in capsys.readouterr().err
    assert no_environment_audit == []


def test_a_service_that_misses_the_canary_fails_the_audit(monkeypatch, no_environment_audit):
    monkeypatch.setattr(audit, "reachable_service", lambda: ("pypi", []))
    clean = {"name": "django", "version": "3.2", "vulns": []}
    monkeypatch.setattr(
        audit, "audit_requirements", lambda pins, service: audit.Outcome(0, _report(clean), "")
    )
    assert audit.main() == audit.CANARY_MISSED
    assert no_environment_audit == []


def test_the_environment_is_audited_strictly_with_the_service_that_answered(
    monkeypatch, no_environment_audit
):
    monkeypatch.setattr(audit, "reachable_service", lambda: ("osv", ["pypi: not found"]))
    monkeypatch.setattr(
        audit,
        "audit_requirements",
        lambda pins, service: audit.Outcome(1, _report(DJANGO_VULNERABLE), ""),
    )
    assert audit.main() == 1  # pip-audit's own verdict on the environment
    [command] = no_environment_audit
    assert "--strict" in command
    assert command[-2:] == ["--vulnerability-service", "osv"]
