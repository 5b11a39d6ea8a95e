"""IssuedDocument now belongs to documents (documents 0001): this app forgets it, and its table and rows stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("geumcheon_jobs", "0004_issued_document_subjects"),
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="IssuedDocument")],
        ),
    ]
