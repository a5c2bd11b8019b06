"""What an integrator (Power BI, a finance system) relies on in lists and figures: a bad filter
value is a JSON error naming the parameter, never silently an empty list; lists filter by year,
directorate and status where those apply; money is an exact decimal string in pounds and pence."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

pytestmark = pytest.mark.db


def get(client, world, path, role="viewer"):
    return client.get(path, **world.headers(role))


@pytest.mark.parametrize(
    ("path", "field", "words"),
    [
        ("/api/orgs/dorset/projects?year=2022-23", "year", "2022-23"),
        ("/api/orgs/dorset/projects?year=abc", "year", "abc"),
        ("/api/orgs/dorset/projects?directorate=Nowhere", "directorate", "Nowhere"),
        ("/api/orgs/dorset/projects?status=finished", "status", "in_progress"),
        ("/api/orgs/dorset/projects?limit=abc", "limit", "integer"),
        ("/api/orgs/dorset/projects?limit=501", "limit", "500"),
        ("/api/orgs/dorset/projects?offset=-1", "offset", "0"),
        ("/api/orgs/dorset/projects/abc", "project_id", "integer"),
        ("/api/orgs/dorset/decisions?year=22/23", "year", "22/23"),
        ("/api/orgs/dorset/savings/targets?directorate=Nowhere", "directorate", "Nowhere"),
        ("/api/orgs/dorset/savings/targets?kind=bananas", "kind", "cashable"),
        ("/api/orgs/dorset/savings/entries?status=bananas", "status", "claimed"),
        ("/api/orgs/dorset/savings/entries?directorate=Nowhere", "directorate", "People"),
        ("/api/orgs/dorset/savings/entries?kind=bananas", "kind", "cashable"),
        ("/api/orgs/dorset/savings/entries?year=2022/24", "year", "2022/24"),
        ("/api/orgs/dorset/measures?directorate=Nowhere", "directorate", "Nowhere"),
        ("/api/orgs/dorset/bids?status=bananas", "status", "approved"),
        ("/api/orgs/dorset/bids?directorate=Nowhere", "directorate", "Nowhere"),
        ("/api/orgs/dorset/grants?year=abc", "year", "abc"),
        ("/api/orgs/dorset/grants?directorate=Nowhere", "directorate", "Nowhere"),
        ("/api/orgs/dorset/risks?status=bananas", "status", "open"),
        ("/api/orgs/dorset/risks?directorate=Nowhere", "directorate", "Nowhere"),
        ("/api/orgs/dorset/risks?project_id=abc", "project_id", "integer"),
        ("/api/orgs/dorset/reports/savings-by-year?kind=bananas", "kind", "cashable"),
        ("/api/orgs/dorset/reports/savings-by-directorate", "year", "required"),
        ("/api/orgs/dorset/reports/savings-by-directorate?year=abc", "year", "abc"),
        (
            "/api/orgs/dorset/reports/savings-by-directorate?year=2022/23&kind=bananas",
            "kind",
            "cashable",
        ),
    ],
)
def test_a_bad_filter_is_a_json_error_naming_the_parameter(client, world, path, field, words):
    response = get(client, world, path)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["field"] == field
    assert words.lower() in body["detail"].lower()
    assert body["errors"][0]["field"] == field


def test_an_unknown_directorate_lists_the_councils_directorates(client, world):
    body = get(client, world, "/api/orgs/dorset/projects?directorate=Nowhere").json()
    assert "People" in body["detail"]


def test_a_directorate_of_another_council_is_unknown_here(client, world):
    from realise.portfolio.services import directorate_create

    directorate_create(organisation=world.other_org, name="Highways", order=1)
    response = get(client, world, "/api/orgs/dorset/projects?directorate=Highways")
    assert response.status_code == 422
    assert response.json()["field"] == "directorate"
    assert "Highways" not in response.json()["detail"].split(":", 1)[1]


def test_savings_targets_do_not_offer_a_status_they_would_ignore(client, world):
    schema = client.get("/api/openapi.json").json()
    targets = schema["paths"]["/api/orgs/{org}/savings/targets"]["get"]["parameters"]
    assert "status" not in {p["name"] for p in targets}
    assert {"year", "directorate", "kind"} <= {p["name"] for p in targets}


def _codes(response):
    assert response.status_code == 200, response.content
    return response.json()


def test_risks_measures_bids_and_grants_filter_by_directorate(client, world):
    from realise.benefits.services import measure_create
    from realise.funding.services import bid_submit, grant_record
    from realise.risks.services import risk_create

    risk_create(
        organisation=world.org, project=world.project_b, title="Elsewhere", likelihood=1, impact=1
    )
    measure_create(organisation=world.org, name="Loans", unit="books", project=world.project_b)
    bid_submit(fund=world.fund, title="Care bid", amount="100.00", project=world.project_a)
    grant_record(organisation=world.org, funder="DCMS", amount="10.00", project=world.project_a)

    risks = _codes(get(client, world, "/api/orgs/dorset/risks?directorate=People"))
    assert [r["title"] for r in risks["items"]] == ["Staff capacity"]
    measures = _codes(get(client, world, "/api/orgs/dorset/measures?directorate=People"))
    assert [m["name"] for m in measures["items"]] == ["Calls answered"]
    bids = _codes(get(client, world, "/api/orgs/dorset/bids?directorate=People"))
    assert [b["title"] for b in bids["items"]] == ["Care bid"]
    grants = _codes(get(client, world, "/api/orgs/dorset/grants?directorate=People"))
    assert [g["funder"] for g in grants["items"]] == ["DCMS"]


def test_the_api_filters_escalated_risks_and_refuses_a_value_it_cannot_read(client, world):
    from realise.risks.services import risk_create

    corporate = risk_create(
        organisation=world.org,
        programme=world.risk.programme,
        project=world.risk.project,
        title="Corporate",
        likelihood=5,
        impact=5,
        escalated=True,
    )
    yes = _codes(get(client, world, "/api/orgs/dorset/risks?escalated=true"))
    assert [r["id"] for r in yes["items"]] == [corporate.pk]
    no = _codes(get(client, world, "/api/orgs/dorset/risks?escalated=false"))
    assert [r["id"] for r in no["items"]] == [world.risk.pk]
    bad = get(client, world, "/api/orgs/dorset/risks?escalated=perhaps")
    assert bad.status_code == 422
    assert bad.json()["field"] == "escalated"


def test_grants_filter_by_the_financial_year_they_were_awarded_in(client, world):
    from realise.funding.services import grant_record

    grant_record(
        organisation=world.org, funder="Early", amount="1.00", awarded_on=date(2023, 3, 31)
    )
    grant_record(organisation=world.org, funder="Late", amount="1.00", awarded_on=date(2023, 4, 1))
    grants = _codes(get(client, world, "/api/orgs/dorset/grants?year=2022/23"))
    assert [g["funder"] for g in grants["items"]] == ["Early"]


def test_status_filters_still_select(client, world):
    bids = _codes(get(client, world, "/api/orgs/dorset/bids?status=submitted"))
    assert [b["title"] for b in bids["items"]] == ["Care software"]
    assert _codes(get(client, world, "/api/orgs/dorset/bids?status=approved"))["count"] == 0
    assert _codes(get(client, world, "/api/orgs/dorset/risks?status=open"))["count"] == 1
    projects = _codes(get(client, world, "/api/orgs/dorset/projects?status=proposed"))
    assert projects["count"] == 2


MONEY = re.compile(r"^-?\d+\.\d{2}$")


def test_money_is_always_pounds_and_pence_as_a_string(client, world):
    body = {"year": "2022/23", "amount": 0.1, "recorded_on": "2023-01-01"}
    made = client.post(
        "/api/orgs/dorset/savings/entries",
        data=json.dumps(body),
        content_type="application/json",
        **world.headers("finance"),
    )
    assert made.status_code == 201, made.content
    assert made.json()["amount"] == "0.10"
    fund = client.post(
        "/api/orgs/dorset/funds",
        data=json.dumps({"name": "Round", "kind": "other", "pot": "7"}),
        content_type="application/json",
        **world.headers("finance"),
    )
    assert fund.json()["pot"] == "7.00"


def _property_types(schema):
    """Every (component, property) of the schema with the types it may take."""
    found = {}
    for name, component in schema["components"]["schemas"].items():
        for prop, spec in component.get("properties", {}).items():
            options = spec.get("anyOf", [spec])
            found[(name, prop)] = options
    return found


def test_no_response_declares_a_number_that_could_be_a_float(client, db):
    schema = client.get("/api/openapi.json").json()
    floats = [
        (name, prop)
        for (name, prop), options in _property_types(schema).items()
        if name.endswith("Out") and any(o.get("type") == "number" for o in options)
    ]
    assert floats == []


@pytest.mark.parametrize(
    ("component", "prop"),
    [
        ("EntryOut", "amount"),
        ("TargetOut", "amount"),
        ("FundOut", "pot"),
        ("BidOut", "amount"),
        ("GrantOut", "amount"),
        ("EventOut", "amount"),
        ("YearSavingsOut", "achieved"),
        ("DirectorateRowOut", "underachieved"),
    ],
)
def test_money_in_responses_is_declared_as_a_decimal_string(client, db, component, prop):
    schema = client.get("/api/openapi.json").json()
    spec = schema["components"]["schemas"][component]["properties"][prop]
    assert spec["type"] == "string"
    assert re.fullmatch(spec["pattern"], "1234.50")
    assert not re.fullmatch(spec["pattern"], "1234.5")
    assert "pounds" in spec["description"].lower()


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/orgs/dorset/projects?directorat=People", "directorat"),
        ("/api/orgs/dorset/risks?status=open&project=12", "project"),
        ("/api/orgs/dorset/savings/targets?status=claimed", "status"),
        ("/api/orgs/dorset/funds?year=2022/23", "year"),
        ("/api/orgs/dorset/reports/heat-map?directorate=People", "directorate"),
    ],
)
def test_a_parameter_the_list_does_not_take_is_refused_not_ignored(client, world, path, field):
    """A misspelt filter would otherwise return the whole, unfiltered list as if filtered."""
    response = get(client, world, path)
    assert response.status_code == 422, response.content
    assert response.json()["field"] == field
    assert "does not take" in response.json()["detail"]


def test_the_parameters_a_list_takes_are_accepted(client, world):
    path = "/api/orgs/dorset/risks?status=open&project_id=1&directorate=People&limit=5&offset=0"
    assert get(client, world, path).status_code == 200


@pytest.mark.parametrize(
    ("years", "field"),
    [
        (("", "2023/24"), "from_year"),
        (("2022/23", ""), "to_year"),
        (("2022-23", "2023/24"), "from_year"),
    ],
)
def test_a_carry_forward_with_a_missing_or_bad_year_names_it(client, world, years, field):
    """Schemathesis found an empty year reached the model's check as text: a 500."""
    body = {
        "from_year": years[0],
        "to_year": years[1],
        "amount": "1.00",
        "reason": "Late",
        "project_id": world.project_a.pk,
    }
    response = client.post(
        "/api/orgs/dorset/savings/carry-forwards",
        data=json.dumps(body),
        content_type="application/json",
        **world.headers("finance"),
    )
    assert response.status_code == 422, response.content
    assert response.json()["field"] == field
