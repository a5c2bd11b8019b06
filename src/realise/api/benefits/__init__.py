"""API: the council's plan years and savings RAG thresholds, savings targets, the savings
ledger (append, list, validate or reject claims, history), carry-forwards, measures and their
readings, and the savings report tables. One router (``routes.router``); each module adds its
operations to it when imported."""

from importlib import import_module

from realise.api.benefits.routes import router

# The operations, in the order the API's documentation lists them.
for _part in (
    "plan_years",
    "savings_rag",
    "ledger",
    "carry_forwards",
    "claims",
    "measures",
    "reports",
    "confidence",
):
    import_module(f"realise.api.benefits.{_part}")

__all__ = ["router"]
