"""One writer per spreadsheet format, shared by the committee reports (``renderers/``) and the
list exports (``realise.imports.exports``): XLSX (``xlsx.py``), ODS (``ods.py``) and CSV
(``csv.py``). Each lays out the same ``Sheet`` (``layout.py``) with the same number formats
(``numbers.py``), and writes text so that no spreadsheet runs it as a formula
(``realise.core.spreadsheet_text``). See docs/adr/0024-one-renderer-stack-and-one-money-format.md.
"""
