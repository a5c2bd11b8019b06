"""The JSON API's routers: one module per domain, an edge like the web rooms (ADR 0026).

``realise.config.api`` assembles them into the one NinjaAPI mounted at /api/. The routers
read through each domain's selectors, write through its services and ask the access gateway
(``realise.accounts.access``) who may do what; ``common`` holds what they share.
"""
