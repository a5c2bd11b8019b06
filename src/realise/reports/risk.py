"""The risk report: the council's risk register as it stands on a day, for a risk or audit
committee. It needs no savings and no plan year, so every council with a register has one.

1. Risk profile: the annual report's risk section (heat map, risks by band, the highest band's
   risks). 2. Open risks: every open risk, highest current score first, with its residual score.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from realise.portfolio.models import Organisation
from realise.reports.annual.common import day
from realise.reports.annual.risk import no_bands, risk_section
from realise.reports.context import Column, Paragraph, Report, Section, Table, count, text
from realise.risks.models import RiskStatus
from realise.risks.selectors import NoRiskBands, risks_list

__all__ = ["risk_report"]


def _register(organisation: Organisation) -> Section:
    try:
        lines = risks_list(organisation=organisation, filters={"status": RiskStatus.OPEN})
    except NoRiskBands:
        return Section("Open risks", (Paragraph(no_bands(organisation)),))
    table = Table(
        key="open-risks",
        title=f"Open risks ({len(lines)}), highest score first",
        columns=(
            Column("Risk"),
            Column("Project or programme"),
            Column("Owner"),
            Column("Score", numeric=True),
            Column("Band"),
            Column("Residual score", numeric=True),
            Column("Residual band"),
            Column("Review by"),
        ),
        rows=tuple(
            (
                text(line.title),
                text(line.scope),
                text(line.owner),
                count(line.score),
                text(line.band),
                count(line.target_score),
                text(line.target_band),
                text(day(line.review_on)),
            )
            for line in lines
        ),
        notes=(
            "Score is likelihood times impact, each from 1 to 5, as the risk stands now; the "
            "residual score is the same once its mitigations are in place.",
        ),
    )
    return Section("Open risks", (table,))


def risk_report(*, organisation: Organisation, on: date | None = None) -> Report:
    """The risk report as at ``on`` (today unless given): open risks only."""
    as_at = day(on or timezone.localdate())
    profile = risk_section(organisation)
    return Report(
        kind="risk",
        organisation=organisation.name,
        title="Transformation risk report",
        subtitle=f"The transformation risk register as at {as_at}",
        dated=as_at,
        details=(("Risks", "Open risks, current and residual scores"),),
        sections=(Section("Risk profile", profile.blocks), _register(organisation)),
    )
