"""One set of GOV.UK form components: the account pages (API tokens, the change-log filter) render
their fields and error summary with the web's components, so an error is linked from the
summary, announced with its field (``aria-describedby``) and the inputs carry GOV.UK's classes."""

from __future__ import annotations

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

pytestmark = pytest.mark.db


def test_a_token_without_a_name_is_refused_with_the_error_tied_to_its_field(client, world):
    client.force_login(world.users["viewer"])
    page = client.post("/tokens/", {"name": ""}).content.decode()
    assert 'class="govuk-error-summary"' in page
    assert '<a href="#id_name">' in page
    assert 'id="id_name-error"' in page
    assert 'class="govuk-input govuk-input--error"' in page
    assert 'aria-describedby="id_name-hint id_name-error"' in page
    assert "Enter a name for the token" in page
    # Said once, by the layout; the viewer's one council is the page's (its menu is shown).
    assert "<title>Error: API tokens – Dorset Council</title>" in page


def test_the_change_log_filter_uses_the_govuk_components(client, world):
    client.force_login(world.users["admin"])
    page = client.get(
        "/o/dorset/changes/", {"since": "2024-02-01", "until": "2024-01-01"}
    ).content.decode()
    assert '<a href="#id_until">The end date is before the start date</a>' in page
    assert 'id="id_until-error"' in page
    assert '<select class="govuk-select" id="id_user" name="user"' in page
    assert (
        'class="govuk-input govuk-input--width-10" id="id_since" name="since" type="text" '
        'value="2024-02-01"' in page
    )
    assert "<title>Error: Change log – Dorset Council</title>" in page


@pytest.mark.parametrize("name", ["accounts/_field.html", "accounts/_errors.html"])
def test_there_is_no_second_set_of_form_components(name):
    with pytest.raises(TemplateDoesNotExist):
        get_template(name)


def test_the_import_page_keeps_the_chosen_kind_when_the_file_is_refused(client, world, settings):
    """The upload page's fields are the same components: a refused file keeps what was chosen."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.REALISE_IMPORT_UPLOAD_LIMIT = 1024
    client.force_login(world.users["admin"])
    big = SimpleUploadedFile("targets.csv", b"Year,Amount\n" + b"2024/25,1\n" * 200)
    page = client.post("/o/dorset/import/", {"file": big, "kind": "targets"}).content.decode()
    assert '<a href="#file">The selected file must be smaller than 1 KB</a>' in page
    assert '<option value="targets" selected>' in page
    assert 'accept=".xlsx,.ods,.csv"' in page
    assert "<title>Error: Import a spreadsheet – Dorset Council</title>" in page
