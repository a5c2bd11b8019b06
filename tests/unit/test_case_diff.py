"""Comparing two versions of a business case: every changed figure, added or removed line and
changed assumption, named in plain words with its old and new value (realise.finance.casediff
over the facts realise.finance.casefacts reads from a format-1 case)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from realise.cases.documents import checksum, compare, read_document
from realise.finance.calendar import FinancialYear
from realise.finance.casediff import Change, Fact, by_section, diff_facts, shown
from realise.finance.casefacts import case_facts
from realise.finance.casefile import CaseFileError, parse_case
from realise.finance.casefile.formats import declared_format

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"

CASE = """\
organisation: Testshire
title: Test case
first_year: 2025/26
years: 3
discount_rate: 3.5%
layers:
  - {id: contact, name: Customer contact, baseline_cost: 1000000, baseline_fte: 40}
  - {id: support, name: Business support, baseline_cost: 500000, baseline_fte: 20}
levels:
  - id: medium
    name: Medium
    layers:
      contact: {percent: 12%}
      support: {amount: 50000, fte: 2}
scenarios:
  - id: s1
    name: Scenario 1
    level: medium
    releases:
      contact:
        - {date: 2025-09-30, share: 50%}
        - {date: 2026-09-30, share: 50%}
      support:
        - {date: 2025-09-30, share: 100%}
    costs:
      Technology: {2025/26: 0.20m, 2026/27: 0.10m}
      Redundancy: {2025/26: 50000}
"""


def words(old: str, new: str) -> list[str]:
    return [c.words for c in diff_facts(case_facts(parse_case(old)), case_facts(parse_case(new)))]


def test_the_same_case_has_no_changes():
    assert words(CASE, CASE) == []


def test_a_figure_written_differently_but_equal_is_no_change():
    """0.20m and 200000 are the same amount, as are 0.10m and "£100,000.00": no change."""
    same = CASE.replace("0.20m", "200000").replace("0.10m", '"£100,000.00"')
    assert words(CASE, same) == []


def test_a_changed_saving_is_named_by_its_level_and_layer_with_old_and_new_values():
    assert words(CASE, CASE.replace("percent: 12%", "percent: 15%")) == [
        "Level ‘Medium’, layer ‘Customer contact’: annual saving £120,000 → £150,000",
        "Level ‘Medium’, layer ‘Customer contact’: FTE released 4.8 FTE → 6.0 FTE",
        "Level ‘Medium’, layer ‘Customer contact’: share of the layer's baseline 12% → 15%",
    ]


def test_changed_assumptions_are_each_named():
    changed = CASE.replace("discount_rate: 3.5%", "discount_rate: 4%").replace(
        "- {date: 2026-09-30, share: 50%}", "- {date: 2027-03-31, share: 40%}"
    )
    assert words(CASE, changed) == [
        "The case: discount rate 3.5% → 4%",
        "Scenario ‘Scenario 1’, layer ‘Customer contact’, release 2: "
        "release date 30 September 2026 → 31 March 2027",
        "Scenario ‘Scenario 1’, layer ‘Customer contact’, release 2: share released 50% → 40%",
    ]


def test_a_line_added_or_removed_is_one_change_with_its_summary():
    changed = CASE.replace(
        "      Redundancy: {2025/26: 50000}\n", "      Legal: {2025/26: 1500, 2026/27: 500}\n"
    )
    assert words(CASE, changed) == [
        "Scenario ‘Scenario 1’, cost line ‘Redundancy’: removed (£50,000 in 2025/26)",
        "Scenario ‘Scenario 1’, cost line ‘Legal’: added (£1,500 in 2025/26, £500 in 2026/27)",
    ]


def test_a_removed_layer_is_said_where_it_was_and_its_figures_are_not_listed_again():
    without = CASE.replace(
        "  - {id: support, name: Business support, baseline_cost: 500000, baseline_fte: 20}\n", ""
    )
    without = without.replace("      support: {amount: 50000, fte: 2}\n", "")
    without = without.replace("      support:\n        - {date: 2025-09-30, share: 100%}\n", "")
    changes = diff_facts(case_facts(parse_case(CASE)), case_facts(parse_case(without)))
    assert [(c.action, c.where) for c in changes] == [
        ("removed", "Layer ‘Business support’"),
        ("removed", "Level ‘Medium’, layer ‘Business support’"),
        ("removed", "Scenario ‘Scenario 1’, layer ‘Business support’"),
    ]
    assert changes[0].old_text == "baseline £500,000, 20.0 FTE"
    assert changes[0].new_text == ""


def test_a_renamed_layer_is_one_change_of_its_name():
    renamed = CASE.replace("name: Customer contact", "name: Customer services")
    assert words(CASE, renamed) == [
        "Layer ‘Customer services’: name “Customer contact” → “Customer services”"
    ]


def test_changes_are_grouped_by_section_in_the_order_of_the_case():
    changed = CASE.replace("title: Test case", "title: Test case v2").replace("0.10m", "0.15m")
    changes = diff_facts(case_facts(parse_case(CASE)), case_facts(parse_case(changed)))
    assert [(s, [c.what for c in rows]) for s, rows in by_section(changes)] == [
        ("The case", ["title"]),
        ("Scenarios (options)", ["cost in 2026/27"]),
    ]


def test_every_changed_figure_of_the_dorset_case_is_found():
    """Three edits to the real case: three changed figures (plus the saving's derived share)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    edited = (
        text.replace(
            "customer: {amount: 3877096, fte: 96.2}", "customer: {amount: 4000000, fte: 96.2}"
        )
        .replace(
            "Redundancy: {2025/26: 6.15m, 2026/27: 3.30m}",
            "Redundancy: {2025/26: 6.15m, 2026/27: 3.40m}",
        )
        .replace("baseline_fte: 80.8", "baseline_fte: 81.8", 1)
    )
    found = [c.words for c in compare(read_document(text), read_document(edited))]
    assert found == [
        "Layer ‘Commissioning and Procurement’: baseline FTE 80.8 FTE → 81.8 FTE",
        "Level ‘Medium’, layer ‘Customer’: annual saving £3,877,096 → £4,000,000",
        "Level ‘Medium’, layer ‘Customer’: share of the layer's baseline 13.71% → 14.14%",
        "Scenario ‘Scenario 4’, cost line ‘Redundancy’: cost in 2026/27 £3,300,000 → £3,400,000",
    ]


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (Decimal("3877096.00"), "money", "£3,877,096"),
        (Decimal("1234.5"), "money", "£1,234.50"),
        (Decimal("96.25"), "fte", "96.3 FTE"),
        (Decimal("13.70699823"), "percent", "13.71%"),
        (Decimal("0.75"), "share", "75%"),
        (Decimal("0.035"), "share", "3.5%"),
        (Decimal("0.10"), "number", "0.1"),
        (date(2025, 9, 30), "date", "30 September 2025"),
        (FinancialYear(2025), "year", "2025/26"),
        ("Customer", "text", "“Customer”"),
        (None, "text", "none"),
    ],
)
def test_values_are_shown_as_people_read_them(value, kind, text):
    assert shown(value, kind) == text


def test_a_change_too_small_to_show_rounded_is_shown_in_full():
    old = Fact(("p",), "S", "Level ‘High’", "share", "percent", Decimal("12.001"))
    new = Fact(("p",), "S", "Level ‘High’", "share", "percent", Decimal("12.002"))
    (change,) = diff_facts([old], [new])
    assert (change.old_text, change.new_text) == ("12.001%", "12.002%")


def test_a_removed_fact_is_placed_where_it_was():
    def fact(key):
        return Fact((key,), "S", key, "x", "number", Decimal(1))

    changes = diff_facts([fact("a"), fact("b"), fact("c")], [fact("a"), fact("c"), fact("d")])
    assert [(c.action, c.key) for c in changes] == [("removed", ("b",)), ("added", ("d",))]
    assert isinstance(changes[0], Change)


def test_a_stored_document_keeps_its_format_and_checksum():
    document = read_document(CASE, source="case.yaml")
    assert (document.format, document.checksum) == (1, checksum(CASE))
    assert [(o.id, o.name) for o in document.options] == [("s1", "Scenario 1")]
    assert document.option("s9") is None


def test_a_format_this_version_does_not_read_is_refused_on_its_line():
    with pytest.raises(CaseFileError) as refused:
        declared_format("# a case\nformat: realise-business-case/9\n", source="next.yaml")
    assert [str(p) for p in refused.value.problems] == [
        "next.yaml:2 format: 'realise-business-case/9' is not a format this version of Realise "
        "reads (it reads realise-business-case/1, realise-business-case/2)"
    ]
    assert declared_format("format: 'realise-business-case/1'  # the first\n") == 1
    assert declared_format(CASE) == 1
