"""Reconciliation with what was published (docs/adr/0031): the figures a committee paper printed
(``models``), entered through one service (``services``), read from a file (``files``), and
compared with the same figures of Realise's own tables (``tables``, ``selectors``)."""
