"""A format 2 business case (an option appraisal) as an Excel workbook of live formulas.

A finance officer can read each figure's formula, change an input on the Inputs sheet (an
amount, a share, a baseline, the discount rate, optimism bias) and see every option recalculate;
then bring the workbook back into Realise, which reads the Inputs sheet (and the Other sections
sheet) only: ``realise.finance.casefile.workbook_reader``. Where everything sits is
``realise.finance.casefile.workbook_layout``, the one description the writer and reader share.

Sheets: ``Summary`` (options side by side), ``Inputs``, one sheet per option
(``appraisal_option.py``: each line year by year, then totals, NPV and payback), and ``Other
sections`` when the case has
what the tables cannot show (format 1's layers released on dates, published figures): kept as
YAML lines, and shown on the option sheets as Realise's figures, not formulas.

Only functions that Excel and LibreOffice share are used: IF, AND, OR, ROUND, N, SUM, SUMIFS,
SUMPRODUCT, INDEX, MATCH, MIN, MAX and ISNUMBER. See docs/formats/case-workbook.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from realise.finance.appraisal.document import CARRIED, dump, to_document
from realise.finance.appraisal.engine import run_option
from realise.finance.appraisal.model import Appraisal
from realise.finance.casefile import workbook_layout as L
from realise.reports.case_workbook.appraisal_inputs import write_inputs
from realise.reports.case_workbook.appraisal_option import OptionSheet, write_option
from realise.reports.case_workbook.appraisal_summary import write_summary
from realise.reports.case_workbook.cells import _Book, _put, _Text, _widths
from realise.reports.spreadsheets.names import sheet_name

__all__ = ["other_sections", "write_appraisal_workbook"]


def write_appraisal_workbook(
    case: Appraisal, path_or_stream: Any, *, document: Mapping[str, Any] | None = None
) -> None:
    """Write ``case`` as an ``.xlsx`` workbook of live formulas to a path or binary stream.

    ``document`` is the case's format 2 file as data (``formats.file_data``), when there is one:
    its format 1 sections go to Other sections as written. The case should be valid
    (``realise.finance.appraisal.rules.validate``)."""
    book = _Book()
    summary = book.sheet(L.SUMMARY)
    inputs = book.sheet(L.INPUTS)
    places = write_inputs(inputs, case)
    inputs.write()
    used = {L.SUMMARY.lower(), L.INPUTS.lower(), L.OTHER.lower()}
    sheets: list[OptionSheet] = []
    for index, option in enumerate(case.options):
        name = sheet_name(f"{index + 1}. {option.name}", used)
        used.add(name.lower())
        ws = book.sheet(name)
        sheets.append(write_option(ws, name, case, places, run_option(case, option)))
        ws.write()
    write_summary(summary, case, places, sheets)
    summary.write()
    other = other_sections(case, document)
    if other:
        ws = book.sheet(L.OTHER)
        _put(ws, 1, 1, "Other sections of the case", kind="title")
        _put(
            ws,
            2,
            1,
            "What the Inputs sheet cannot show, as the case file writes it (YAML): Realise reads "
            "it back with the Inputs. Released savings appear on the option sheets as figures.",
            kind="note",
        )
        for offset, line in enumerate(other.splitlines()):
            _put(ws, L.OTHER_FIRST_ROW + offset, 1, _Text(line))
        _widths(ws, [(1, 100)])
        ws.write()
    book.workbook.calculation.fullCalcOnLoad = True
    book.workbook.save(path_or_stream)


def other_sections(case: Appraisal, document: Mapping[str, Any] | None = None) -> str:
    """The YAML of what the Inputs sheet cannot show ('' when there is none)."""
    data = dict(document) if document is not None else to_document(case)
    other: dict[str, Any] = {key: data[key] for key in CARRIED if key in data}
    released = [
        {"id": o["id"]} | {key: o[key] for key in ("level", "releases") if key in o}
        for o in data.get("options", [])
        if isinstance(o, Mapping) and ("level" in o or "releases" in o)
    ]
    if released:
        other["options"] = released
    return dump(other) if other else ""
