"""A council's reference data through its services (``realise.portfolio.reference``,
``realise.risks.services``): a rename keeps the id and the history, names that differ only in
letter case are refused, a retired item is refused for a new record (services, forms, import)
but stays on the records that have it, moving keeps the others' order, and risk bands are
renamed, moved, retired and restored without rewriting any row."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from realise.benefits import services as benefits
from realise.benefits.selectors import savings_by_directorate
from realise.core.concurrency import LATEST
from realise.finance.calendar import FinancialYear
from realise.imports.engine import run_import
from realise.portfolio import services as portfolio
from realise.portfolio.lookups import directorates, programmes, reference_items
from realise.portfolio.models import Directorate, LifecycleStage, Programme
from realise.risks import services as risks
from realise.risks.models import RiskBand
from realise.risks.selectors import risk_bands
from realise.web.portfolio.forms import ProjectForm, StageForm

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)


def _retire(item):
    """Retire ``item`` and read it again, as a page or the API would before using it."""
    portfolio.reference_change(item=item, retired=True)
    item.refresh_from_db()


# Renaming -----------------------------------------------------------------------------------------


def test_a_rename_keeps_the_id_so_records_and_past_years_show_the_new_name(council):
    people, care = council["people"], council["care"]
    benefits.savings_target_set(organisation=council["org"], year=2022, amount=500, project=care)
    renamed = portfolio.reference_change(item=people, name="Adults and Health")
    assert renamed.pk == people.pk
    care.refresh_from_db()
    assert care.directorate.name == "Adults and Health"
    rows = savings_by_directorate(organisation=council["org"], year=FinancialYear(2022)).rows
    assert "Adults and Health" in [row.directorate for row in rows]
    assert "People" not in [row.directorate for row in rows]
    names = [h.name for h in Directorate.history.filter(id=people.pk).order_by("history_id")]
    assert names == ["People", "Adults and Health"]


def test_a_rename_may_change_only_the_letter_case_of_the_same_item(council):
    assert portfolio.reference_change(item=council["people"], name="PEOPLE").name == "PEOPLE"


@pytest.mark.parametrize("name", ["place", "PLACE", " Place ", "Place"])
def test_a_directorate_name_that_differs_only_in_letter_case_is_refused(council, name):
    with pytest.raises(ValidationError) as refused:
        portfolio.directorate_create(organisation=council["org"], name=name)
    assert 'Testshire Council already has a directorate called "Place"' in str(refused.value)
    with pytest.raises(ValidationError, match="already has a directorate"):
        portfolio.reference_change(item=council["people"], name=name)
    assert Directorate.objects.filter(organisation=council["org"]).count() == 2


def test_the_same_name_in_another_council_or_of_another_kind_is_fine(council):
    other = portfolio.organisation_create(slug="wessex", name="Wessex Council")
    assert portfolio.directorate_create(organisation=other, name="people").name == "people"
    assert portfolio.reference_add(kind="board", organisation=council["org"], name="People")


def test_a_retired_name_is_taken_too_and_the_message_says_to_restore_it(council):
    _retire(council["place"])
    with pytest.raises(ValidationError, match="it is retired: restore it instead"):
        portfolio.directorate_create(organisation=council["org"], name="place")


# Retiring ---------------------------------------------------------------------------------------


def test_a_retired_directorate_or_programme_is_refused_for_a_new_project(council):
    org = council["org"]
    _retire(council["place"])
    with pytest.raises(ValidationError) as refused:
        portfolio.project_create(
            organisation=org, code="N-1", name="New", directorate=council["place"]
        )
    assert "Place is retired: it stays on the records that already have it" in str(refused.value)
    assert "directorate" in refused.value.message_dict
    _retire(council["programme"])
    with pytest.raises(ValidationError, match="Better Services is retired"):
        portfolio.project_create(
            organisation=org, code="N-2", name="New", programme=council["programme"]
        )


def test_a_project_keeping_its_retired_directorate_can_still_be_edited(council):
    roads = council["roads"]
    _retire(council["place"])
    _retire(council["programme"])
    changes = {
        "name": "Roads and bridges",
        "directorate": council["place"],
        "programme": council["programme"],
    }
    saved = portfolio.project_update(project=roads, seen_version=LATEST, changes=changes)
    assert (saved.name, saved.directorate, saved.programme) == (
        "Roads and bridges",
        council["place"],
        council["programme"],
    )
    with pytest.raises(ValidationError, match="Place is retired"):
        portfolio.project_update(
            project=council["care"], seen_version=LATEST, changes={"directorate": council["place"]}
        )


def test_the_project_form_offers_what_is_in_use_and_what_the_project_has(council):
    org, place = council["org"], council["place"]
    _retire(place)
    new = ProjectForm(organisation=org)
    assert list(new.fields["directorate"].queryset) == [council["people"]]
    edit = ProjectForm(organisation=org, initial={"directorate": place.pk})
    assert set(edit.fields["directorate"].queryset) == {council["people"], place}
    assert list(directorates(organisation=org)) == [council["people"], place]  # lists keep it
    assert list(programmes(organisation=org, offered=True)) == [council["programme"]]


def test_a_retired_stage_is_not_offered_and_a_move_to_it_is_refused(council):
    org = council["org"]
    understand = portfolio.lifecycle_stage_create(organisation=org, name="Understand")
    deliver = portfolio.lifecycle_stage_create(organisation=org, name="Deliver")
    _retire(deliver)
    assert list(StageForm(organisation=org).fields["stage"].queryset) == [understand]
    with pytest.raises(ValidationError, match="Deliver is retired"):
        portfolio.project_move_stage(
            project=council["care"], stage=deliver, on=DAY, seen_version=LATEST
        )


def test_a_retired_board_programme_or_directorate_is_refused_for_new_decisions_risks_savings(
    council,
):
    org = council["org"]
    board = portfolio.board_create(organisation=org, name="Cabinet")
    _retire(board)
    with pytest.raises(ValidationError, match="Cabinet is retired"):
        portfolio.decision_record(
            organisation=org, board=board, decided_on=DAY, kind="other", text="x"
        )
    _retire(council["programme"])
    with pytest.raises(ValidationError, match="Better Services is retired"):
        risks.risk_create(
            organisation=org, programme=council["programme"], title="R", likelihood=2, impact=2
        )
    _retire(council["place"])
    with pytest.raises(ValidationError, match="Place is retired"):
        benefits.savings_target_set(
            organisation=org, year=2023, amount=10, directorate=council["place"]
        )
    # A saving of a project in a retired directorate is still recorded against it.
    entry = benefits.saving_record(
        organisation=org, year=2023, amount="10.00", project=council["roads"], recorded_on=DAY
    )
    assert entry.directorate == council["place"]


def test_restoring_offers_it_again(council):
    _retire(council["place"])
    portfolio.reference_change(item=council["place"], retired=False)
    council["place"].refresh_from_db()
    project = portfolio.project_create(
        organisation=council["org"], code="N-1", name="New", directorate=council["place"]
    )
    assert project.directorate == council["place"]


def _workbook(tmp_path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Projects"
    sheet.append(["Code", "Name", "Directorate"])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "projects.xlsx"
    book.save(path)
    return path


def test_an_import_refuses_a_retired_directorate_for_a_new_project_only(council, tmp_path):
    _retire(council["place"])
    kept = run_import(
        _workbook(tmp_path, [["P-2", "Roads", "Place"]]), organisation=council["org"], dry_run=False
    )
    assert kept.ok, kept.problems
    refused = run_import(
        _workbook(tmp_path, [["N-9", "New", "Place"]]), organisation=council["org"], dry_run=False
    )
    assert not refused.ok
    assert "Place is retired" in " ".join(str(p) for p in refused.problems)


# Moving ----------------------------------------------------------------------------------------


def test_moving_an_item_keeps_the_others_in_order(council):
    org = council["org"]
    for name in ("Alpha", "Beta", "Gamma"):
        portfolio.programme_create(organisation=org, name=name)
    # Never ordered: by name, and a new one joins by name.
    names = [i.item.name for i in reference_items(organisation=org, kind="programme")]
    assert names == ["Alpha", "Beta", "Better Services", "Gamma"]
    gamma = Programme.objects.get(organisation=org, name="Gamma")
    portfolio.reference_change(item=gamma, position=1)
    names = [i.item.name for i in reference_items(organisation=org, kind="programme")]
    assert names == ["Gamma", "Alpha", "Beta", "Better Services"]
    portfolio.programme_create(organisation=org, name="Aardvark")  # ordered now: at the end
    assert reference_items(organisation=org, kind="programme")[-1].item.name == "Aardvark"
    with pytest.raises(ValidationError, match=r"Choose a position from 1 \(first\) to 5 \(last\)"):
        portfolio.reference_change(item=gamma, position=6)


def test_stages_swap_places_despite_their_unique_order(council):
    org = council["org"]
    stages = [
        portfolio.lifecycle_stage_create(organisation=org, name=name)
        for name in ("Understand", "Innovate", "Deliver")
    ]
    portfolio.reference_change(item=stages[2], position=1)
    assert list(LifecycleStage.objects.filter(organisation=org).values_list("name", "order")) == [
        ("Deliver", 1),
        ("Understand", 2),
        ("Innovate", 3),
    ]
    history = LifecycleStage.history.filter(id=stages[2].pk).order_by("history_id")
    assert [h.order for h in history] == [3, 1]  # the moment past the end left no trace


# Risk bands -------------------------------------------------------------------------------------


def test_setting_bands_keeps_each_bands_row_and_retires_one_left_out(council):
    org = council["org"]
    before = {b.name: b.pk for b in RiskBand.objects.filter(organisation=org)}
    risks.risk_bands_set(organisation=org, bands={"low": 1, "High": 5})
    after = {
        b.name: (b.pk, b.min_score, b.retired) for b in RiskBand.objects.filter(organisation=org)
    }
    assert after == {
        "low": (before["low"], 1, False),
        "medium": (before["medium"], 5, True),
        "High": (before["high"], 5, False),
    }
    assert risk_bands(organisation=org).names == ("low", "High")


def test_a_band_is_renamed_moved_retired_and_restored_keeping_its_row(council):
    org = council["org"]
    high = RiskBand.objects.get(organisation=org, name="high")
    risks.risk_band_change(band=high, name="severe", min_score=12)
    risks.risk_band_change(band=high, retired=True)
    assert risk_bands(organisation=org).names == ("low", "medium")
    risks.risk_band_change(band=high, retired=False)
    high.refresh_from_db()
    assert (high.name, high.min_score, high.retired) == ("severe", 12, False)
    assert RiskBand.history.filter(id=high.pk).count() == 4


def test_a_band_change_that_leaves_a_score_without_one_band_is_refused(council):
    org = council["org"]
    low = RiskBand.objects.get(organisation=org, name="low")
    with pytest.raises(
        ValidationError, match="low cannot be retired: the lowest risk band must start at score 1"
    ):
        risks.risk_band_change(band=low, retired=True)
    risks.risk_band_change(band=RiskBand.objects.get(organisation=org, name="high"), retired=True)
    risks.risk_band_add(organisation=org, name="severe", min_score=15)
    with pytest.raises(
        ValidationError, match="high cannot be restored: two risk bands start at the same score"
    ):
        risks.risk_band_change(
            band=RiskBand.objects.get(organisation=org, name="high"), retired=False
        )
    with pytest.raises(ValidationError, match='already has a risk band called "severe"'):
        risks.risk_band_add(organisation=org, name="SEVERE", min_score=20)


def test_lists_of_what_is_recorded_keep_a_retired_one_marked_and_templates_leave_it_out(council):
    from realise.imports.templates import LISTS
    from realise.portfolio.lookups import project_filter_choices

    _retire(council["place"])
    choices = project_filter_choices(organisation=council["org"])["directorate"]
    assert choices == [
        (str(council["people"].pk), "People"),
        (str(council["place"].pk), "Place (retired)"),
    ]
    assert LISTS["directorates"](council["org"]) == ["People"]
