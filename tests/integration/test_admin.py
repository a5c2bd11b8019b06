"""Every model is in the Django admin, its pages render, and council data is read-only there
(ADR 0044): the services are its one write path."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.forms.models import model_to_dict
from django.urls import reverse

pytestmark = pytest.mark.db

APPS = ("portfolio", "benefits", "funding", "risks", "reconciliation", "cases")
MODELS = [
    model
    for label in APPS
    for model in apps.get_app_config(label).get_models()
    if not model.__name__.startswith("Historical")
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_is_registered_in_the_admin(model):
    assert model in admin.site._registry


@pytest.fixture
def tmo_client(client, dorset):
    assert client.login(username="support@realise.example", password="realise-demo-2023")
    return client


def test_a_councils_officers_cannot_open_the_django_admin(client, dorset):
    """The admin shows every council at once: it is for whoever runs the service."""
    for email in ("tmo@dorset.example", "finance@dorset.example"):
        assert client.login(username=email, password="realise-demo-2023")
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302, email
        assert "/admin/login/" in response["Location"]


def test_every_admin_list_and_first_object_page_renders_with_the_demo_data(tmo_client):
    for model in MODELS:
        meta = model._meta
        listing = tmo_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        assert listing.status_code == 200, meta.label
        first = model.objects.first()
        if first is not None:
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
            assert tmo_client.get(url).status_code == 200, meta.label


def test_the_savings_ledger_cannot_be_added_changed_or_deleted_in_the_admin(tmo_client):
    from realise.benefits.models import SavingsEntry

    entry = SavingsEntry.objects.first()
    assert tmo_client.get(reverse("admin:benefits_savingsentry_add")).status_code == 403
    delete = reverse("admin:benefits_savingsentry_delete", args=[entry.pk])
    assert tmo_client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:benefits_savingsentry_change", args=[entry.pk])
    tmo_client.post(change, {"amount": "1.00"})
    assert SavingsEntry.objects.get(pk=entry.pk).amount == entry.amount


# Council data is written by the services only (one write path): the admin may list and view it,
# never add, change or delete it. The accounts app's memberships go through Settings -> People and
# `realise user`, so they are read-only too; API tokens keep their own admin (see below).
ACCOUNT_MODELS = [
    model
    for model in apps.get_app_config("accounts").get_models()
    if model in admin.site._registry and model.__name__ != "ApiToken"
]
# Models whose admin still changes what no page, API call or command can (each admin's docstring
# says which fields and why): the fields it may change; it adds and deletes nothing.
STILL_CHANGEABLE = {
    "Programme": {"directorate", "summary"},
    "Organisation": {"name"},
    "Priority": {"plan"},
    "Decision": {"board", "decided_on", "kind", "text"},
    "MeasureReading": {"taken_on", "value", "note"},
    "RiskMitigation": {"action", "owner", "due_on"},
    "Membership": {"name"},
}
# Still added, changed and deleted here: nothing else writes milestones yet.
STILL_EDITABLE = {"Milestone"}
READ_ONLY = [
    m for m in MODELS + ACCOUNT_MODELS if m.__name__ not in {*STILL_CHANGEABLE, *STILL_EDITABLE}
]


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _changed_form(row):
    """What the row's change form would post, with every text field altered."""
    data = {}
    for name, value in model_to_dict(row).items():
        if isinstance(value, list):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif isinstance(value, str):
            data[name] = value + " changed"
        elif value is None:
            data[name] = ""
        else:
            data[name] = str(value)
    return data


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_council_data_cannot_be_added_changed_or_deleted_in_the_admin(tmo_client, model):
    assert tmo_client.get(_url(model, "add")).status_code == 403
    row = model.objects.order_by("pk").first()
    if row is None:
        return  # nothing of this kind in the demo: the add page is what there is to check
    before = model_to_dict(row)
    assert tmo_client.post(_url(model, "change", row.pk), _changed_form(row)).status_code == 403
    assert model_to_dict(model.objects.get(pk=row.pk)) == before
    assert tmo_client.post(_url(model, "delete", row.pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=row.pk).exists()


def test_the_demo_has_rows_of_the_main_kinds_so_the_change_and_delete_checks_run(dorset):
    main = ("Organisation", "Directorate", "Project", "Fund", "Bid", "Grant", "SavingsTarget")
    main += ("SavingsEntry", "CarryForward", "Measure", "Risk", "RiskBand", "Membership")
    empty = [m.__name__ for m in READ_ONLY if m.__name__ in main and not m.objects.exists()]
    assert empty == []
    assert {m.__name__ for m in READ_ONLY} >= set(main) - set(STILL_CHANGEABLE)


def test_the_only_fully_editable_admin_says_why(dorset):
    for model in MODELS:
        if model.__name__ in STILL_EDITABLE:
            assert "only here" in admin.site._registry[model].__doc__
        else:
            assert admin.site._registry[model].has_add_permission(None) is False, model


def _a_mitigation():
    from realise.risks.models import Risk
    from realise.risks.services import mitigation_add

    risk = Risk.objects.filter(status="open").order_by("pk").first()
    return mitigation_add(risk=risk, action="Agree the contract variation", owner="Procurement")


@pytest.mark.parametrize("name", sorted(STILL_CHANGEABLE))
def test_the_few_changeable_admins_change_only_what_nothing_else_can(tmo_client, name):
    model = next(m for m in MODELS + ACCOUNT_MODELS if m.__name__ == name)
    model_admin = admin.site._registry[model]
    assert tmo_client.get(_url(model, "add")).status_code == 403
    row = model.objects.order_by("pk").first() or _a_mitigation()
    assert isinstance(row, model), name
    request = tmo_client.get(_url(model, "change", row.pk)).wsgi_request
    assert tmo_client.get(_url(model, "change", row.pk)).status_code == 200
    readonly = set(model_admin.get_readonly_fields(request, row))
    form_fields = set(model_admin.get_form(request, row).base_fields)
    assert form_fields - readonly == STILL_CHANGEABLE[name]
    assert "only here" in (model_admin.__doc__ or "")
    assert tmo_client.post(_url(model, "delete", row.pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=row.pk).exists()


def test_an_api_token_can_only_be_revoked_in_the_admin(tmo_client):
    from realise.accounts.models import ApiToken

    model_admin = admin.site._registry[ApiToken]
    request = tmo_client.get(reverse("admin:index")).wsgi_request
    assert not model_admin.has_add_permission(request)
    assert set(model_admin.get_form(request, None).base_fields) - set(
        model_admin.get_readonly_fields(request, None)
    ) == {"revoked"}
