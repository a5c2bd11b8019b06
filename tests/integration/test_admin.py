"""Every model is in the Django admin, its pages render, and the ledger is read-only there."""

import pytest
from django.apps import apps
from django.contrib import admin
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
