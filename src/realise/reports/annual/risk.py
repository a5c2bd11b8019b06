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
    NoRiskBands,
    highest_band,
    risk_heat_map,
    risks_in_band,
)

INTRO = (
    "Open risks on the transformation risk register, scored likelihood by impact on five-point "
    "scales and banded by the council's thresholds."
)


def risk_section(organisation: Organisation) -> Section:
    """The heat map, open risks by band and the risks of the highest band; for a council that
    has not set its risk bands yet, a paragraph saying so (a risk is scored in bands)."""
    try:
        heat = risk_heat_map(organisation=organisation)
    except NoRiskBands:
        return Section("Risk", (Paragraph(no_bands(organisation)),))
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
    check_total("Risk bands", [b.count for b in heat.bands], heat.total)
    bands = Table(
        key="risks-by-band",
        title="Open risks by band",
        columns=(Column("Band"), Column("From score", numeric=True), Column("Risks", numeric=True)),
        rows=tuple(
            (text(b.name), count(b.min_score), count(b.count)) for b in reversed(heat.bands)
        ),
        total=(total_label(), blank(), count(heat.total, summed=True)),
    )
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
    return Section("Risk", (Paragraph(INTRO), grid, bands, listed))


def no_bands(organisation: Organisation) -> str:
    return (
        f"{organisation.name} has not set its risk bands yet, so no risk heat map or banded "
        "risks are shown. A TMO admin sets them in Settings, under Risk bands."
    )
