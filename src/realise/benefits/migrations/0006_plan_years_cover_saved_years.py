"""Every council's plan years cover the years its savings are already in.

Plan years arrived with ``portfolio.0006_organisation_plan_years``, which gave every council the
five years from the one it was migrated in. Here each council that has savings gets the plan
that runs from the earliest year of its targets, ledger entries and carry-forwards to the latest,
so nothing already recorded falls outside them (a year entered by mistake too: the TMO admin
sets the plan years in Settings once it is corrected). Its past versions in the change log get
the same plan years, rather than ones it never had. Reversing sets nothing back: the plan years
are dropped by reversing the portfolio migration."""

from django.db import migrations
from django.db.models import Max, Min


def _span(apps, organisation_id):
    """(earliest, latest) start year of the council's savings, or None when it has none."""
    starts = []
    for model, earliest, latest in (
        ("SavingsTarget", "financial_year", "financial_year"),
        ("SavingsEntry", "financial_year", "financial_year"),
        ("CarryForward", "from_year", "to_year"),
    ):
        found = (
            apps.get_model("benefits", model)
            .objects.filter(organisation_id=organisation_id)
            .aggregate(first=Min(earliest), last=Max(latest))
        )
        starts += [found[key] for key in ("first", "last") if found[key] is not None]
    return (min(starts), max(starts)) if starts else None


def cover_saved_years(apps, schema_editor):
    organisations = apps.get_model("portfolio", "Organisation")
    history = apps.get_model("portfolio", "HistoricalOrganisation")
    for organisation in organisations.objects.only("pk"):
        span = _span(apps, organisation.pk)
        if span is None:
            continue
        first, last = span
        organisations.objects.filter(pk=organisation.pk).update(
            first_plan_year=first, last_plan_year=last
        )
        history.objects.filter(id=organisation.pk).update(
            first_plan_year=first, last_plan_year=last
        )


class Migration(migrations.Migration):
    dependencies = [
        ("benefits", "0005_savings_entry_rejects"),
        ("portfolio", "0006_organisation_plan_years"),
    ]

    operations = [migrations.RunPython(cover_saved_years, migrations.RunPython.noop)]
