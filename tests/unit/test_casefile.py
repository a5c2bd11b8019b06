from decimal import Decimal
from pathlib import Path

import pytest

from realise.finance.casefile import CaseFileError, load_case, parse_case

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"

MINIMAL = """\
organisation: Testshire
title: Test
first_year: 2025/26
years: 2
layers:
  - {id: customer, baseline_cost: 1000000, baseline_fte: 20}
levels:
  - id: mid
    layers:
      customer: {percent: 10%}
scenarios:
  - id: s1
    level: mid
    releases:
      customer:
        - {date: 2025-09-30, share: 75%}
        - {date: 2026-09-30, share: 50%}
    costs:
      Technology: {2025/26: 0.05m}
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(CaseFileError) as caught:
        parse_case(text, source="case.yaml")
    return [str(p) for p in caught.value.problems]


def test_error_names_file_line_and_field_path_and_says_what_was_expected():
    assert problems_of(MINIMAL) == [
        "case.yaml:17 scenarios[0].releases.customer[1].share: shares for layer 'customer' "
        "add up to 125%; they must not exceed 100%"
    ]


def test_a_percentage_level_is_the_share_of_the_baseline_with_its_fte():
    case = parse_case(MINIMAL.replace("share: 50%", "share: 25%"))
    saving = case.level("mid").savings["customer"]
    assert (saving.amount, saving.fte, saving.percent) == (
        Decimal("100000.00"),
        Decimal("2.0"),
        Decimal("10"),
    )
    assert case.scenario("s1").costs["Technology"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("years: 2", "years: two"), 'case.yaml:4 years: expected a number, found "two"'),
        (("first_year: 2025/26", "first_year: 2025/27"), 'case.yaml:3 first_year: "2025/27"'),
        (("baseline_cost: 1000000", "baseline_cost: -5"), "baseline_cost: a baseline cost cannot"),
        (("percent: 10%", "percent: 110%"), "levels[0].layers.customer: the saving is 110%"),
        (("level: mid", "level: top"), "scenarios[0].level: unknown savings level 'top'"),
        (("customer:\n        - {date", "nobody:\n        - {date"), "unknown layer 'nobody'"),
        (("2025-09-30", "2031-09-30"), "is outside the modelled years"),
        (("2025-09-30", "30/09/2025"), "expected a date as YYYY-MM-DD"),
        (("0.05m", "lots"), 'costs.Technology.2025/26: "lots" is not an amount'),
        (("share: 75%", "share: most"), 'share: expected a number, found "most"'),
    ],
)
def test_bad_input_gives_a_located_plain_message(change, expected):
    text = MINIMAL.replace("share: 50%", "share: 25%").replace(*change)
    found = problems_of(text)
    assert any(expected in p for p in found), found


def test_several_problems_are_reported_together():
    text = MINIMAL.replace("years: 2", "years: 0").replace("2025-09-30", "soon")
    found = problems_of(text)
    assert len(found) == 2, found
    assert found[0].startswith("case.yaml:4 years:")
    assert found[1].startswith("case.yaml:16 scenarios[0].releases.customer[0].date:")


@pytest.mark.parametrize("text", ["", "just text", "- a\n- b", "a: [unclosed", "organisation: x"])
def test_files_that_are_not_business_cases_never_raise_anything_else(text):
    with pytest.raises(CaseFileError):
        parse_case(text)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CaseFileError, match="cannot read the file"):
        load_case(tmp_path / "nope.yaml")


def test_the_dorset_example_loads_with_every_section_of_the_financial_case():
    case = load_case(EXAMPLE)
    assert [layer.id for layer in case.layers] == [
        "customer",
        "commissioning",
        "business_support",
        "strategic",
    ]
    assert [level.id for level in case.levels] == ["low", "medium", "high"]
    assert [s.id for s in case.scenarios] == ["s1", "s2", "s3", "s4"]
    assert case.level("high").total_amount == Decimal("18802449")
    assert sum(case.layer(i).baseline_cost for i in ("customer", "strategic")) == Decimal(
        "90475846"
    )
    assert len(case.published) > 400


@pytest.mark.parametrize(
    ("text", "line", "plain"),
    [
        ("title: Case\nlayers: [a, b\n", 3, "a list opened with [ is not closed with ]"),
        ("title: Case\nlayers: {a: 1\n", 3, "a group opened with { is not closed with }"),
        ("title: Case: the plan\n", 1, "a colon is out of place"),
        ("title: Case\nlayers:\n\t- a\n", 3, "a tab is used to indent: indent with spaces"),
        ("title: 'Case\n", 2, "a quotation mark is opened but not closed"),
        ("- a\nb: 1\n", 2, "the layout is broken"),
    ],
)
def test_a_broken_layout_is_explained_in_plain_words_on_its_line(text, line, plain):
    (found,) = problems_of(text)
    assert found.startswith(f"case.yaml:{line}: {plain}"), found
    assert "(the YAML reader said: " in found  # its own words kept for whoever needs them
