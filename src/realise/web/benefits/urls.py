"""The benefits room's addresses, under /o/<council>/: savings, the claims queue and measure
readings."""

from django.urls import URLPattern, path

from realise.web.benefits import carry_forwards, claims, views

site: list[URLPattern] = []  # none outside a council

council = [
    path("savings/", views.savings, name="savings"),
    path("savings/record/", views.saving_record, name="saving_record"),
    path("savings/<int:pk>/correct/", views.saving_correct, name="saving_correct"),
    path("savings/carry-forward/", views.carry_forward, name="carry_forward"),
    path("savings/carry-forwards/", carry_forwards.carry_forwards, name="carry_forwards"),
    path(
        "savings/carry-forwards/<int:pk>/reverse/",
        carry_forwards.carry_forward_reverse,
        name="carry_forward_reverse",
    ),
    path("savings/claims/", claims.claims, name="saving_claims"),
    path("savings/claims/validate/", claims.claims_validate, name="saving_claims_validate"),
    path("savings/claims/reject/", claims.claims_reject, name="saving_claims_reject"),
    path("savings/claims/<int:pk>/validate/", claims.claim_validate, name="saving_claim_validate"),
    path("savings/claims/<int:pk>/reject/", claims.claim_reject, name="saving_claim_reject"),
    path("measures/<int:pk>/readings/new/", views.reading_create, name="reading_create"),
]
