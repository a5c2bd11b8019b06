"""Board decisions and the projects they concern, through the portfolio services."""

from __future__ import annotations

from datetime import date
from typing import Any

from realise.imports import cells
from realise.imports.context import Context
from realise.imports.kinds.columns import Column, Kind, Values, as_day, chosen, named, plain
from realise.portfolio import services as portfolio
from realise.portfolio.models import Decision, DecisionKind, Project


def _project_codes(value: Any, ctx: Context) -> list[Project]:
    codes = [c.strip() for c in cells.text(value).replace(";", ",").split(",") if c.strip()]
    return [ctx.project(code) for code in codes]


def _decision_create(ctx: Context, values: Values) -> Decision:
    return portfolio.decision_record(
        organisation=ctx.organisation,
        board=values["board"],
        decided_on=values["decided_on"],
        kind=values["kind"],
        text=values["text"],
        projects=values.get("projects", ()),
        by=ctx.by,
    )


def _decision_update(ctx: Context, decision: Decision, values: Values) -> bool:
    wanted = {p.pk for p in values.get("projects", ())}
    if "projects" not in values or wanted == set(decision.projects.values_list("pk", flat=True)):
        return False
    portfolio.decision_link_projects(decision=decision, projects=values["projects"])
    return True


DECISIONS = Kind(
    name="decisions",
    label="Decisions",
    noun="decision",
    synonyms=("board decisions", "decision log"),
    columns=(
        named(
            "board",
            "Board",
            Context.board,
            required=True,
            synonyms=("committee", "decided by", "meeting"),
            choices="boards",
            example="Cabinet",
        ),
        plain(
            "decided_on",
            "Date",
            as_day,
            required=True,
            synonyms=("decided on", "decision date", "meeting date"),
            example=date(2025, 6, 20),
        ),
        chosen(
            "kind",
            "Kind",
            DecisionKind,
            "kind of decision",
            required=True,
            synonyms=("type", "decision type"),
            choices="decision_kinds",
            example="Approve business case",
        ),
        plain(
            "text",
            "Decision",
            required=True,
            synonyms=("text", "decision text", "details", "description"),
            example="Approved the business case for P-101",
        ),
        Column(
            "projects",
            "Projects",
            _project_codes,
            lambda d: ", ".join(p.code for p in d.projects.order_by("code")),
            synonyms=("project codes", "project code", "project"),
            hint="Project codes separated by commas",
        ),
    ),
    key=lambda v: (v["board"].pk, v["decided_on"], v["kind"], cells.normal(v["text"])),
    find=lambda ctx, v: Decision.objects.filter(
        organisation=ctx.organisation,
        board=v["board"],
        decided_on=v["decided_on"],
        kind=v["kind"],
        text=v["text"],
    ).first(),
    create=_decision_create,
    update=_decision_update,
    rows=lambda org: Decision.objects.filter(organisation=org).select_related("board"),
    describe=lambda v: f"{v['board'].name} {v['decided_on']:%d/%m/%Y}: {v['text'][:60]}",
)
