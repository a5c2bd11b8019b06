"""The council's settings through the JSON API: each kind listed with its place and retired flag;
added, renamed, moved, retired and restored with the same services and messages as the web; risk
bands one at a time; the savings RAG thresholds; people's roles; every refusal a problem+json
naming the field. (Who may: the authorisation
matrix in test_api_authorisation.py.)"""

from __future__ import annotations

import json

import pytest

from realise.portfolio import services as portfolio
from realise.portfolio.models import Directorate

pytestmark = pytest.mark.db

BASE = "/api/orgs/dorset/settings"


def _send(client, world, method, path, body=None, role="admin"):
    kwargs = dict(world.headers(role))
    if body is not None:
        kwargs |= {"data": json.dumps(body), "content_type": "application/json"}
    return getattr(client, method)(path, **kwargs)


def test_a_kind_is_listed_in_order_with_its_retired_flag(client, world):
    place = portfolio.directorate_create(organisation=world.org, name="Place")
    portfolio.reference_change(item=place, retired=True)
    listed = _send(client, world, "get", f"{BASE}/directorates", role="viewer").json()
    assert listed == {
        "items": [
            {
                "id": world.project_a.directorate_id,
                "name": "People",
                "position": 1,
                "retired": False,
            },
            {"id": place.pk, "name": "Place", "position": 2, "retired": True},
        ],
        "count": 2,
    }


def test_an_admin_adds_renames_moves_retires_and_restores(client, world):
    added = _send(client, world, "post", f"{BASE}/programmes", {"name": "Better Care"})
    assert added.status_code == 201
    assert added.json() == {
        "id": added.json()["id"],
        "name": "Better Care",
        "position": 1,
        "retired": False,
    }
    _send(client, world, "post", f"{BASE}/programmes", {"name": "Aardvark"})
    path = f"{BASE}/programmes/{added.json()['id']}"
    changed = _send(
        client,
        world,
        "patch",
        path,
        {"name": "Better Care at Home", "position": 2, "retired": True},
    )
    assert changed.status_code == 200
    assert changed.json()["name"] == "Better Care at Home"
    assert changed.json()["position"] == 2
    assert changed.json()["retired"] is True
    restored = _send(client, world, "patch", path, {"retired": False}).json()
    assert restored["retired"] is False
    assert restored["name"] == "Better Care at Home"


@pytest.mark.parametrize(
    ("body", "field", "detail"),
    [
        ({"name": "PLACE"}, "name", 'Dorset Council already has a directorate called "Place"'),
        ({"position": 9}, "position", "Choose a position from 1 (first) to 2 (last), not 9"),
        ({"name": ""}, "name", "at least 1 character"),
    ],
)
def test_a_refused_change_is_a_problem_naming_the_field(client, world, body, field, detail):
    people = world.project_a.directorate_id
    portfolio.directorate_create(organisation=world.org, name="Place")
    response = _send(client, world, "patch", f"{BASE}/directorates/{people}", body)
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["field"] == field
    assert detail in problem["detail"]
    assert Directorate.objects.get(pk=people).name == "People"


def test_an_unknown_kind_is_refused_naming_the_kinds(client, world):
    response = _send(client, world, "get", f"{BASE}/funds")
    assert response.status_code == 422
    assert "directorates" in response.json()["detail"]


def test_a_stage_move_through_the_api_refuses_a_retired_stage(client, world):
    from realise.core.concurrency import current_version

    deliver = portfolio.lifecycle_stage_create(organisation=world.org, name="Deliver")
    portfolio.reference_change(item=deliver, retired=True)
    body = {"version": current_version(world.project_a), "stage": "Deliver", "on": "2023-01-01"}
    response = _send(
        client, world, "post", f"/api/orgs/dorset/projects/{world.project_a.pk}/stage", body
    )
    assert response.status_code == 422
    assert response.json()["field"] == "stage"
    assert "Deliver is retired" in response.json()["detail"]


def test_risk_bands_are_listed_added_and_changed(client, world):
    bands = _send(client, world, "get", "/api/orgs/dorset/risk-bands", role="viewer").json()
    assert [(b["name"], b["min_score"], b["retired"]) for b in bands["items"]] == [
        ("low", 1, False),
        ("medium", 5, False),
        ("high", 15, False),
    ]
    added = _send(
        client, world, "post", "/api/orgs/dorset/risk-bands", {"name": "severe", "min_score": 20}
    )
    assert added.status_code == 201
    high = next(b for b in bands["items"] if b["name"] == "high")
    changed = _send(
        client,
        world,
        "patch",
        f"/api/orgs/dorset/risk-bands/{high['id']}",
        {"min_score": 12, "name": "major"},
    )
    assert changed.json()["name"] == "major"
    assert changed.json()["min_score"] == 12
    low = bands["items"][0]
    refused = _send(
        client, world, "patch", f"/api/orgs/dorset/risk-bands/{low['id']}", {"retired": True}
    )
    assert refused.status_code == 422
    assert refused.json()["field"] == "retired"
    assert "low cannot be retired" in refused.json()["detail"]
    clash = _send(
        client, world, "post", "/api/orgs/dorset/risk-bands", {"name": "x", "min_score": 12}
    )
    assert clash.status_code == 422
    assert "Two risk bands start at the same score" in clash.json()["detail"]


def test_the_savings_rag_thresholds_are_read_and_set(client, world):
    path = "/api/orgs/dorset/savings-rag"
    shown = _send(client, world, "get", path, role="viewer")
    assert shown.json() == {"green_from": "95.00", "amber_from": "80.00"}  # the defaults
    done = _send(client, world, "put", path, {"green_from": "90", "amber_from": 72.5})
    assert done.json() == {"green_from": "90.00", "amber_from": "72.50"}
    refused = _send(client, world, "put", path, {"green_from": "60", "amber_from": "70"})
    assert refused.status_code == 422
    assert refused.json()["field"] == "amber_from"
    assert "Amber must start at or below Green" in refused.json()["detail"]
    assert _send(client, world, "get", path).json()["green_from"] == "90.00"  # unchanged


def test_a_tmo_admin_gives_someone_a_second_role(client, world):
    viewer = world.users["viewer"]
    path = f"/api/orgs/dorset/people/{viewer.pk}/roles"
    done = _send(client, world, "put", path, {"roles": ["viewer", "finance"]})
    assert done.status_code == 200, done.content
    assert done.json()["roles"] == ["viewer", "finance"]
    listed = _send(client, world, "get", "/api/orgs/dorset/people").json()["items"]
    assert next(p for p in listed if p["id"] == viewer.pk)["roles"] == ["viewer", "finance"]
    admin = world.users["admin"].pk
    refused = _send(client, world, "put", f"/api/orgs/dorset/people/{admin}/roles",
                    {"roles": ["viewer"]})  # fmt: skip
    assert refused.status_code == 422
    assert refused.json()["field"] == "roles"
    outsider = world.users["outsider"].pk  # another council's: not found through this one
    assert _send(client, world, "put", f"/api/orgs/dorset/people/{outsider}/roles",
                 {"roles": ["viewer"]}).status_code == 404  # fmt: skip
