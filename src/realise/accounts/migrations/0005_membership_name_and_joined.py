"""Each council's own name for a person, and when they were added to it (ADR 0018).

Existing memberships take the account's name (what their council has been shown so far) and, as
when they were added, the date of their creation in the audit trail (else now); all of a person's
roles in a council take the earliest. Their audit-trail rows get the same values, so the change
log shows no change where there was none."""

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def fill(apps, schema_editor):
    membership = apps.get_model("accounts", "Membership")
    history = apps.get_model("accounts", "HistoricalMembership")
    user_model = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    names = {
        pk: f"{first} {last}".strip()
        for pk, first, last in user_model.objects.values_list("pk", "first_name", "last_name")
    }
    created = {}
    for row in history.objects.filter(history_type="+").order_by("history_date"):
        created.setdefault(row.id, row.history_date)
    joined = {}
    for row in membership.objects.all():
        when = created.get(row.id, row.joined)
        pair = (row.organisation_id, row.user_id)
        joined[pair] = min(when, joined.get(pair, when))
    for row in membership.objects.all():
        row.name = names.get(row.user_id, "")
        row.joined = joined[(row.organisation_id, row.user_id)]
        row.save(update_fields=["name", "joined"])
    for row in history.objects.all():
        row.name = names.get(row.user_id, "")
        row.joined = joined.get((row.organisation_id, row.user_id)) or created.get(
            row.id, row.joined
        )
        row.save(update_fields=["name", "joined"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_sign_in_failure_addresses"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmembership",
            name="joined",
            field=models.DateTimeField(
                default=django.utils.timezone.now, help_text="When added to this council"
            ),
        ),
        migrations.AddField(
            model_name="historicalmembership",
            name="name",
            field=models.CharField(
                blank=True, help_text="Their name in this council", max_length=150
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="joined",
            field=models.DateTimeField(
                default=django.utils.timezone.now, help_text="When added to this council"
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="name",
            field=models.CharField(
                blank=True, help_text="Their name in this council", max_length=150
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
