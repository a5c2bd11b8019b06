"""What a business-case file used to get away with, now refused with a located plain message:
misspelt or unknown keys (naming the nearest valid one), a year given twice, a release of a
layer its level saves nothing on, a 0% discount rate read as 3.5%, and values that used to end
in a Python traceback (a date with a time, NaN as text, amounts past what Decimal holds, control
characters, duplicate keys)."""

import re
from decimal import Decimal

import pytest
import yaml

from realise.finance.casefile import CaseFileError, parse_case
from realise.finance.casefile import loader as loader_module
from tests.unit.test_casefile import EXAMPLE

GOOD = """\
organisation: Testshire
title: Test
first_year: 2025/26
years: 2
layers:
  - {id: customer, baseline_cost: 1000000, baseline_fte: 20}
  - {id: support, baseline_cost: 500000, baseline_fte: 10}
levels:
  - id: mid
    layers:
      customer: {percent: 10%}
      support: {amount: 20000, fte: 1}
scenarios:
  - id: s1
    level: mid
    releases:
      customer:
        - {date: 2025-09-30, share: 75%}
        - {date: 2026-09-30, share: 25%}
    costs:
      Technology: {2025/26: 0.05m}
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(CaseFileError) as caught:
        parse_case(text, source="case.yaml")
    return [str(p) for p in caught.value.problems]


def test_the_good_case_loads():
    assert parse_case(GOOD).scenario("s1").costs["Technology"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("    costs:\n", "    cost:\n"),
            "case.yaml:20 scenarios[0].cost: unknown key 'cost'; did you mean 'costs'?",
        ),
        (
            ("years: 2\n", "years: 2\ndiscount-rate: 0%\n"),
            "case.yaml:5 discount-rate: unknown key 'discount-rate'; did you mean 'discount_rate'?",
        ),
        (
            ("baseline_fte: 20}", "baseline_fte: 20, baseline_cots: 5}"),
            "case.yaml:6 layers[0].baseline_cots: unknown key 'baseline_cots'; did you mean "
            "'baseline_cost'?",
        ),
        (
            ("{percent: 10%}", "{percnt: 10%}"),
            "case.yaml:11 levels[0].layers.customer.percnt: unknown key 'percnt'; did you mean "
            "'percent'?",
        ),
        (
            ("share: 25%}", "shares: 25%}"),
            "case.yaml:19 scenarios[0].releases.customer[1].shares: unknown key 'shares'; did "
            "you mean 'share'?",
        ),
        (
            ("  - id: mid\n", "  - id: mid\n    colour: blue\n"),
            "case.yaml:10 levels[0].colour: unknown key 'colour'; use one of id, name, layers",
        ),
    ],
)
def test_an_unknown_or_misspelt_key_is_refused_naming_the_nearest_valid_one(change, expected):
    found = problems_of(GOOD.replace(*change))
    assert expected in found, found


@pytest.mark.parametrize(
    "extra",
    [
        "presentation: {unit: £m, place: 1}\n",
        "other_benefits:\n  - {id: x, baseline: 1m, percent: 3%, note: hi}\n",
        "published:\n  - {where: p1, unit: £m, precision: 0.01, scenario: s1, row: {}}\n",
        "published:\n  - {where: p1, unit: £m, precision: 0.01, parts: {a: 1}, totl: 1}\n",
        "published:\n  - where: p1\n    unit: £m\n    precision: 0.01\n    scenario: s1\n"
        "    rows: {cost: {precison: 0.1, values: [0.05]}}\n",
    ],
)
def test_unknown_keys_are_refused_in_every_section(extra):
    found = problems_of(GOOD + extra)
    assert any("unknown key" in p for p in found), found


def test_the_example_uses_only_known_keys():
    parse_case(EXAMPLE.read_text())  # raises if any key is unknown


def test_the_same_year_spelt_two_ways_is_refused_not_summed():
    found = problems_of(GOOD.replace("{2025/26: 0.05m}", "{2025/26: 0.05m, 25/26: 0.02m}"))
    assert found == [
        "case.yaml:21 scenarios[0].costs.Technology.25/26: 2025/26 is given twice (also as "
        "'2025/26'): give each year once"
    ]


def test_a_key_given_twice_in_one_mapping_is_refused_not_overwritten():
    found = problems_of(GOOD.replace("    level: mid\n", "    level: mid\n    level: top\n"))
    assert any(
        p.startswith("case.yaml:16: 'level' is given twice here (first on line 15)") for p in found
    ), found


def test_releasing_a_layer_with_no_saving_in_its_level_is_refused():
    text = GOOD.replace("      support: {amount: 20000, fte: 1}\n", "").replace(
        "    costs:\n", "      support:\n        - {date: 2025-09-30, share: 100%}\n    costs:\n"
    )
    found = problems_of(text)
    assert found == [
        "case.yaml:19 scenarios[0].releases.support: level 'mid' saves nothing on layer "
        "'support', so releasing it would save £0: add 'support' to the level or remove "
        "this release"
    ]


def test_a_zero_discount_rate_is_zero_not_the_green_book_rate():
    assert parse_case(GOOD + "discount_rate: 0%\n").discount_rate == 0
    assert parse_case(GOOD + "discount_rate: 0\n").discount_rate == 0
    assert parse_case(GOOD).discount_rate == Decimal("0.035")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("2025-09-30", "2025-09-30 10:00:00"),
            "case.yaml:18 scenarios[0].releases.customer[0].date: 2025-09-30 10:00:00 has a "
            "time: write the date alone, as YYYY-MM-DD",
        ),
        (
            ("2025-09-30", "2025-09-30T10:00:00Z"),
            "case.yaml:18 scenarios[0].releases.customer[0].date: 2025-09-30 10:00:00+00:00 has "
            "a time",
        ),
        (("2025-09-30", "2025-02-30"), "case.yaml:18: '2025-02-30' is not a real date"),
        (("share: 75%", "share: nan%"), 'customer[0].share: expected a number, found "nan%"'),
        (("share: 75%", "share: .nan"), "case.yaml:18: '.nan' is not a number"),
        (("0.05m", ".inf"), "case.yaml:21: '.inf' is not a number"),
        (("0.05m", '"Infinity"'), 'case.yaml:21 scenarios[0].costs.Technology.2025/26: "Inf'),
        (
            ("baseline_cost: 1000000", "baseline_cost: 1" + "0" * 26),
            'case.yaml:6 layers[0].baseline_cost: "1' + "0" * 26 + '" is too large: an amount '
            "must be less than £1,000,000,000,000,000",
        ),
        (("0.05m", "100000000000000000000m"), '2025/26: "100000000000000000000m" is too large'),
        (("0.05m", "1.0e+26"), 'Technology.2025/26: "1.0E+26" is too large'),
        (
            ("percent: 10%", "percent: 1e30%"),
            'levels[0].layers.customer.percent: "1e30%" is too large: a percentage must be at '
            "most 1,000%",
        ),
        (
            ("baseline_fte: 20", "baseline_fte: 1e30"),
            'layers[0].baseline_fte: "1e30" is too large: a number must be less than '
            "1,000,000,000,000,000",
        ),
        (("levels:\n", "loop: &a [1, *a]\nlevels:\n"), "case.yaml:8: the alias *a is used inside"),
        (("title: Test", "title: Te\x07st"), "case.yaml:2: the file holds a control character"),
        (("title: Test", "title: Te\x00st"), "case.yaml:2: the file holds a control character"),
    ],
)
def test_values_that_used_to_end_in_a_traceback_are_located_plain_messages(change, expected):
    found = problems_of(GOOD.replace(*change))
    assert any(p.startswith(expected) or expected in p for p in found), found


NASTY = [
    ".nan",
    "-.inf",
    "'NaN'",
    "nan%",
    "1" + "0" * 40,
    "-1" + "0" * 40,
    "1e999999999",
    "1.0e+999999",
    "1.0e-999999",
    "9" * 30 + "m",
    "2025-09-30 10:00:00",
    "2025-02-30",
    "[1, 2]",
    "{a: 1}",
    "~",
    "yes",
    "''",
    "-0",
    "0x1F",
    "1:30",
    "'(5)'",
    "'£-'",
    "999999999999999.99",  # the largest amount a case may hold, and numbers near the limits
    "99999999999999",
    "1000%",
    "0.000000001",
]


def _scalar_positions(text: str):
    """Every flow or block scalar value in the text: (start, end) of its characters."""
    for match in re.finditer(r"(?<=: )[^{},\n]+?(?=[,}\n])", text):
        yield match.span()


@pytest.mark.parametrize("nasty", NASTY)
def test_no_value_anywhere_ends_in_anything_but_a_case_or_a_case_file_error(nasty):
    from realise.finance.audit import audit_case
    from realise.finance.scenario import run_case

    text = GOOD + (
        "discount_rate: 3.5%\npresentation: {unit: £m, places: 2, steps: {cost: 0.1}}\n"
        "other_benefits:\n  - {id: ob, baseline: 1m, percent: 3%}\n"
        "published:\n  - {where: p1, unit: £m, precision: 0.01, scenario: s1, "
        "rows: {cost: [0.05, 0]}, totals: {cost: 0.05}}\n"
        "  - {where: p2, unit: £, precision: 1, parts: {a: 1, b: 2}, total: 3}\n"
    )
    for start, end in _scalar_positions(text):
        changed = text[:start] + nasty + text[end:]
        try:
            case = parse_case(changed, source="case.yaml")
        except CaseFileError as error:
            problems = error.problems
        else:
            run_case(case)
            audit_case(case)
            continue
        assert all(p.file == "case.yaml" and p.line for p in problems), (changed, problems)


def test_the_fast_yaml_reader_and_the_pure_python_one_read_the_same_case(monkeypatch):
    text = EXAMPLE.read_text()
    fast = parse_case(text)
    broken = GOOD.replace("share: 25%", "share: 85%").replace("    costs:\n", "    cost:\n")
    fast_problems = problems_of(broken)
    monkeypatch.setattr(loader_module, "EVENTS", yaml.SafeLoader)
    assert parse_case(text) == fast
    assert problems_of(broken) == fast_problems


def test_quoted_text_stays_text_even_when_the_same_text_is_a_date_or_number_elsewhere():
    from realise.finance.bounds import CaseLimits
    from realise.finance.casefile.loader import load

    loaded = load("a: [2025-09-30, '2025-09-30', 12, \"12\", !!str 12, 12]\n", CaseLimits())
    assert [type(v).__name__ for v in loaded.value["a"]] == [
        "date",
        "str",
        "int",
        "str",
        "str",
        "int",
    ]


def test_nesting_deeper_than_any_stack_is_refused_at_the_limit_not_followed():
    # libyaml's own composer would recurse in C on this, and crash the process
    found = problems_of("x: " + "[" * 200_000 + "]" * 200_000 + "\n")
    assert len(found) == 1
    assert found[0].startswith("case.yaml:1: lists and mappings are nested more than 50 deep")


def test_the_reader_uses_libyaml_when_it_is_installed():
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML is built without libyaml here")
    assert loader_module.EVENTS is yaml.cyaml.CParser


def test_the_json_schema_allows_exactly_the_keys_the_reader_allows():
    from realise.finance.casefile import TOP_KEYS, sections
    from realise.finance.casefile import published as tables
    from realise.finance.schema import case_schema

    schema = case_schema()
    top = schema["properties"]
    items = {name: top[name]["items"] for name in ("layers", "levels", "scenarios")}
    parts = {
        TOP_KEYS: schema,
        sections.PRESENTATION_KEYS: top["presentation"],
        sections.LAYER_KEYS: items["layers"],
        sections.LEVEL_KEYS: items["levels"],
        sections.SAVING_KEYS: items["levels"]["properties"]["layers"]["additionalProperties"],
        sections.SCENARIO_KEYS: items["scenarios"],
        sections.TRANCHE_KEYS: items["scenarios"]["properties"]["releases"]["additionalProperties"][
            "items"
        ],
        sections.OTHER_BENEFIT_KEYS: top["other_benefits"]["items"],
        tuple({k for keys in tables.TABLE_KEYS.values() for k in keys}): top["published"]["items"],
    }
    for keys, part in parts.items():
        assert part["additionalProperties"] is False
        assert set(part["properties"]) == set(keys)


def test_reading_a_file_leaves_the_cycle_collector_as_it_found_it():
    import gc

    assert gc.isenabled()
    parse_case(GOOD)
    problems_of(GOOD.replace("costs:", "cost:"))
    assert gc.isenabled()
    gc.disable()
    try:
        parse_case(GOOD)
        assert not gc.isenabled()
    finally:
        gc.enable()
