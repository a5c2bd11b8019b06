"""Writes to benefits: targets, the append-only ledger, carry-forwards, measures and the council's
plan years (``plan.py``), which every year given is checked against (``scope.in_plan``); one
module per kind of write. Many callers take these from ``realise.benefits.services``, so every
public name is re-exported here.

Whether an achieved saving is validated or kept as a claim is decided in ``validation.py`` alone,
from the roles of the person recording it (ADR 0005, ADR 0023)."""

from realise.benefits.services.bulk import NewEntry, saving_build, savings_insert
from realise.benefits.services.carry import (
    NO_CARRY_SCOPE,
    Shortfall,
    already_reversed,
    carry_forward_reverse,
    carry_forward_shortfall,
    savings_carry_forward,
)
from realise.benefits.services.ledger import (
    ClaimsRefused,
    RefusedClaim,
    may_correct,
    saving_record,
    saving_reject,
    saving_reverse,
    saving_validate,
    savings_reject_claims,
    savings_validate_claims,
)
from realise.benefits.services.measures import (
    measure_create,
    measure_record_reading,
    measure_update,
)
from realise.benefits.services.plan import plan_years_set
from realise.benefits.services.targets import (
    savings_rag_set,
    savings_target_set,
    savings_target_update,
)
from realise.benefits.services.validation import (
    IfNotAllowed,
    OnlyFinanceValidates,
    achieved_saving_status,
    recordable_statuses,
)

__all__ = [
    "NO_CARRY_SCOPE",
    "ClaimsRefused",
    "IfNotAllowed",
    "NewEntry",
    "OnlyFinanceValidates",
    "RefusedClaim",
    "Shortfall",
    "achieved_saving_status",
    "already_reversed",
    "carry_forward_reverse",
    "carry_forward_shortfall",
    "may_correct",
    "measure_create",
    "measure_record_reading",
    "measure_update",
    "plan_years_set",
    "recordable_statuses",
    "saving_build",
    "saving_record",
    "saving_reject",
    "saving_reverse",
    "saving_validate",
    "savings_carry_forward",
    "savings_insert",
    "savings_rag_set",
    "savings_reject_claims",
    "savings_target_set",
    "savings_target_update",
    "savings_validate_claims",
]
