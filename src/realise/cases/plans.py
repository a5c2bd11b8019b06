"""What approving an option of a case sets, before and after: the savings targets by financial
year, directorate and kind (each the sum of the case's lines that land there), the staff and cost
budgets, and what each target of the version in force becomes (ADR 0039).

``approval_plan`` works it out without writing anything: the approval page shows it as a preview
and ``services.case_approve`` writes it, refusing while it has ``problems``. ``case_plan`` lists
what approvals set, for the case's page, the API and the command line.

Where a line lands: the directorate chosen for it at the approval (``directorates``: line id →
directorate), else the one the case names for it (by name, any letter case), else the case's
project's directorate, else its programme's. A line that lands nowhere, in another council's
directorate or in a retired one is a problem named by the line. A target is the case's project's
when the line lands in that project's directorate, else the directorate's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from realise.benefits.models import SavingKind, SavingsTarget
from realise.cases.documents import Document
from realise.cases.models import Case, CaseBudget, CaseStatus, CaseTarget, CaseVersion
from realise.finance.appraisal.engine import LineResult, OptionResult, run_option
from realise.finance.appraisal.plan import (
    OptionPlan,
    PlannedBudget,
    PlannedTarget,
    Rebaseline,
    option_plan,
    rebaselined,
    target_lines,
)
from realise.finance.calendar import FinancialYear
from realise.finance.money import format_money
from realise.portfolio.models import Directorate, Project
from realise.portfolio.naming import same_name
from realise.portfolio.reference import refuse_retired

# A target's key: (year, kind, directorate id, project id or None).
Key = tuple[int, str, int, int | None]
Place = tuple[int, int | None]  # (directorate id, project id or None)


def kind_name(kind: str) -> str:
    """A saving's kind in words: “Cashable saving”, “Cost avoidance”, “Income”."""
    return str(SavingKind(kind).label)


def directorates_field(line_id: str) -> str:
    """The field a problem with a line's directorate is reported on: ``directorates.<line id>``,
    as the API takes the mapping."""
    return f"directorates.{line_id}"


def line_label(line: LineResult) -> str:
    """A line as a person knows it: “the layer ‘Customer’”, “the line ‘Fees’”."""
    what = "layer" if line.id.startswith("layer:") else "line"
    return f"the {what} ‘{line.name}’"


@dataclass(frozen=True)
class Placed:
    """A line of the option that makes savings targets, and where it lands."""

    line: LineResult
    directorate: Directorate | None
    how: str  # "chosen", "named in the case", "the project's", "the programme's" or ""

    @property
    def from_case(self) -> bool:
        """Whether the case itself names a directorate of the council for the line."""
        return self.how == "named in the case"


@dataclass(frozen=True)
class TargetChange:
    """One savings target as the approval leaves it: new, changed, the same, or (a target of the
    version in force that the new one no longer has) set to £0."""

    year: FinancialYear
    kind: str
    directorate: Directorate
    project: Project | None
    before: Decimal | None  # the target's amount now (None: a new target)
    after: Decimal
    action: str  # realise.finance.appraisal.plan NEW, CHANGED, SAME or REMOVED
    lines: tuple[PlannedTarget[Place], ...]
    target: SavingsTarget | None  # the target it changes (None: a new one)
    key: Key


@dataclass(frozen=True)
class ApprovalPlan:
    case: Case
    version: CaseVersion
    option_id: str
    option_name: str
    result: OptionResult
    placed: tuple[Placed, ...]
    plan: OptionPlan[Place]
    changes: tuple[TargetChange, ...]
    in_force: CaseVersion | None
    problems: dict[str, list[str]] = field(default_factory=dict)
    # Lines of the version in force whose targets go to £0, by target key.
    dropped: dict[Key, list[CaseTarget]] = field(default_factory=dict)

    @property
    def budgets(self) -> tuple[PlannedBudget, ...]:
        return self.plan.budgets

    @property
    def untargeted(self) -> tuple[LineResult, ...]:
        return self.plan.untargeted

    def refuse(self) -> None:
        """A ``ValidationError`` with every problem, if there is any."""
        if self.problems:
            raise ValidationError(self.problems)


def _council_directorates(case: Case) -> list[Directorate]:
    return list(Directorate.objects.filter(organisation_id=case.organisation_id))


def _default(case: Case) -> tuple[Directorate | None, str]:
    if case.project_id is not None and case.project.directorate_id is not None:
        return case.project.directorate, "the project's"
    if case.programme_id is not None and case.programme.directorate_id is not None:
        return case.programme.directorate, "the programme's"
    return None, ""


def _place(
    case: Case,
    line: LineResult,
    chosen: Directorate | None,
    council: list[Directorate],
    problems: dict[str, list[str]],
) -> Placed:
    where = directorates_field(line.id)
    if chosen is not None:
        if chosen.organisation_id != case.organisation_id:
            problems.setdefault(where, []).append(
                f"{chosen.name} is not one of {case.organisation.name}'s directorates: choose "
                f"one of its own for {line_label(line)}"
            )
            return Placed(line, None, "")
        placed = Placed(line, chosen, "chosen")
    else:
        named = next(
            (d for d in council if line.directorate and same_name(d.name, line.directorate)), None
        )
        default, how = _default(case)
        if named is not None:
            placed = Placed(line, named, "named in the case")
        elif default is not None and not line.directorate:
            placed = Placed(line, default, how)
        else:
            names = ", ".join(d.name for d in council if not d.retired) or "none yet"
            said = (
                f"the case names ‘{line.directorate}’, which is not one of "
                f"{case.organisation.name}'s directorates ({names})"
                if line.directorate
                else "the case names none"
            )
            problems.setdefault(where, []).append(
                f"Choose the directorate whose savings target {line_label(line)} sets: {said}"
            )
            return Placed(line, None, "")
    try:
        keeping = case.project.directorate_id if case.project_id is not None else None
        refuse_retired(where, placed.directorate, kept=keeping)
    except ValidationError as refused:
        problems.setdefault(where, []).extend(refused.message_dict[where])
    return placed


@dataclass(frozen=True)
class LineToPlace:
    """A line that makes savings targets in one or more options of the case, for which the case
    names no directorate of the council: the approval says where it lands (else the project's
    or programme's directorate, ``default``, when the case has one)."""

    id: str
    label: str  # “the layer ‘Customer’”
    named: str  # the directorate the case names for it, as written ("" for none)
    options: tuple[str, ...]  # the ids of the options in which it makes targets
    default: Directorate | None


def lines_to_place(*, case: Case, document: Document) -> tuple[LineToPlace, ...]:
    """Each line of any option of ``document`` that makes savings targets and lands in no
    directorate the case names, in the order first met."""
    council = _council_directorates(case)
    default, _ = _default(case)
    appraisal = document.appraisal
    found: dict[str, LineToPlace] = {}
    for option in appraisal.options:
        for line in target_lines(run_option(appraisal, option)):
            said = line.directorate
            if any(said and same_name(d.name, said) and not d.retired for d in council):
                continue  # the case names one of the council's directorates in use
            seen = found.get(line.id)
            options = (*seen.options, option.id) if seen else (option.id,)
            found[line.id] = LineToPlace(
                line.id,
                line_label(line),
                line.directorate,
                options,
                default if not line.directorate else None,
            )
    return tuple(found.values())


def _scope(case: Case, directorate: Directorate) -> Place:
    project = case.project if case.project_id is not None else None
    in_project = project is not None and project.directorate_id == directorate.pk
    return (directorate.pk, project.pk if in_project and project is not None else None)


def _placed(
    case: Case,
    result: OptionResult,
    chosen: Mapping[str, Directorate],
    council: list[Directorate],
    problems: dict[str, list[str]],
) -> tuple[Placed, ...]:
    lines = target_lines(result)
    known = {line.id for line in lines}
    for line_id in chosen:
        if line_id not in known:
            listed = ", ".join(f"{line.id} ({line.name})" for line in lines) or "it has none"
            problems.setdefault(directorates_field(line_id), []).append(
                f"“{line_id}” is not a line of {result.option.name} that makes a savings target: "
                f"its lines that do are {listed}"
            )
    return tuple(_place(case, line, chosen.get(line.id), council, problems) for line in lines)


def _links(case: Case) -> list[CaseTarget]:
    rows = CaseTarget.objects.filter(case=case).select_related("target", "version")
    return list(rows.order_by("version__number", "id"))


def _key(year: FinancialYear, kind: str, place: Place) -> Key:
    return (year.start, kind, place[0], place[1])


def _link_key(link: CaseTarget) -> Key:
    return (link.financial_year, link.kind, link.directorate_id, link.project_id)


def approval_plan(
    *,
    case: Case,
    version: CaseVersion,
    document: Document,
    option: str,
    directorates: Mapping[str, Directorate] | None = None,
) -> ApprovalPlan:
    """What approving ``option`` of ``version`` (its ``document`` read) would set, with
    ``directorates`` chosen for lines (line id → directorate); nothing is written. Every problem
    that would refuse the approval is in ``problems``, by field."""
    problems: dict[str, list[str]] = {}
    appraisal = document.appraisal
    result = run_option(appraisal, option)
    council = _council_directorates(case)
    placed = _placed(case, result, directorates or {}, council, problems)
    places = {p.line.id: _scope(case, p.directorate) for p in placed if p.directorate is not None}
    plan = option_plan(result, places)
    by_id = {d.pk: d for d in council}
    _check_years(case, result, problems)

    links = _links(case)
    in_force = _approved(case, excluding=version)
    known: dict[Key, SavingsTarget] = {_link_key(link): link.target for link in links}
    force_links = [link for link in links if in_force and link.version_id == in_force.pk]
    after = {_key(y, kind, place): amount for (y, place, kind), amount in plan.totals().items()}
    before = {_link_key(link): link.target.amount for link in force_links}
    before |= {key: known[key].amount for key in after if key in known}
    lines_of: dict[Key, list[PlannedTarget[Place]]] = {}
    for target in plan.targets:
        lines_of.setdefault(_key(target.year, target.kind, target.place), []).append(target)
    dropped: dict[Key, list[CaseTarget]] = {}
    for link in force_links:
        if _link_key(link) not in after:
            dropped.setdefault(_link_key(link), []).append(link)
    projects = {case.project_id: case.project} if case.project_id else {}
    changes = tuple(
        _change(change, by_id, projects, known, tuple(lines_of.get(change.key, ())))
        for change in rebaselined(before, after)
    )
    for change in changes:
        if change.after < 0:
            problems.setdefault(NON_FIELD_ERRORS, []).append(
                f"The lines that land in {change.directorate.name} give "
                f"{format_money(change.after, places=2)} in {change.year.label} "
                f"({kind_name(change.kind)}): a savings target cannot be less than £0"
            )
    return ApprovalPlan(
        case=case,
        version=version,
        option_id=result.option.id,
        option_name=result.option.name,
        result=result,
        placed=placed,
        plan=plan,
        changes=changes,
        in_force=in_force,
        problems=problems,
        dropped=dropped,
    )


def _approved(case: Case, *, excluding: CaseVersion | None = None) -> CaseVersion | None:
    """The case's approved version (the one in force), other than ``excluding``."""
    rows = CaseVersion.objects.filter(case=case, status=CaseStatus.APPROVED)
    if excluding is not None:
        rows = rows.exclude(pk=excluding.pk)
    return rows.defer("document").first()


def _change(
    change: Rebaseline[Key],
    directorates: dict[int, Directorate],
    projects: dict[Any, Project],
    known: dict[Key, SavingsTarget],
    lines: tuple[PlannedTarget[Place], ...],
) -> TargetChange:
    year, kind, directorate_id, project_id = change.key
    return TargetChange(
        year=FinancialYear(year),
        kind=kind,
        directorate=directorates[directorate_id],
        project=projects.get(project_id) if project_id is not None else None,
        before=change.before,
        after=change.after,
        action=change.action,
        lines=lines,
        target=known.get(change.key),
        key=change.key,
    )


def _check_years(case: Case, result: OptionResult, problems: dict[str, list[str]]) -> None:
    """Every year in which a line makes a target (wherever it lands) must be a plan year."""
    years = {
        row.year
        for line in target_lines(result)
        for row, amount in zip(result.years, line.amounts, strict=True)
        if amount != 0
    }
    plan_years = case.organisation.plan_years
    outside = plan_years.left_out(years)
    if not outside:
        return
    listed = (
        outside[0].label
        if len(outside) == 1
        else f"{', '.join(y.label for y in outside[:-1])} and {outside[-1].label}"
    )
    problems.setdefault(NON_FIELD_ERRORS, []).append(
        f"The option sets savings targets in {listed}, outside {case.organisation.name}'s plan "
        f"years ({plan_years.label}): a TMO admin extends the plan years in Settings first, "
        f"to {max(years).label} or later"
    )


@dataclass(frozen=True)
class CasePlan:
    """What the approval in force set: its savings targets (each line's part of one) and budgets."""

    version: CaseVersion | None
    targets: list[CaseTarget]
    budgets: list[CaseBudget]


def case_plan(*, case: Case, version: CaseVersion | None = None) -> CasePlan:
    """The savings targets and budgets that the approval of ``version`` set (by default the
    version in force), by year; empty when it set none. Three queries."""
    if version is None:
        version = _approved(case)
    if version is None:
        return CasePlan(None, [], [])
    targets = CaseTarget.objects.filter(version=version).select_related(
        "target", "directorate", "project"
    )
    budgets = CaseBudget.objects.filter(version=version)
    return CasePlan(
        version,
        list(targets.order_by("financial_year", "directorate__order", "directorate__name", "id")),
        list(budgets.order_by("kind", "financial_year", "id")),
    )
