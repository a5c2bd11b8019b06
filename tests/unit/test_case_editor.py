"""The web editor's pure parts: the changes it makes to a case, its forms turning what was typed
into lines, where the rules' problems show, and the case as format 1 for the workbook."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest

from realise.cases.drafts import STARTERS
from realise.finance.appraisal import edit
from realise.finance.appraisal.engine import run_option
from realise.finance.appraisal.model import (
    Amounts,
    Annual,
    Baseline,
    BenefitType,
    CostKind,
    CostLine,
    Offset,
    Option,
    PercentOf,
    Phased,
    Ramp,
    Recurrence,
    Staged,
)
from realise.finance.appraisal.rules import validate
from realise.finance.appraisal.upgrade import from_format_1, to_format_1
from realise.finance.calendar import FinancialYear as FY
from realise.finance.casefile import load_case
from tests.unit.test_appraisal_engine import reorganisation_case, systems_case

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"


def test_ids_come_from_names_and_never_clash():
    assert edit.new_id("Data migration", []) == "data_migration"
    assert edit.new_id("Data migration", ["data_migration"]) == "data_migration_2"
    assert edit.new_id("Data migration", ["data_migration", "data_migration_2"]) == (
        "data_migration_3"
    )
    assert edit.new_id("£££", []) == "item"
    assert edit.new_id("Children's services", []) == "children_s_services"


def test_lines_options_and_baselines_are_put_and_dropped_in_place():
    case = edit.blank("Northshire Council", FY(2026))
    assert [o.name for o in case.options] == ["Option 1"]
    assert case.year_count == 10
    assert validate(case) == []
    line = CostLine("a", "A", Amounts({FY(2026): D(5)}))
    case = edit.put_line(case, 0, "costs", line)
    case = edit.put_line(case, 0, "costs", CostLine("b", "B", Amounts({})))
    case = edit.put_line(case, 0, "costs", CostLine("a", "A2", Amounts({})), 0)
    assert [c.name for c in case.options[0].costs] == ["A2", "B"]
    case = edit.drop_line(case, 0, "costs", 0)
    assert [c.name for c in case.options[0].costs] == ["B"]
    case = edit.put_option(case, Option("two", "Two"))
    case = edit.put_baseline(case, Baseline("spend", "Spend", D(100)))
    assert [o.id for o in edit.drop_option(case, 0).options] == ["two"]
    assert edit.drop_baseline(case, 0).baselines == ()
    with pytest.raises(IndexError):
        edit.drop_line(case, 0, "costs", 5)
    with pytest.raises(KeyError):
        edit.lines(case, 0, "secrets")


def test_a_place_in_the_case_is_named_in_words():
    case = systems_case()
    assert edit.place(case, ("options", 0, "costs", 1, "amounts", "2026/27")) == (
        "Replace the case management system, cost line “Data migration”"
    )
    assert edit.place(case, ("options", 0)) == "Replace the case management system"
    assert edit.place(case, ("years",)) == ""
    reorganisation = reorganisation_case()
    assert edit.place(reorganisation, ("baselines", 0, "amount")) == (
        "Baseline “Addressable third-party spend”"
    )


def test_a_case_that_runs_past_the_years_realise_reads_is_refused_not_crashed():
    case = edit.put_line(
        edit.blank("X", FY(2026)), 0, "costs", CostLine("c", "C", Amounts({FY(2026): D(1)}))
    )

    for years, words in ((5000, "1 to 50 years"), (0, "1 to 50 years")):
        problems = validate(replace(case, year_count=years))
        assert [(p.path, words in p.message) for p in problems] == [(("years",), True)]
    late = replace(case, first_year=FY(2995), options=(Option("o", "O"),))
    assert [p.path for p in validate(late)] == [("years",)]


def test_only_a_case_format_1_can_say_is_written_as_format_1():
    dorset = load_case(EXAMPLE)
    again = to_format_1(from_format_1(dorset))
    assert again is not None
    assert [s.costs for s in again.scenarios] == [s.costs for s in dorset.scenarios]
    assert again.published == dorset.published
    assert to_format_1(systems_case()) is None  # capital, offsets, benefit lines
    assert to_format_1(reorganisation_case()) is None  # baselines


# The forms: what was typed, as lines of the case.


def _years(first: int = 2026, count: int = 10) -> list[FY]:
    return [FY(first + i) for i in range(count)]


def _form(group: str, data: dict, **kwargs):
    from realise.web.cases.line_forms import LINE_FORMS

    form = LINE_FORMS[group](data, years=_years(), **kwargs)
    assert form.is_valid(), form.errors
    return form


def test_the_systems_case_lines_as_typed():
    implementation = _form(
        "costs",
        {
            "name": "Implementation partner",
            "kind": "capital",
            "recurrence": "one_off",
            "profile": "amounts",
            "amount_2026": "300,000",
            "amount_2027": "£120000",
        },
    ).line("implementation")
    assert implementation == systems_case().options[0].costs[0]
    running = _form(
        "costs",
        {
            "name": "Licences and hosting",
            "kind": "revenue",
            "recurrence": "recurring",
            "profile": "annual",
            "annual": "85000",
            "first": "2027",
            "last": "",
        },
    ).line("running")
    assert running == systems_case().options[0].costs[2]
    licence = _form(
        "offsets",
        {"name": "Current system licence", "profile": "annual", "annual": "60000", "first": "2028"},
    ).line("old_licence")
    assert licence == Offset("old_licence", "Current system licence", Annual(D(60_000), FY(2028)))
    caseworkers = _form(
        "benefits",
        {
            "name": "Caseworker time released",
            "type": "cashable",
            "directorate": "Adults",
            "profile": "ramp",
            "value": "amount",
            "full_value": "150000",
            "ramp_2027": "33.33",
            "ramp_2028": "66.67%",
            "ramp_2029": "100",
        },
    ).line("caseworkers")
    assert caseworkers == systems_case().options[0].benefits[0]


def test_the_reorganisation_lines_as_typed():
    baselines = (Baseline("spend", "Addressable third-party spend", D(20_000_000)),)
    change = _form(
        "costs",
        {
            "name": "Change team",
            "kind": "revenue",
            "recurrence": "one_off",
            "profile": "phased",
            "total": "2000000",
            "share_2026": "30",
            "share_2027": "50",
            "share_2028": "20",
        },
    ).line("change")
    assert change.profile == Phased(
        D(2_000_000), {FY(2026): D("0.3"), FY(2027): D("0.5"), FY(2028): D("0.2")}
    )
    assert change.kind == CostKind.REVENUE
    assert change.recurrence == Recurrence.ONE_OFF
    spend = _form(
        "benefits",
        {
            "name": "Third-party spend",
            "type": "cashable",
            "directorate": "Resources",
            "profile": "staged",
            "value": "baseline",
            "baseline": "spend",
            "percent": "10",
            "retention": "75",
            "stage_2026": "10",
            "stage_2027": "40",
            "stage_2028": "40",
            "stage_2029": "10",
        },
        baselines=baselines,
    ).line("third_party")
    assert spend.profile == Staged(
        PercentOf("spend", D("0.1"), D("0.75")),
        {FY(2026): D("0.1"), FY(2027): D("0.4"), FY(2028): D("0.4"), FY(2029): D("0.1")},
    )
    assert spend.type == BenefitType.CASHABLE


def test_a_line_opened_again_shows_what_was_typed():
    from realise.web.cases.editor_forms import percent_text
    from realise.web.cases.line_forms import BenefitForm, CostForm

    for line in systems_case().options[0].costs:
        initial = CostForm.initial_for(line)
        form = _form("costs", {k: percent_text(v) if k.startswith("share") else v
                               for k, v in initial.items()})  # fmt: skip
        assert form.line(line.id) == line
    ramp = systems_case().options[0].benefits[0]
    initial = BenefitForm.initial_for(ramp)
    assert initial["ramp_2027"] == D("0.3333")
    assert BenefitForm(initial=initial, years=_years())["ramp_2027"].value() == "33.33"


def test_what_cannot_be_read_is_said_next_to_the_box():
    from realise.web.cases.line_forms import LINE_FORMS

    form = LINE_FORMS["costs"](
        {
            "name": "X",
            "kind": "capital",
            "recurrence": "one_off",
            "profile": "phased",
            "share_2026": "thirty",
        },
        years=_years(),
    )
    assert not form.is_valid()
    assert form.errors["share_2026"] == ["Enter a percentage, like 40 or 33.33"]
    assert form.errors["total"] == ["Enter the total"]
    ramp = LINE_FORMS["benefits"](
        {"name": "Y", "type": "cashable", "profile": "ramp"}, years=_years()
    )
    assert not ramp.is_valid()
    assert ramp.errors["value"] == ["Choose what its full annual value is"]


def test_a_problem_the_rules_find_is_shown_on_the_box_it_is_about():
    from realise.web.cases.editor_forms import OptionForm, SettingsForm
    from realise.web.cases.line_forms import LINE_FORMS

    costs = LINE_FORMS["costs"]({}, years=_years())
    assert costs.field_for(("amounts", "2027/28")) == "amount_2027"
    assert costs.field_for(("phasing",)) == "share_2026"
    assert costs.field_for(("phasing", "2028/29")) == "share_2028"
    assert costs.field_for(("from",)) == "first"
    assert costs.field_for(("amounts", "2040/41")) is None  # not a year of the form
    benefits = LINE_FORMS["benefits"]({"value": "baseline"}, years=_years())
    assert benefits.field_for(("phasing",)) == "stage_2026"
    assert benefits.field_for(("ramp", "2027/28")) == "ramp_2027"
    assert benefits.field_for(("baseline",)) == "baseline"
    assert SettingsForm().field_for(("optimism_bias", "benefits")) == "bias_benefits"
    assert OptionForm().field_for(("preferred",)) == "role"


def test_the_settings_and_an_option_as_typed():
    from realise.web.cases.editor_forms import OptionForm, SettingsForm

    settings = SettingsForm(
        {
            "title": "Reorganisation options",
            "start_year": "2026/27",
            "years": "5",
            "discount": "green_book",
            "bias_costs": "",
            "bias_benefits": "",
        }
    )
    assert settings.is_valid(), settings.errors
    case = settings.applied(edit.blank("Northshire Council", FY(2024)))
    assert (case.title, case.first_year, case.year_count) == (
        "Reorganisation options",
        FY(2026),
        5,
    )
    flat = SettingsForm({"title": "T", "start_year": "2026/27", "years": "5", "discount": "flat"})
    assert not flat.is_valid()
    assert flat.errors["rate"] == ["Enter the discount rate"]
    option = OptionForm(
        {
            "name": "Option B",
            "role": "other",
            "bias": "own",
            "bias_costs": "10",
            "bias_benefits": "5",
        }
    )
    assert option.is_valid(), option.errors
    b = reorganisation_case().options[2]
    assert option.option(Option("b", "")).optimism_bias == b.optimism_bias


def test_a_profile_in_words():
    from realise.web.cases.editing import profile_text

    case = systems_case()
    lines = case.options[0]
    assert profile_text(lines.costs[0].profile, case) == "£300,000 in 2026/27; £120,000 in 2027/28"
    assert profile_text(lines.costs[2].profile, case) == "£85,000 a year from 2027/28"
    assert profile_text(lines.benefits[0].profile, case) == (
        "£150,000 a year in full; share earned: 33.33% in 2027/28, 66.67% in 2028/29, "
        "100% in 2029/30"
    )
    reorganisation = reorganisation_case()
    benefit = reorganisation.options[1].benefits[0].profile
    assert profile_text(benefit, reorganisation) == (
        "10% of Addressable third-party spend, 75% kept in full; share starting: "
        "10% in 2026/27, 40% in 2027/28, 40% in 2028/29, 10% in 2029/30"
    )
    phased = reorganisation.options[1].costs[0].profile
    assert profile_text(phased, reorganisation).startswith("£2,000,000 in all: 30% in 2026/27")
    assert profile_text(Ramp(D(1), {FY(2026): D(1)}), case).startswith("£1 a year")


def test_the_figures_of_an_edited_case_follow_the_edit():
    case = systems_case()
    before = run_option(case, "replace").total_net
    cheaper = edit.put_line(
        case,
        0,
        "costs",
        CostLine("migration", "Data migration", Amounts({FY(2026): D(40_000)})),
        1,
    )
    assert run_option(cheaper, "replace").total_net == before + D(10_000)


# Drafts as files: the examples to start from, a format 1 file upgraded, a changed case written
# out again keeping what the editor does not change.


@pytest.mark.parametrize("starter", [s.id for s in STARTERS])
def test_every_example_to_start_from_is_a_case_realise_reads(starter):
    from realise.cases.documents import read_document
    from realise.cases.drafts import starter as find

    example = find(starter)
    document = read_document(example.text, source=f"{starter}.yaml")
    assert document.format == 2
    case = document.appraisal
    assert validate(case) == []
    assert any(o.do_nothing for o in case.options)
    assert sum(o.preferred for o in case.options) == 1


def test_a_format_1_file_becomes_a_format_2_draft_with_the_same_figures_and_kept_sections():
    from realise.cases.documents import read_document
    from realise.cases.drafts import as_format_2, carried, rewritten

    dorset = read_document(EXAMPLE.read_text(encoding="utf-8"))
    text = as_format_2(dorset)
    draft = read_document(text)
    assert draft.format == 2
    for before, after in zip(dorset.appraisal.options, draft.appraisal.options, strict=True):
        assert (
            run_option(dorset.appraisal, before).years == run_option(draft.appraisal, after).years
        )
    kept = carried(text)
    assert set(kept) == {"presentation", "layers", "levels", "other_benefits", "published"}
    first = replace(draft.appraisal.options[0], name="Scenario 1 (revised)")
    renamed = edit.put_option(draft.appraisal, first, 0)
    again = rewritten(renamed, text)
    assert carried(again) == kept  # the published figures and layers as written
    assert read_document(again).appraisal.options[0].name == "Scenario 1 (revised)"

    def figures(document):  # where each is printed, but not on which line of the file
        return [replace(f, line=None) for f in document.appraisal.published]

    assert figures(read_document(again)) == figures(draft)
