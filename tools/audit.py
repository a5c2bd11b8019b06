"""``make audit``: pip-audit over the installed (pinned) dependencies, strict, and never a silent
pass. See docs/adr/0008-api-testing-and-dependency-audit.md.

1. Reach: ask each vulnerability service in turn (PyPI's, then OSV) about one package that
   surely exists (pip-audit's own pinned release). The first that answers is used.
2. Canary: with that service, audit a pin with a published advisory (Django 3.2.0,
   CVE-2021-31542). It must be reported, or the audit could not catch a vulnerability: fail.
3. Audit the environment with ``--strict``: a known vulnerability fails, and so does any package
   whose vulnerability data could not be fetched.

When no service answers, nothing can be audited: exit 3 with a message that says so. With
``REALISE_AUDIT_UNREACHABLE=warn`` (set by .ci/run, whose machines have no route to the
vulnerability services) the same message is printed and the exit is 0.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
SERVICES = ("pypi", "osv")
REACH_PIN = "pip-audit==2.10.1"  # exists at this version on every service; advisories optional
CANARY_PIN = "django==3.2.0"
CANARY_ADVISORY = "CVE-2021-31542"  # directory traversal via uploaded files, fixed in 3.2.1
UNREACHABLE = 3
CANARY_MISSED = 4


@dataclass(frozen=True)
class Outcome:
    """One pip-audit run over a requirements text."""

    returncode: int
    output: str  # standard output: the JSON report, when pip-audit got that far
    errors: str  # standard error: pip-audit's log and any traceback

    def report(self) -> dict | None:
        try:
            return json.loads(self.output)  # type: ignore[no-any-return]
        except ValueError:
            return None

    def audited(self) -> bool:
        """Whether every requirement got an answer (none skipped, no crash)."""
        report = self.report()
        if report is None or not report.get("dependencies"):
            return False
        return all("skip_reason" not in dep for dep in report["dependencies"])

    def advisories(self) -> set[str]:
        """Every advisory id and alias reported."""
        found: set[str] = set()
        for dep in (self.report() or {}).get("dependencies", []):
            for vuln in dep.get("vulns", []):
                found |= {vuln["id"], *vuln.get("aliases", [])}
        return found

    def why_not(self) -> str:
        """What went wrong, in one line: the skip reason, or the last line of the error."""
        for dep in (self.report() or {}).get("dependencies", []):
            if "skip_reason" in dep:
                return str(dep["skip_reason"])
        lines = [line for line in self.errors.splitlines() if line.strip()]
        return lines[-1].strip() if lines else f"pip-audit exited {self.returncode}"


def audit_requirements(pins: str, service: str, timeout: int = 300) -> Outcome:
    """pip-audit over ``pins`` (exact ``name==version`` lines) with ``service``, without
    installing or resolving anything (``--no-deps --disable-pip``)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write(pins + "\n")
    try:
        done = subprocess.run(
            [
                *(BIN / "pip-audit", "-r", handle.name, "--no-deps", "--disable-pip"),
                *("-f", "json", "--vulnerability-service", service, "--progress-spinner", "off"),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    finally:
        os.unlink(handle.name)
    return Outcome(done.returncode, done.stdout, done.stderr)


def reachable_service() -> tuple[str | None, list[str]]:
    """The first vulnerability service that answers, and why each one before it did not."""
    tried = []
    for service in SERVICES:
        outcome = audit_requirements(REACH_PIN, service)
        if outcome.audited():
            return service, tried
        tried.append(f"{service}: {outcome.why_not()}")
    return None, tried


def main() -> int:
    service, tried = reachable_service()
    if service is None:
        print("pip-audit: NOT AUDITED. No vulnerability service could be reached:", file=sys.stderr)
        for line in tried:
            print(f"  {line}", file=sys.stderr)
        if os.environ.get("REALISE_AUDIT_UNREACHABLE") == "warn":
            print("REALISE_AUDIT_UNREACHABLE=warn: carrying on without an audit.", file=sys.stderr)
            return 0
        return UNREACHABLE
    canary = audit_requirements(CANARY_PIN, service)
    if CANARY_ADVISORY not in canary.advisories():
        print(
            f"pip-audit ({service}) did not report {CANARY_ADVISORY} for {CANARY_PIN}, so it "
            f"could not be trusted to catch a vulnerability: {canary.why_not()}",
            file=sys.stderr,
        )
        return CANARY_MISSED
    print(f"pip-audit: {service} answers and reports {CANARY_ADVISORY} for {CANARY_PIN}.")
    command = [BIN / "pip-audit", "--strict", "--skip-editable", "--progress-spinner", "off"]
    return subprocess.run([*command, "--vulnerability-service", service], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
