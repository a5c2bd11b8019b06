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
from realise.risks.selectors import (
    IMPACT_NAMES,
    LIKELIHOOD_NAMES,
    HeatMap,
    highest_band,
    risk_heat_map,
    risks_in_band,
)


def risks_by_band_table(heat: HeatMap) -> Table:
    """Open risks counted by the council's bands, highest band first, with the total."""
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
    heat = risk_heat_map(organisation=organisation)
    grid = Table(
        key="risk-heat-map",
        title=f"Risk heat map: {heat.total} open risks by impact and likelihood",
        columns=(Column("Impact"), *(Column(n, numeric=True) for n in LIKELIHOOD_NAMES)),
        rows=tuple(
            (
                text(IMPACT_NAMES[impact - 1]),
                *(count(heat.count(likelihood, impact)) for likelihood in range(1, 6)),
            )
            for impact in range(5, 0, -1)
        ),
        total=(
            total_label(),
            *(
                count(sum(heat.count(likelihood, i) for i in range(1, 6)), summed=True)
                for likelihood in range(1, 6)
            ),
        ),
    )
    bands = risks_by_band_table(heat)
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
    intro = Paragraph(
        "Open risks on the transformation risk register, scored likelihood by impact on "
        "five-point scales and banded by the council's thresholds."
    )
    return Section("Risk", (intro, grid, bands, listed))
