"""Load the Dorset demo data (dorset-2022-23.yaml) through the services, in one transaction.

Loading is idempotent: when the organisation already exists nothing is written again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import resources
from itertools import count
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from realise.accounts.models import Membership, Role
from realise.benefits import services as benefits
from realise.cases import services as cases
from realise.core.concurrency import LATEST
from realise.funding import services as funding
from realise.funding.models import Fund
from realise.portfolio import services as portfolio
from realise.portfolio.lookups import programme_named
from realise.portfolio.models import Organisation, Project, ProjectStatus
from realise.risks import services as risks

DEMO_FILE = "dorset-2022-23.yaml"
DEMO_PASSWORD = "realise-demo-2023"
IMPACTS = {"negligible": 1, "slight": 2, "moderate": 3, "major": 4, "catastrophic": 5}


@dataclass(frozen=True)
class DemoUser:
    email: str
    staff: bool
    role: str = ""
    leads: tuple[str, ...] = ()  # codes of the projects a project lead leads


@dataclass(frozen=True)
class LoadResult:
    organisation: Organisation
    created: bool
    users: tuple[DemoUser, ...]
    password: str


def demo_data(path: Path | None = None) -> dict[str, Any]:
    """The demo YAML as plain data."""
    if path is None:
        text = resources.files("realise.demo").joinpath(DEMO_FILE).read_text(encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{path or DEMO_FILE} is not a mapping of demo data")
    return data


def demo_load(*, path: Path | None = None) -> LoadResult:
    """Create the organisation and everything in the demo file, unless it already exists."""
    data = demo_data(path)
    with transaction.atomic():
        existing = Organisation.objects.filter(slug=data["organisation"]["slug"]).first()
        if existing is None:
            organisation = _Loader(data).load()
        users = _load_users(data.get("users", []), existing or organisation)
        if existing is None:  # after the users: a case's versions name who saved them
            _load_business_cases(data.get("business_cases", []), organisation)
    return LoadResult(
        organisation=existing or organisation,
        created=existing is None,
        users=users,
        password=DEMO_PASSWORD,
    )


def _load_users(rows: list[dict[str, Any]], organisation: Organisation) -> tuple[DemoUser, ...]:
    """Create each demo user (once) with their role in the organisation."""
    user_model = get_user_model()
    users = []
    for row in rows:
        user, created = user_model.objects.get_or_create(
            username=row["email"],
            defaults={
                "email": row["email"],
                "first_name": row.get("name", ""),
                "is_staff": bool(row.get("staff")),
                "is_superuser": bool(row.get("superuser")),
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.full_clean()
            user.save()
        role = row.get("role", "")
        if role:
            Membership.objects.get_or_create(
                organisation=organisation,
                user=user,
                role=Role(role),
                defaults={"name": row.get("name", "")},
            )
        leads = tuple(row.get("leads", ()))
        # A lead with projects of their own, so the demo shows what a project lead can do. Only
        # projects with no lead yet, so loading again changes nothing someone has set since.
        # Through the service, so the project's history (and the data version) record it.
        for project in Project.objects.filter(
            organisation=organisation, code__in=leads, lead_user__isnull=True
        ):
            portfolio.project_update(
                project=project, seen_version=LATEST, changes={"lead_user": user}
            )
        users.append(DemoUser(email=user.username, staff=user.is_staff, role=role, leads=leads))
    return tuple(users)


def _load_business_cases(rows: list[dict[str, Any]], organisation: Organisation) -> None:
    """Store each business case from its file in the examples folder, as version 1 saved by
    the named demo user, and submit it when the row says so."""
    folder = Path(settings.REALISE_EXAMPLES_DIR)
    for row in rows:
        path = folder / row["file"]
        if not path.is_file():
            raise ValueError(
                f"The demo's business case {row['file']} is not in {folder}: set "
                "REALISE_EXAMPLES_DIR to the folder that holds it (the repository's examples/)"
            )
        by = get_user_model().objects.get(username=row["saved_by"])
        case = cases.case_create(
            organisation=organisation,
            title=row["title"],
            programme=programme_named(organisation=organisation, name=row["programme"]),
            document=path.read_text(encoding="utf-8"),
            source=path.name,
            note=row.get("note", ""),
            by=by,
        )
        if row.get("submitted"):
            cases.case_submit(case=case, by=by)


class _Loader:
    """Walks the demo file section by section, keeping names → rows for references."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.org: Organisation
        self.directorates: dict[str, Any] = {}
        self.programmes: dict[str, Any] = {}
        self.priorities: dict[str, Any] = {}
        self.stages: dict[str, Any] = {}
        self.boards: dict[str, Any] = {}
        self.projects: dict[str, Project] = {}

    def load(self) -> Organisation:
        self.org = portfolio.organisation_create(**self.data["organisation"])
        self._structure()
        self._projects()
        self._governance()
        self._savings()
        self._funding()
        self._measures()
        self._risks()
        return self.org

    def _scope(self, row: dict[str, Any]) -> dict[str, Any]:
        project = self.projects[row["project"]] if row.get("project") else None
        directorate = self.directorates[row["directorate"]] if row.get("directorate") else None
        return {"project": project, "directorate": directorate}

    def _structure(self) -> None:
        org = self.org
        for order, name in enumerate(self.data["lifecycle"], start=1):
            self.stages[name] = portfolio.lifecycle_stage_create(
                organisation=org, name=name, order=order
            )
        for order, name in enumerate(self.data["directorates"], start=1):
            self.directorates[name] = portfolio.directorate_create(
                organisation=org, name=name, order=order
            )
        for row in self.data["priorities"]:
            self.priorities[row["name"]] = portfolio.priority_create(organisation=org, **row)
        for row in self.data["programmes"]:
            directorate = self.directorates.get(row.get("directorate", ""))
            self.programmes[row["name"]] = portfolio.programme_create(
                organisation=org,
                name=row["name"],
                directorate=directorate,
                summary=row.get("summary", ""),
            )
        for name in self.data["boards"]:
            self.boards[name] = portfolio.board_create(organisation=org, name=name)

    def _projects(self) -> None:
        keys = self.data.get("priority_keys", {})
        for row in self.data["projects"]:
            status = row["status"]
            end = row.get("end")
            ended = status in (ProjectStatus.COMPLETE, ProjectStatus.STOPPED)
            project = portfolio.project_create(
                organisation=self.org,
                code=row["code"],
                name=row["name"],
                directorate=self.directorates.get(row.get("directorate", "")),
                programme=self.programmes.get(row.get("programme", "")),
                stage=self.stages.get(row.get("stage", "")),
                planned_start=row.get("start"),
                planned_end=None if ended else end,
                priorities=[self.priorities[keys[k]] for k in row.get("priorities", [])],
                started_on=row.get("start") if status != ProjectStatus.PROPOSED else None,
            )
            if ended:
                project = portfolio.project_change_status(
                    project=project, status=status, on=end, seen_version=LATEST
                )
            self.projects[row["code"]] = project

    def _governance(self) -> None:
        for row in self.data.get("decisions", []):
            portfolio.decision_record(
                organisation=self.org,
                board=self.boards[row["board"]],
                decided_on=row["date"],
                kind=row["kind"],
                text=row["text"],
                projects=[self.projects[code] for code in row.get("projects", [])],
            )
        for row in self.data.get("milestones", []):
            portfolio.milestone_create(
                organisation=self.org,
                name=row["name"],
                due_on=row["date"],
                project=self.projects.get(row.get("project", "")),
                programme=self.programmes.get(row.get("programme", "")),
                status=row.get("status", "planned"),
            )

    def _savings(self) -> None:
        savings = self.data["savings"]
        for row in savings["targets"]:
            benefits.savings_target_set(
                organisation=self.org,
                year=row["year"],
                amount=Decimal(row["amount"]),
                kind=row.get("kind", "cashable"),
                variance_reason=" ".join(row.get("variance_reason", "").split()),
                **self._scope(row),
            )
        for row in savings["achieved"]:
            benefits.saving_record(
                organisation=self.org,
                year=row["year"],
                amount=Decimal(row["amount"]),
                kind=row.get("kind", "cashable"),
                recorded_on=row["date"],
                **self._scope(row),
            )
        for row in savings["carry_forwards"]:
            benefits.savings_carry_forward(
                organisation=self.org,
                from_year=row["from"],
                to_year=row["to"],
                amount=Decimal(row["amount"]),
                reason=row["reason"],
                **self._scope(row),
            )

    def _funding(self) -> None:
        for row in self.data["funds"]:
            fund = funding.fund_create(
                organisation=self.org,
                name=row["name"],
                kind=row["kind"],
                pot=Decimal(row["pot"]),
                decided_by=row.get("decided_by", ""),
            )
            for bid in row.get("bids", []):
                self._bid(fund, bid)
            if "illustrative_bids" in row:
                for bid in _illustrative_bids(**row["illustrative_bids"]):
                    self._bid(fund, bid)
        for row in self.data.get("grants", []):
            funding.grant_record(
                organisation=self.org,
                funder=row["funder"],
                scheme=row.get("scheme", ""),
                amount=Decimal(row["amount"]),
                awarded_on=row.get("date"),
                project=self.projects.get(row.get("project", "")),
            )

    def _bid(self, fund: Fund, row: dict[str, Any]) -> None:
        bid = funding.bid_submit(
            fund=fund,
            title=row["title"],
            amount=Decimal(row["amount"]),
            purpose=row.get("purpose", ""),
            project=self.projects.get(row.get("project", "")),
        )
        funding.bid_decide(bid=bid, approve=True, decided_on=row["decided_on"])

    def _measures(self) -> None:
        for row in self.data.get("measures", []):
            measure = benefits.measure_create(
                organisation=self.org,
                name=row["name"],
                unit=row["unit"],
                project=self.projects.get(row.get("project", "")),
                baseline=None if row.get("baseline") is None else Decimal(row["baseline"]),
                target=None if row.get("target") is None else Decimal(row["target"]),
                target_date=row.get("target_date"),
            )
            for reading in row.get("readings", []):
                benefits.measure_record_reading(
                    measure=measure,
                    taken_on=reading["date"],
                    value=Decimal(reading["value"]),
                    note=reading.get("note", ""),
                )

    def _risks(self) -> None:
        section = self.data["risks"]
        risks.risk_bands_set(
            organisation=self.org,
            bands={band["name"]: band["min_score"] for band in section["bands"]},
            actions={band["name"]: band.get("action", "") for band in section["bands"]},
        )
        programme = self.programmes[section["programme"]]
        numbers = count(1)
        for impact_name, row in section["heat_map"].items():
            impact = IMPACTS[impact_name]
            for likelihood, how_many in enumerate(row, start=1):
                for _ in range(how_many):
                    risks.risk_create(
                        organisation=self.org,
                        programme=programme,
                        title=f"Illustrative risk {next(numbers)}",
                        likelihood=likelihood,
                        impact=impact,
                        target_likelihood=max(likelihood - 1, 1),
                        target_impact=impact,
                        cause="Illustrative: the report publishes risk counts, not risks.",
                    )


def _illustrative_bids(*, count: int, total: int, decided_on: date) -> list[dict[str, Any]]:
    """``count`` whole-pound bids summing to ``total``: equal, the remainder on the last."""
    share, remainder = divmod(total, count)
    return [
        {
            "title": f"Illustrative invest-to-save bid {n}",
            "amount": share + (remainder if n == count else 0),
            "decided_on": decided_on,
            "purpose": "Illustrative: the report gives the number and total of bids only.",
        }
        for n in range(1, count + 1)
    ]
