"""After 0003 filled every row's government: the government is required, the pledge optional (a document of the
yearly plan has none), the kind's choices are the registry's and HWPX is a format. A migration of its own, as
PostgreSQL alters no table in the transaction that updated its rows."""

import django.db.models.deletion
from django.db import migrations, models

import documents.models


class Migration(migrations.Migration):
    dependencies = [
        ("geumcheon_jobs", "0003_issued_document_kinds"),
    ]

    operations = [
        migrations.AlterField(
            model_name="issueddocument",
            name="local_government",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="issued_documents",
                to="performance.localgovernment",
                verbose_name="지자체",
            ),
        ),
        migrations.AlterField(
            model_name="issueddocument",
            name="pledge",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="issued_documents",
                to="performance.pledge",
            ),
        ),
        migrations.AlterField(
            model_name="issueddocument",
            name="kind",
            field=models.CharField(choices=documents.models.document_kinds, max_length=20, verbose_name="문서"),
        ),
        migrations.AlterField(
            model_name="issueddocument",
            name="file_format",
            field=models.CharField(
                choices=[("pdf", "PDF"), ("xlsx", "Excel(.xlsx)"), ("hwpx", "한글(.hwpx)")],
                max_length=4,
                verbose_name="형식",
            ),
        ),
    ]
