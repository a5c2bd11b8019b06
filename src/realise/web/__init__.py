"""The web application: server-rendered, accessible pages built on GOV.UK Frontend components.

One room per domain (``core``, ``portfolio``, ``benefits``, ``funding``, ``risks``, ``cases``,
``people``, ``reports``, ``settings``), each a package with its views, forms, urls and templates;
this package holds what they share: the layout, components, form bases, widgets and template tags
(docs/adr/0021-web-rooms-and-one-access-gateway.md)."""
