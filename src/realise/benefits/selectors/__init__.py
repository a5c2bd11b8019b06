"""Reads of savings, shaped like the tables of a transformation annual report.

Every selector takes the organisation explicitly, runs a fixed number of aggregate queries and
returns frozen dataclasses, so the CLI, the web pages and the reports print the same figures.

The selectors live in modules by what they answer; import them from here:

- ``tables``: the annual report's savings tables: by year, by directorate, projected, outlook.
- ``monitoring``: savings monitoring for the year to date, with the RAG thresholds.
- ``confidence``: a year's savings by the projects' own delivery confidence (£ by RAG, and by
  directorate and RAG).
- ``adjustments``: a year's in-year pressures and mitigations (column C, ADR 0029).
- ``ledger``: one project's targets against its ledger, one entry's history, and the validated
  savings of a set of projects (a business case's actuals).
- ``measures``: non-financial benefits with their latest reading.
- ``plan``: the years outside a council's plan years that hold savings.
- ``records``: one ledger entry, carry-forward or measure, and the carry-forwards, for the
  pages that act on them.
- ``claims``: the claims waiting for finance (the claims queue, the dashboard's count) and
  finance's decision on each claim.
- ``common``: the whole-council label, percentages and sums by directorate they share.
"""

from realise.benefits.selectors.adjustments import Adjustment, Adjustments, year_adjustments
from realise.benefits.selectors.claims import (
    CLAIM_FILTERS,
    ClaimDecision,
    ClaimLine,
    ClaimsPage,
    ClaimsSummary,
    claim_decisions,
    claim_entries,
    claim_filter_choices,
    claims_chosen,
    claims_summary,
    claims_waiting,
    claims_waiting_page,
    decisions_of,
)
from realise.benefits.selectors.common import HUNDRED, WHOLE_COUNCIL, percent
from realise.benefits.selectors.confidence import (
    ConfidenceLine,
    DirectorateConfidence,
    SavingsByConfidence,
    savings_by_confidence,
)
from realise.benefits.selectors.ledger import (
    LedgerEvent,
    LedgerLine,
    ProjectSavingsTotal,
    ProjectYear,
    project_ledger_events,
    project_savings,
    project_savings_totals,
    saving_history,
    validated_savings,
)
from realise.benefits.selectors.measures import MeasureLine, measures_latest, measures_list
from realise.benefits.selectors.monitoring import (
    CLAIMED_STATUSES,
    FORECAST_STATUSES,
    VALIDATED_STATUSES,
    AdjustmentLine,
    Key,
    MonitoringLine,
    RagThresholds,
    SavingsMonitoring,
    savings_monitoring,
    savings_rag,
)
from realise.benefits.selectors.plan import savings_years_outside
from realise.benefits.selectors.records import (
    carry_forward_in,
    carry_forwards,
    measure_in,
    savings_entry,
)
from realise.benefits.selectors.tables import (
    CarriedForward,
    DirectorateProjection,
    DirectorateSavings,
    DirectorateSavingsTable,
    ProjectedSavingsTable,
    SavingsByYear,
    SavingsOutlook,
    YearSavings,
    savings_by_directorate,
    savings_by_year,
    savings_outlook,
    savings_projected,
)

__all__ = [
    "CLAIMED_STATUSES",
    "CLAIM_FILTERS",
    "FORECAST_STATUSES",
    "HUNDRED",
    "VALIDATED_STATUSES",
    "WHOLE_COUNCIL",
    "Adjustment",
    "AdjustmentLine",
    "Adjustments",
    "CarriedForward",
    "ClaimDecision",
    "ClaimLine",
    "ClaimsPage",
    "ClaimsSummary",
    "ConfidenceLine",
    "DirectorateConfidence",
    "DirectorateProjection",
    "DirectorateSavings",
    "DirectorateSavingsTable",
    "Key",
    "LedgerEvent",
    "LedgerLine",
    "MeasureLine",
    "MonitoringLine",
    "ProjectSavingsTotal",
    "ProjectYear",
    "ProjectedSavingsTable",
    "RagThresholds",
    "SavingsByConfidence",
    "SavingsByYear",
    "SavingsMonitoring",
    "SavingsOutlook",
    "YearSavings",
    "carry_forward_in",
    "carry_forwards",
    "claim_decisions",
    "claim_entries",
    "claim_filter_choices",
    "claims_chosen",
    "claims_summary",
    "claims_waiting",
    "claims_waiting_page",
    "decisions_of",
    "measure_in",
    "measures_latest",
    "measures_list",
    "percent",
    "project_ledger_events",
    "project_savings",
    "project_savings_totals",
    "saving_history",
    "savings_by_confidence",
    "savings_by_directorate",
    "savings_by_year",
    "savings_entry",
    "savings_monitoring",
    "savings_outlook",
    "savings_projected",
    "savings_rag",
    "savings_years_outside",
    "validated_savings",
    "year_adjustments",
]
