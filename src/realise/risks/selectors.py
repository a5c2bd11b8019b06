"""Reads of the risk register: the heat map, counted per cell and per council-defined band."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Count

from realise.core.concurrency import versioned
from realise.finance import risk as scoring
from realise.portfolio.models import Organisation
from realise.portfolio.naming import same_name
from realise.risks.models import Risk, RiskBand, RiskStatus

LIKELIHOOD_NAMES = ("Very unlikely", "Unlikely", "Possible", "Likely", "Certain")
IMPACT_NAMES = ("Negligible", "Slight", "Moderate", "Major", "Catastrophic")


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

    def count(self, likelihood: int, impact: int) -> int:
        return next(c.count for c in self.cells if (c.likelihood, c.impact) == (likelihood, impact))

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


def risk_heat_map(*, organisation: Organisation) -> HeatMap:
    """Count open risks per cell in one aggregate query; band each cell by the council's bands."""
    bands = risk_bands(organisation=organisation)
    counts = {
        (row["likelihood"], row["impact"]): row["n"]
        for row in Risk.objects.filter(organisation=organisation, status=RiskStatus.OPEN)
        .values("likelihood", "impact")
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
    return HeatMap(cells=cells, bands=by_band, total=sum(counts.values()))


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


RISK_FILTERS = ("likelihood", "impact", "band", "status", "programme", "project", "escalated")
ESCALATED = {"yes": True, "no": False}


def risks_list(
    *, organisation: Organisation, filters: dict[str, str] | None = None
) -> tuple[RiskLine, ...]:
    """The register, highest score first, banded by the council's bands. One query (two with
    the bands). Filters: likelihood, impact, band name, status, programme or project id, and
    escalated ("yes" or "no": on the corporate risk register or not)."""
    bands = risk_bands(organisation=organisation)
    filters = {k: v for k, v in (filters or {}).items() if k in RISK_FILTERS and v}
    band = filters.pop("band", None)
    query: dict[str, object] = {
        f"{k}_id" if k in ("programme", "project") else k: v for k, v in filters.items()
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
            "likelihood",
            "impact",
            "target_likelihood",
            "target_impact",
            "status",
            "escalated",
        )
        .order_by("id")
    )
    lines = [
        RiskLine(
            pk=r["pk"],
            title=r["title"],
            scope=r["project__name"] or r["programme__name"] or "",
            project_id=r["project_id"],
            owner=r["owner"],
            likelihood=r["likelihood"],
            impact=r["impact"],
            score=scoring.score(r["likelihood"], r["impact"]),
            band=bands.band_for(r["likelihood"], r["impact"]),
            target_score=scoring.score(r["target_likelihood"], r["target_impact"]),
            status=dict(RiskStatus.choices)[r["status"]],
            escalated=r["escalated"],
        )
        for r in rows
    ]
    if band:
        lines = [line for line in lines if line.band == band]
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
    """The council's risk ``pk`` with its project and the version it was read at, or None."""
    found = versioned(Risk.objects.select_related("project"))
    return found.filter(organisation=organisation, pk=pk).first()
