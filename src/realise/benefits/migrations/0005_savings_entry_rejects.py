"""A ledger entry that closes a claim says whether finance rejected the claim (``rejects``), so a
rejection is told apart from a claimant correcting their own claim. Entries written before: a
claim closed, without a validation, by someone other than the person who claimed it was finance
rejecting it (the only other way to close a claim was the claimant's own correction)."""

from django.db import migrations, models
from django.db.models import F


def mark_rejections(apps, schema_editor):
    entries = apps.get_model("benefits", "SavingsEntry").objects
    closing = entries.filter(
        reverses__isnull=False, reverses__status="claimed", reverses__validation__isnull=True
    ).exclude(recorded_by=F("reverses__recorded_by"))
    entries.filter(pk__in=list(closing.values_list("pk", flat=True))).update(rejects=True)


class Migration(migrations.Migration):
    dependencies = [
        ("benefits", "0004_savings_entry_import_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="savingsentry",
            name="rejects",
            field=models.BooleanField(
                db_default=False,
                default=False,
                help_text="This entry closes a claim finance rejected (its note gives the reason)",
            ),
        ),
        migrations.RunPython(mark_rejections, migrations.RunPython.noop),
    ]
