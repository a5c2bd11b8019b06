"""The bulk ledger services a large import uses: ``saving_build`` checks a row as the model's own
``full_clean`` does (same fields, same messages, same values) without making a model instance,
and ``savings_insert`` stores exactly what ``saving_record`` would."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realise.benefits import services as benefits
from realise.benefits.models import SavingsEntry
from realise.benefits.services.scope import in_plan
from realise.portfolio import services as portfolio
from realise.portfolio.services import to_amount

pytestmark = pytest.mark.db

# What the model's full_clean() checked when saving_build made an instance of every row.
PREFETCHED = ["organisation", "directorate", "project", "recorded_by", "reverses"]

years = st.one_of(
    st.integers(min_value=1800, max_value=3100),
    st.integers(min_value=2018, max_value=2028),  # about the council's plan years, 2020-2026
    st.sampled_from(["2024/25", "2024", "2024/26", "twenty", "", "1899/00", " 2025/26 "]),
)
amounts = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, max_value=10**13),
    st.decimals(allow_nan=False, allow_infinity=False, max_value=10**13, min_value=-(10**13)),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.sampled_from(["£1,234.50", "0", "-0.00", "1.005", "12.3", "1e3"]),
)
choices = st.sampled_from(["achieved", "forecast", "claimed", "cashable", "income", "", "Nope"])
days = st.one_of(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
    st.sampled_from(["2025-03-31", "31/03/2025", "", "2025-02-30"]),
    st.just(datetime(2025, 3, 31, 12, 0)),
)
texts = st.one_of(st.text(max_size=90), st.none(), st.integers(0, 9))


def _old_way(organisation, values, directorate, project, by):
    """The entry saving_build made before, checked the way it checked it, and its year checked
    against the plan years as ``saving_record`` checks it."""
    try:
        start, errors = in_plan(organisation, values["year"]), {}
    except ValidationError as exc:
        start, errors = values["year"], exc.message_dict
    entry = SavingsEntry(
        organisation=organisation,
        financial_year=start,
        amount=to_amount(values["amount"]),
        status=values["status"],
        kind=values["kind"],
        directorate=project.directorate
        if project is not None and directorate is None
        else directorate,
        project=project,
        recorded_on=values["recorded_on"],
        note=values["note"],
        recorded_by=by,
        import_key=values["import_key"],
    )
    excluded = PREFETCHED + (["financial_year"] if errors else [])
    try:
        entry.full_clean(exclude=excluded, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors = errors | exc.message_dict
    if errors:
        raise ValidationError(errors)
    return entry


def _outcome(make):
    try:
        return "made", make()
    except ValidationError as exc:
        return "refused", exc.message_dict if hasattr(exc, "error_dict") else exc.messages


@pytest.fixture
def elsewhere(council):
    other = portfolio.organisation_create(slug="elsewhere", name="Elsewhere Council")
    return portfolio.directorate_create(organisation=other, name="Far away")


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    year=years,
    amount=amounts,
    status=choices,
    kind=choices,
    recorded_on=days,
    note=texts,
    import_key=texts,
    scope=st.sampled_from(["none", "people", "care", "people+care", "place+care", "elsewhere"]),
)
def test_saving_build_checks_a_row_as_the_models_full_clean_does(
    council, elsewhere, year, amount, status, kind, recorded_on, note, import_key, scope
):
    directorate = {"people": council["people"], "people+care": council["people"]}.get(scope)
    directorate = {"place+care": council["place"], "elsewhere": elsewhere}.get(scope, directorate)
    project = council["care"] if scope.endswith("care") else None
    values = {
        "year": year,
        "amount": amount,
        "status": status,
        "kind": kind,
        "recorded_on": recorded_on,
        "note": note,
        "import_key": import_key,
    }
    org = council["org"]
    old = _outcome(lambda: _old_way(org, values, directorate, project, None))
    new = _outcome(
        lambda: benefits.saving_build(
            organisation=org,
            year=year,
            amount=amount,
            status=status,
            kind=kind,
            directorate=directorate,
            project=project,
            recorded_on=recorded_on,
            note=note,
            import_key=import_key,
        )
    )
    assert old[0] == new[0], (old, new)
    if old[0] == "refused":
        assert old[1] == new[1]
        return
    entry, built = old[1], new[1]
    expected = benefits.NewEntry(*(getattr(entry, name) for name in benefits.NewEntry._fields))
    assert built == expected
    assert [type(v) for v in built] == [type(v) for v in expected]


def test_savings_insert_stores_what_saving_record_stores(council, django_user_model):
    org, care = council["org"], council["care"]
    user = django_user_model.objects.create_user(username="finance", password="x")
    fields = {
        "organisation": org,
        "year": "2024/25",
        "amount": Decimal("1234.56"),
        "status": "forecast",
        "kind": "income",
        "project": care,
        "recorded_on": date(2025, 3, 31),
        "note": "Café – naïve",
        "by": user,
    }
    before = timezone.now()
    recorded = benefits.saving_record(**fields, import_key="ref:one")
    count = benefits.savings_insert(entries=[benefits.saving_build(**fields, import_key="ref:two")])
    assert count == 1
    stored = SavingsEntry.objects.get(import_key="ref:two")
    recorded.refresh_from_db()
    columns = [f.attname for f in SavingsEntry._meta.concrete_fields]
    different = {"id", "recorded_at", "import_key"}
    for name in columns:
        if name not in different:
            assert getattr(stored, name) == getattr(recorded, name), name
            assert type(getattr(stored, name)) is type(getattr(recorded, name)), name
    assert stored.directorate_id == council["people"].pk  # the project's directorate
    assert before <= stored.recorded_at <= timezone.now() + timedelta(seconds=1)
    assert (stored.reverses_id, stored.validates_id) == (None, None)


def test_savings_insert_refuses_repeated_keys_and_inserts_nothing(council):
    org = council["org"]

    def build(key, amount=5):
        return benefits.saving_build(
            organisation=org, year=2024, amount=amount, recorded_on=date(2025, 1, 1), import_key=key
        )

    benefits.savings_insert(entries=[build(f"ref:{i}") for i in range(1200)])
    assert SavingsEntry.objects.count() == 1200
    # The database refuses a key it holds; the message says so, wherever the key is in the list.
    fresh = [build(f"ref:new {i}") for i in range(1200)]
    with pytest.raises(ValidationError, match="already in the savings ledger"):
        benefits.savings_insert(entries=[*fresh[:1100], build("ref:7"), *fresh[1100:]])
    with pytest.raises(ValidationError, match="Two entries have the same import key"):
        benefits.savings_insert(entries=[build("ref:x"), build("ref:x", 6)])
    assert SavingsEntry.objects.count() == 1200
    assert benefits.savings_insert(entries=[]) == 0
