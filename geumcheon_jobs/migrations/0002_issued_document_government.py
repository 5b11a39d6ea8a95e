"""Issued documents name their government (filled by 0003, required by 0004): one migration per step, as PostgreSQL
alters or indexes no table in the transaction that updated its rows."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("geumcheon_jobs", "0001_initial"),
        ("performance", "0016_summaries_filled"),
    ]

    operations = [
        migrations.AddField(
            model_name="issueddocument",
            name="local_government",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="issued_documents",
                to="performance.localgovernment",
                verbose_name="지자체",
            ),
        ),
    ]
