"""The issued documents' table takes documents' name (a rename: every row, file and figure stays), and the content
type of the moved model follows it, so that its permissions and admin log entries keep pointing at it."""

from django.db import migrations


def content_type_follows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="documents", model="issueddocument").exists():
        ContentType.objects.filter(app_label="geumcheon_jobs", model="issueddocument").update(app_label="documents")


def content_type_returns(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="geumcheon_jobs", model="issueddocument").exists():
        ContentType.objects.filter(app_label="documents", model="issueddocument").update(app_label="geumcheon_jobs")


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("geumcheon_jobs", "0005_issued_document_moves_to_documents"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="issueddocument", table=None),
        migrations.RunPython(content_type_follows, content_type_returns),
    ]
