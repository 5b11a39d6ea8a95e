"""One results revision per local government. The install-wide row of earlier versions (saved with an explicit
primary key, so PostgreSQL's sequence never moved past it) becomes a row per government, each starting above its
number so that no page cached under an earlier number can be served again."""

import django.db.models.deletion
from django.db import migrations, models


def per_government(apps, schema_editor):
    revision = apps.get_model("performance", "ResultsRevision")
    government = apps.get_model("performance", "LocalGovernment")
    legacy = revision.objects.filter(local_government__isnull=True)
    start = (legacy.aggregate(last=models.Max("number"))["last"] or 0) + 1
    legacy.delete()
    revision.objects.bulk_create(
        revision(local_government_id=pk, number=start) for pk in government.objects.values_list("pk", flat=True)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("performance", "0013_summaries"),
    ]

    operations = [
        migrations.AddField(
            model_name="resultsrevision",
            name="local_government",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="performance.localgovernment",
            ),
        ),
        migrations.RunPython(per_government, migrations.RunPython.noop),
    ]
