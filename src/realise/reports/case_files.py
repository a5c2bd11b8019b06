"""A stored case version or an editor draft as format 2's workbook of live formulas
(``case_workbook.appraisal``), for the web pages and the API alike. Both give format 2's
workbook, a format 1 file upgraded with every figure kept, because that is the one Realise reads
back (ADR 0043)."""

from __future__ import annotations

import io

from realise.cases.drafts import as_format_2
from realise.cases.models import CaseDraft, CaseVersion
from realise.cases.selectors import draft_appraisal, version_document
from realise.core.limits import case_limits
from realise.finance.appraisal.model import Appraisal
from realise.finance.casefile.formats import file_data
from realise.reports.case_workbook.appraisal import write_appraisal_workbook


def version_workbook(*, version: CaseVersion) -> bytes:
    """The version as format 2's workbook (``CaseFileError`` if it can no longer be read)."""
    document = version_document(version=version)
    return _workbook(document.appraisal, as_format_2(document, limits=case_limits()))


def draft_workbook(*, draft: CaseDraft) -> bytes:
    """The draft as format 2's workbook (a draft is kept as a format 2 file)."""
    return _workbook(draft_appraisal(draft=draft), draft.document)


def _workbook(case: Appraisal, text: str) -> bytes:
    stream = io.BytesIO()
    data = file_data(text, source="the case", limits=case_limits())
    write_appraisal_workbook(case, stream, document=data)
    return stream.getvalue()
