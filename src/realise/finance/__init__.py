"""The calculating heart of Realise: pure Python over Decimal, no Django and no I/O.

Modules:
- ``money``: pence-exact amounts, parsing money as councils type it, presentation rounding;
- ``calendar``: UK financial years (1 April to 31 March, labelled ``2025/26``);
- ``model``: frozen dataclasses of a business case (layers, savings levels, scenarios);
- ``profile``: when a released saving starts earning, part-year and full-year effect;
- ``scenario``: a scenario's year-by-year benefits, costs, cumulative net, payback and NPV;
- ``casefile``: the YAML business-case file, validated into ``model`` objects (a package:
  ``loader``, ``reader``, ``sections``, ``published``; import from ``casefile`` itself);
- ``audit``: recompute a published case and list the printed figures that do not add up;
- ``risk``: likelihood x impact scores and council-defined bands.
"""
