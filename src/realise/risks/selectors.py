"""Reads of the risk register: the heat map of current or residual scores, counted per cell and
per council-defined band; the register with its filters (overdue reviews among them); one risk
with its mitigations. A risk's history in words is in ``timeline.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Count
from django.utils import timezone

from realise.accounts.selectors import names_in
from realise.core.concurrency import version_of, versioned
from realise.finance import risk as scoring
from realise.portfolio.models import Organisation
from realise.portfolio.naming import same_name
from realise.risks.models import (
    HeatMapRows,
    Risk,
    RiskBand,
    RiskMitigation,
    RiskSettings,
    RiskStatus,
)

LIKELIHOOD_NAMES = ("Very unlikely", "Unlikely", "Possible", "Likely", "Certain")
IMPACT_NAMES = ("Negligible", "Slight", "Moderate", "Major", "Catastrophic")

# Which scores the heat map counts and the register's likelihood, impact and band filters read:
# current (as the risk stands) or residual (once mitigated). Current unless asked.
CURRENT, RESIDUAL = "current", "residual"
SCORES = (CURRENT, RESIDUAL)


def _ratings(scores: str) -> tuple[str, str]:
    """The two fields a heat map or filter of ``scores`` reads."""
    if scores == RESIDUAL:
        return "target_likelihood", "target_impact"
    return "likelihood", "impact"


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    score: int
    band: str
    count: int


@dataclass(frozen=True)
class BandCount:
    name: str
    min_score: int
    count: int


@dataclass(frozen=True)
class HeatMap:
    """Open risks counted by likelihood x impact (all 25 cells) and by band, lowest band first."""

    cells: tuple[HeatCell, ...]
    bands: tuple[BandCount, ...]
    total: int
    scores: str = CURRENT

    @property
    def residual(self) -> bool:
        return self.scores == RESIDUAL

    def count(self, likelihood: int, impact: int) -> int:
        return self.cell(likelihood, impact).count

    def cell(self, likelihood: int, impact: int) -> HeatCell:
        return next(c for c in self.cells if (c.likelihood, c.impact) == (likelihood, impact))

    def grid(self, rows: str = HeatMapRows.IMPACT) -> tuple[tuple[HeatCell, ...], ...]:
        """The cells as the heat map shows them, a row at a time from the top. With impact as
        the rows (the default): impact 5 at the top, likelihood 1 to 5 across; with likelihood
        as the rows: likelihood 5 at the top, impact 1 to 5 across. Either way the worst cell,
        certain and catastrophic, is at the top right."""
        down = reversed(scoring.SCALE)
        if rows == HeatMapRows.LIKELIHOOD:
            return tuple(tuple(self.cell(n, i) for i in scoring.SCALE) for n in down)
        return tuple(tuple(self.cell(n, i) for n in scoring.SCALE) for i in down)

    def band_count(self, name: str) -> int:
        return next(b.count for b in self.bands if b.name == name)


def risk_bands(*, organisation: Organisation) -> scoring.RiskBands:
    """The council's bands in use (not the retired ones) as the finance engine reads them."""
    thresholds = dict(
        RiskBand.objects.filter(organisation=organisation, retired=False).values_list(
            "name", "min_score"
        )
    )
    if not thresholds:
        raise RiskBand.DoesNotExist(f"{organisation} has no risk bands: set them first")
    return scoring.RiskBands.from_thresholds(thresholds)


def heat_map_rows(*, organisation: Organisation) -> str:
    """The rating down the side of the council's heat map: "impact" (unless the council chose
    otherwise) or "likelihood" (``HeatMapRows``)."""
    chosen = (
        RiskSettings.objects.filter(organisation=organisation)
        .values_list("heat_map_rows", flat=True)
        .first()
    )
    return chosen or HeatMapRows.IMPACT


def risk_heat_map(*, organisation: Organisation, scores: str = CURRENT) -> HeatMap:
    """Count open risks per cell of their current (or residual) likelihood and impact in one
    aggregate query; band each cell by the council's bands."""
    bands = risk_bands(organisation=organisation)
    likelihood_field, impact_field = _ratings(scores)
    counts = {
        (row[likelihood_field], row[impact_field]): row["n"]
        for row in Risk.objects.filter(organisation=organisation, status=RiskStatus.OPEN)
        .values(likelihood_field, impact_field)
        .annotate(n=Count("id"))
    }
    cells = tuple(
        HeatCell(
            likelihood=likelihood,
            impact=impact,
            score=scoring.score(likelihood, impact),
            band=bands.band_for(likelihood, impact),
            count=counts.get((likelihood, impact), 0),
        )
        for impact in reversed(scoring.SCALE)
        for likelihood in scoring.SCALE
    )
    by_band = tuple(
        BandCount(
            name=band.name,
            min_score=band.min_score,
            count=sum(c.count for c in cells if c.band == band.name),
        )
        for band in bands.bands
    )
    return HeatMap(
        cells=cells,
        bands=by_band,
        total=sum(counts.values()),
        scores=RESIDUAL if scores == RESIDUAL else CURRENT,
    )


@dataclass(frozen=True)
class RiskLine:
    pk: int
    title: str
    scope: str
    project_id: int | None
    owner: str
    likelihood: int
    impact: int
    score: int
    band: str
    target_score: int
    status: str
    escalated: bool = False
    target_likelihood: int = 0
    target_impact: int = 0
    target_band: str = ""
    review_on: date | None = None
    overdue: bool = False
    escalated_to: str = ""


RISK_FILTERS = (
    "likelihood",
    "impact",
    "band",
    "status",
    "programme",
    "project",
    "escalated",
    "review",
    "scores",
)
ESCALATED = {"yes": True, "no": False}
OVERDUE = "overdue"


def owner_shown(person: str, text: str) -> str:
    """A risk's owner in words: the person in Realise, the name or post typed, or both."""
    if person and text and text != person:
        return f"{person} ({text})"
    return person or text


def risks_list(
    *,
    organisation: Organisation,
    filters: dict[str, str] | None = None,
    today: date | None = None,
) -> tuple[RiskLine, ...]:
    """The register, highest score first, banded by the council's bands. Three queries (the
    risks, the bands, the people's names). Filters: likelihood, impact, band name, status,
    programme or project id, escalated ("yes" or "no"), review ("overdue": open risks whose
    review date is before ``today``) and scores ("residual": likelihood, impact, band and the
    order read the residual scores, else the current ones)."""
    bands = risk_bands(organisation=organisation)
    today = today or timezone.localdate()
    filters = {k: v for k, v in (filters or {}).items() if k in RISK_FILTERS and v}
    band = filters.pop("band", None)
    overdue_only = filters.pop("review", None) == OVERDUE
    residual = filters.pop("scores", None) == RESIDUAL
    read = _ratings(RESIDUAL if residual else CURRENT)
    rated = {"likelihood": read[0], "impact": read[1]}
    query: dict[str, object] = {
        f"{k}_id" if k in ("programme", "project") else rated.get(k, k): v
        for k, v in filters.items()
    }
    if "escalated" in query:
        escalated = ESCALATED.get(str(query.pop("escalated")).lower())
        if escalated is not None:
            query["escalated"] = escalated
    rows = (
        Risk.objects.filter(organisation=organisation, **query)
        .values(
            "pk",
            "title",
            "project_id",
            "project__name",
            "programme__name",
            "owner",
            "owner_user_id",
            "likelihood",
            "impact",
            "target_likelihood",
            "target_impact",
            "status",
            "escalated",
            "escalated_to__name",
            "review_on",
        )
        .order_by("id")
    )
    names = names_in(organisation=organisation)
    lines = [
        RiskLine(
            pk=r["pk"],
            title=r["title"],
            scope=r["project__name"] or r["programme__name"] or "",
            project_id=r["project_id"],
            owner=owner_shown(names.get(r["owner_user_id"], ""), r["owner"]),
            likelihood=r["likelihood"],
            impact=r["impact"],
            score=scoring.score(r["likelihood"], r["impact"]),
            band=bands.band_for(r["likelihood"], r["impact"]),
            target_score=scoring.score(r["target_likelihood"], r["target_impact"]),
            status=dict(RiskStatus.choices)[r["status"]],
            escalated=r["escalated"],
            target_likelihood=r["target_likelihood"],
            target_impact=r["target_impact"],
            target_band=bands.band_for(r["target_likelihood"], r["target_impact"]),
            review_on=r["review_on"],
            overdue=scoring.review_overdue(
                r["review_on"], today=today, is_open=r["status"] == RiskStatus.OPEN
            ),
            escalated_to=r["escalated_to__name"] or "",
        )
        for r in rows
    ]
    if band:
        lines = [line for line in lines if (line.target_band if residual else line.band) == band]
    if overdue_only:
        lines = [line for line in lines if line.overdue]
    if residual:
        return tuple(sorted(lines, key=lambda line: (-line.target_score, line.pk)))
    return tuple(sorted(lines, key=lambda line: (-line.score, line.pk)))


def risks_in_band(*, organisation: Organisation, band: str) -> tuple[RiskLine, ...]:
    """Open risks whose score falls in the council's ``band``, highest score first."""
    return risks_list(organisation=organisation, filters={"band": band, "status": RiskStatus.OPEN})


def highest_band(*, organisation: Organisation) -> str:
    """The name of the council's most severe risk band."""
    return risk_bands(organisation=organisation).bands[-1].name


# For the pages' forms (ADR 0021) ------------------------------------------------------------------

NoRiskBands = RiskBand.DoesNotExist  # what the selectors raise for a council with no bands yet


def bands_list(
    *, organisation: Organisation, with_retired: bool = False
) -> models.QuerySet[RiskBand]:
    """The council's risk bands in use, lowest first; ``with_retired``, the retired ones too
    (after those in use), as Settings lists them."""
    rows = RiskBand.objects.filter(organisation=organisation)
    if with_retired:
        return rows.order_by("retired", "min_score", "name")
    return rows.filter(retired=False).order_by("min_score")


def band_in(*, organisation: Organisation, pk: object) -> RiskBand | None:
    """The council's risk band ``pk`` (in use or retired), or None (also for another council's)."""
    return RiskBand.objects.filter(organisation=organisation, pk=pk).first()


def band_named(*, organisation: Organisation, name: str) -> RiskBand:
    """The council's band called ``name`` (letter case and spaces aside, in use or retired); else
    a ``ValueError`` naming the bands it has."""
    rows = list(RiskBand.objects.filter(organisation=organisation).order_by("min_score"))
    found = next((band for band in rows if same_name(band.name, name)), None)
    if found is None:
        names = ", ".join(band.name for band in rows) or "none yet"
        raise ValueError(f'{organisation.name} has no risk band "{name}" (risk bands: {names})')
    return found


def risk_to_change(*, organisation: Organisation, pk: object) -> Risk | None:
    """The council's risk ``pk`` with its project, programme, board and owner and the version it
    was read at, or None (also for another council's)."""
    found = versioned(
        Risk.objects.select_related(
            "organisation", "project", "programme", "escalated_to", "owner_user"
        )
    )
    return found.filter(organisation=organisation, pk=pk).first()


def mitigation_to_change(*, risk: Risk, pk: object) -> RiskMitigation | None:
    """The mitigation ``pk`` of ``risk`` with the version it was read at, or None."""
    return versioned(RiskMitigation.objects).filter(risk=risk, pk=pk).first()


def people_to_choose(*, organisation: Organisation) -> list[tuple[int, str]]:
    """(account id, name) of everyone holding a role in the council, by name: who may own a
    risk."""
    names = names_in(organisation=organisation)
    return sorted(names.items(), key=lambda pair: (pair[1].casefold(), pair[0]))


@dataclass(frozen=True)
class MitigationLine:
    pk: int
    action: str
    owner: str
    due_on: date | None
    done_on: date | None
    overdue: bool  # not done and due before today
    version: int | None


@dataclass(frozen=True)
class RiskView:
    """One risk as its page shows it: the row (with its version), its scores banded, whether its
    review is overdue, its owner in words and its mitigations, oldest first."""

    risk: Risk
    band: str
    target_band: str
    overdue: bool
    owner: str
    mitigations: tuple[MitigationLine, ...]


def risk_view(*, risk: Risk, today: date | None = None) -> RiskView:
    """``risk`` (from ``risk_to_change``) as its page shows it, in four queries."""
    today = today or timezone.localdate()
    bands = risk_bands(organisation=risk.organisation)
    names = names_in(organisation=risk.organisation)
    actions = versioned(RiskMitigation.objects.filter(risk=risk)).order_by("id")
    return RiskView(
        risk=risk,
        band=bands.band_for(risk.likelihood, risk.impact),
        target_band=bands.band_for(risk.target_likelihood, risk.target_impact),
        overdue=scoring.review_overdue(risk.review_on, today=today, is_open=risk.is_open),
        owner=owner_shown(names.get(risk.owner_user_id or 0, ""), risk.owner),
        mitigations=tuple(
            MitigationLine(
                pk=m.pk,
                action=m.action,
                owner=m.owner,
                due_on=m.due_on,
                done_on=m.done_on,
                overdue=m.done_on is None and m.due_on is not None and m.due_on < today,
                version=version_of(m),
            )
            for m in actions
        ),
    )
