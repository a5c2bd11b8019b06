"""5. Risk: the heat map, risks by band and the highest band's risks."""

from __future__ import annotations

from realise.portfolio.models import Organisation
from realise.reports.context import (
    Column,
    Paragraph,
    Section,
    Table,
    blank,
    check_total,
    count,
    text,
    total_label,
)
from realise.risks.models import HeatMapRows
from realise.risks.selectors import (
    IMPACT_NAMES,
    LIKELIHOOD_NAMES,
    HeatMap,
    NoRiskBands,
    heat_map_rows,
    highest_band,
    risk_heat_map,
    risks_in_band,
)

INTRO = (
    "Open risks on the transformation risk register, scored likelihood by impact on five-point "
    "scales and banded by the council's thresholds."
)


def heat_map_table(heat: HeatMap, rows: str = HeatMapRows.IMPACT) -> Table:
    """The heat map as a table of counts, laid out as the council prints it (``rows``: the
    rating down the side, ``HeatMapRows``), the worst cell at the top right; totals by column."""
    by_likelihood = rows == HeatMapRows.LIKELIHOOD
    down, across = ("Likelihood", "Impact") if by_likelihood else ("Impact", "Likelihood")
    side_names, top_names = (
        (LIKELIHOOD_NAMES, IMPACT_NAMES) if by_likelihood else (IMPACT_NAMES, LIKELIHOOD_NAMES)
    )
    grid = heat.grid(rows)
    rating = (lambda c: c.likelihood) if by_likelihood else (lambda c: c.impact)
    return Table(
        key="risk-heat-map",
        title=f"Risk heat map: {heat.total} open risks by {down.lower()} and {across.lower()}",
        columns=(Column(down), *(Column(n, numeric=True) for n in top_names)),
        rows=tuple(
            (text(side_names[rating(row[0]) - 1]), *(count(c.count) for c in row)) for row in grid
        ),
        total=(
            total_label(),
            *(count(sum(row[i].count for row in grid), summed=True) for i in range(5)),
        ),
        notes=(f"{down} runs down the side, {across.lower()} across the top.",),
    )


def risks_by_band_table(heat: HeatMap) -> Table:
    """Open risks counted by the council's bands, the highest band first."""
    check_total("Risk bands", [b.count for b in heat.bands], heat.total)
    return Table(
        key="risks-by-band",
        title="Open risks by band",
        columns=(Column("Band"), Column("From score", numeric=True), Column("Risks", numeric=True)),
        rows=tuple(
            (text(b.name), count(b.min_score), count(b.count)) for b in reversed(heat.bands)
        ),
        total=(total_label(), blank(), count(heat.total, summed=True)),
    )


def risk_section(organisation: Organisation) -> Section:
    """The heat map (laid out as the council chose), open risks by band and the risks of the
    highest band; for a council that has not set its risk bands yet, a paragraph saying so (a
    risk is scored in bands)."""
    try:
        heat = risk_heat_map(organisation=organisation)
    except NoRiskBands:
        return Section("Risk", (Paragraph(no_bands(organisation)),))
    grid = heat_map_table(heat, heat_map_rows(organisation=organisation))
    top = highest_band(organisation=organisation)
    high = risks_in_band(organisation=organisation, band=top)
    listed = Table(
        key="high-risks",
        title=f"{top} risks ({len(high)})",
        columns=(
            Column("Risk"),
            Column("Owner"),
            Column("Likelihood", numeric=True),
            Column("Impact", numeric=True),
            Column("Score", numeric=True),
        ),
        rows=tuple(
            (text(r.title), text(r.owner), count(r.likelihood), count(r.impact), count(r.score))
            for r in high
        ),
    )
    return Section("Risk", (Paragraph(INTRO), grid, risks_by_band_table(heat), listed))


def no_bands(organisation: Organisation) -> str:
    return (
        f"{organisation.name} has not set its risk bands yet, so no risk heat map or banded "
        "risks are shown. A TMO admin sets them in Settings, under Risk bands."
    )
