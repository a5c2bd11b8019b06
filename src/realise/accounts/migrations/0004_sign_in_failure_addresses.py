"""Sign-in failures are counted by user name and address, with keyed hashes (ADR 0007, amended
2026-12-05). The rows kept so far hold plain hashes of names only, which the new scheme cannot
match: they are dropped (at worst a lock-out of at most 15 minutes ends early)."""

from django.db import migrations, models


def forget_failures(apps, schema_editor):
    apps.get_model("accounts", "SignInFailure").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_sign_in_failures"),
    ]

    operations = [
        migrations.RunPython(forget_failures, migrations.RunPython.noop),
        migrations.AddField(
            model_name="signinfailure",
            name="ip_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="signinfailure",
            index=models.Index(fields=["ip_hash", "at"], name="signin_failure_ip_at"),
        ),
    ]
