"""Every file format Realise writes is named once, in ``realise.reports.formats`` (ADR 0024): its
key, label, extension, content type, and whether it is a report format, a list export or both.
Pages, the API, the CLI and the import reader read that registry instead of a list of their own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "realise"
REGISTRY = SRC / "reports" / "formats.py"


def test_each_format_has_a_label_an_extension_and_a_content_type():
    from realise.reports.formats import LIST_FORMATS, REPORT_FORMATS, Format

    assert [f.value for f in REPORT_FORMATS] == ["html", "pdf", "docx", "xlsx", "ods", "csv"]
    assert [f.value for f in LIST_FORMATS] == ["xlsx", "ods", "csv"]
    for fmt in Format:
        assert fmt.label
        assert fmt.extension == fmt.value
        assert "/" in fmt.content_type
    assert Format.csv.content_type == "text/csv; charset=utf-8"
    assert Format.xlsx.label == "Excel"


def test_a_content_type_is_known_for_every_extension_a_renderer_gives():
    from realise.reports.formats import Format, content_type

    assert content_type("zip") == "application/zip"  # a CSV report of several tables
    assert content_type("ods") == Format.ods.content_type
    with pytest.raises(KeyError):
        content_type("pptx")


def test_a_list_export_format_is_read_from_its_key_or_refused_with_the_choices():
    from realise.reports.formats import Format, list_format

    assert list_format("ods") is Format.ods
    with pytest.raises(ValueError, match=r'"pdf" is not an export format: choose xlsx, ods or csv'):
        list_format("pdf")


def test_formats_named_in_words_for_pages_and_messages():
    from realise.reports.formats import LIST_FORMATS, in_words

    assert in_words(f.label for f in LIST_FORMATS) == "Excel, OpenDocument spreadsheet or CSV"
    assert in_words(["a", "b"], "and") == "a and b"


# What a second declaration of the formats looks like: a tuple or mapping of the keys, or a
# content type written out.
DECLARATIONS = re.compile(
    r"""["']xlsx["']\s*[,:]\s*.{0,80}["']ods["']|application/vnd\.|text/csv|application/pdf"""
)


# Names the kinds of workbook a file that is read (never written) may be, for its messages.
READ_ONLY = {SRC / "imports" / "zipcheck.py"}


def test_no_module_but_the_registry_declares_the_formats():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path == REGISTRY or path in READ_ONLY:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if DECLARATIONS.search(line):
                found.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert not found, "formats declared outside reports/formats.py:\n" + "\n".join(found)
