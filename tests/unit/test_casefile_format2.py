"""Business-case file format 2: written and read back unchanged, format 1 upgraded without loss,
and every refusal located (file, line, field) with the nearest valid key."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from realise.finance.appraisal.document import dump, to_document
from realise.finance.appraisal.engine import run_appraisal
from realise.finance.appraisal.upgrade import to_format_1
from realise.finance.audit import audit_case
from realise.finance.casefile import CaseFileError, parse_case
from realise.finance.casefile.format2 import parse_appraisal
from realise.finance.casefile.formats import declared_format, read_any, upgrade_text
from realise.finance.scenario import run_case
from tests.unit.test_appraisal_engine import reorganisation_case, systems_case

ROOT = Path(__file__).resolve().parents[2]
DORSET = ROOT / "examples" / "dorset-our-future-council.yaml"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("make", [systems_case, reorganisation_case])
def test_a_case_written_as_format_2_reads_back_the_same(make):
    case = make()
    text = dump(to_document(case))
    assert declared_format(text) == 2
    assert parse_appraisal(text, source="case.yaml") == case


def test_dorset_upgraded_to_format_2_gives_every_figure_and_audit_finding_of_format_1():
    text = DORSET.read_text()
    upgraded = upgrade_text(text, source=DORSET.name)
    assert upgraded.startswith("format: realise-business-case/2\n")
    case, appraisal = parse_case(text), read_any(upgraded)
    for scenario, option in zip(run_case(case), run_appraisal(appraisal), strict=True):
        assert [y.cumulative_net for y in option.years] == [
            y.cumulative_net for y in scenario.years
        ]
        assert round(option.npv, 2) == scenario.npv
        assert option.payback.year == scenario.payback.year
    as_format_1 = to_format_1(appraisal)
    assert as_format_1 is not None
    assert audit_case(as_format_1).summary == audit_case(case).summary
    assert to_format_1(systems_case()) is None  # offsets and benefit lines: format 2 only


def test_an_upgrade_refuses_a_file_already_in_format_2():
    with pytest.raises(CaseFileError, match="already format 2"):
        upgrade_text(dump(to_document(systems_case())))


def _problems(text: str) -> list[str]:
    with pytest.raises(CaseFileError) as caught:
        parse_appraisal(text, source="case.yaml")
    return [str(p) for p in caught.value.problems]


GOOD = dump(to_document(systems_case()))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  costs:\n",
            "  cost:\n",
            r"case\.yaml:\d+ options\[0\]\.cost: unknown key 'cost'; did you mean 'costs'\?",
        ),
        (
            "    annual: 85000\n",
            "    anual: 85000\n",
            r"options\[0\]\.costs\[2\]\.anual: unknown key 'anual'; did you mean 'annual'\?",
        ),
        (
            "    type: cost_avoidance\n",
            "    type: avoided\n",
            r"options\[0\]\.benefits\[1\]\.type: 'avoided' is not one of cashable, "
            r"cost_avoidance, income, non_cashable",
        ),
        (
            "      2027/28: 13000\n",
            "      2027/28: 13000\n      27/28: 1\n",
            r"2027/28 is given twice",
        ),
        (
            "    full_value: 150000\n",
            "    full_value: 150000\n    amounts: {2027/28: 1}\n",
            r"give one way only",
        ),
        (
            "years: 10\n",
            "years: 51\n",
            r"case\.yaml:\d+ years: the number of years must be a whole number from 1 to 50",
        ),
        (
            "      2026/27: 300000\n",
            "      2026/27: -300000\n",
            r"a cost cannot be negative: a budget the option releases is an offset",
        ),
        (
            "      2029/30: 100%\n",
            "      2029/30: 100%\n      2040/41: 100%\n",
            r"2040/41 is outside the modelled years",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_line_and_field(old, new, expected):
    assert old in GOOD
    problems = _problems(GOOD.replace(old, new, 1))
    assert any(re.search(expected, p) for p in problems), problems


def test_phasing_that_does_not_add_up_to_100_per_cent_is_refused_on_its_line():
    text = dump(to_document(reorganisation_case())).replace(
        "      2028/29: 20%\n", "      2028/29: 10%\n", 1
    )
    problems = _problems(text)
    assert any("options[1].costs[0].phasing: the shares add up to 90%" in p for p in problems)
    line = int(
        re.search(r"case\.yaml:(\d+) options\[1\]\.costs\[0\]\.phasing", "\n".join(problems))[1]
    )
    assert text.splitlines()[line - 1].strip() == "phasing:"


def test_a_zero_discount_rate_stays_zero_and_green_book_is_the_default():
    zero = parse_appraisal(GOOD.replace("discount_rate: green_book", "discount_rate: 0%"))
    assert zero.discount_rate == 0
    assert run_appraisal(zero)[0].npv == run_appraisal(zero)[0].total_net
    unsaid = parse_appraisal(GOOD.replace("discount_rate: green_book\n", ""))
    assert unsaid == replace(systems_case())


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_example_file_reads(example):
    assert read_any(example.read_text(), source=example.name) is not None


def _walk(document, schema, path=()):
    """Every key of ``document`` that ``schema`` does not allow, by path."""
    found = []
    if isinstance(document, dict) and schema.get("type") == "object":
        props = schema.get("properties")
        for key, value in document.items():
            if props is not None and key in props:
                found += _walk(value, props[key], (*path, key))
            elif props is not None and schema.get("additionalProperties") is False:
                found.append(".".join(map(str, (*path, key))))
    elif isinstance(document, list) and "items" in schema:
        for index, item in enumerate(document):
            found += _walk(item, schema["items"], (*path, index))
    return found


def test_the_schema_allows_exactly_the_keys_the_reader_allows():
    import yaml

    from realise.finance.casefile.format2 import KEYS
    from realise.finance.schema import format_2_schema

    schema = format_2_schema()
    option = schema["properties"]["options"]["items"]
    parts = {
        "case": schema,
        "option": option,
        "cost": option["properties"]["costs"]["items"],
        "offset": option["properties"]["offsets"]["items"],
        "benefit": option["properties"]["benefits"]["items"],
        "baseline": schema["properties"]["baselines"]["items"],
        "optimism_bias": schema["properties"]["optimism_bias"],
    }
    for name, part in parts.items():
        assert part["additionalProperties"] is False
        assert set(part["properties"]) == set(KEYS[name]), name
    for example in EXAMPLES:
        text = example.read_text()
        if declared_format(text) == 2:
            assert _walk(yaml.safe_load(text), schema) == [], example.name
    misspelt = yaml.safe_load(GOOD.replace("  costs:\n", "  cost:\n", 1))
    assert _walk(misspelt, schema) == ["options.0.cost"]
