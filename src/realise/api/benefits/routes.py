"""The savings API's one router: each module of ``realise.api.benefits`` adds its operations."""

from ninja import Router

router = Router(tags=["savings and measures"])
