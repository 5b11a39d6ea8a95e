"""Issued documents for every kind of the registry: the kind's stored value becomes the registry's slug
("quarterly_report" → "quarterly", "budget_report" → "budget"; "card" stays), each row names its government (filled
from its pledge), and a document of the government's yearly plan has no pledge. The files and figures are not
touched."""

from django.db import migrations

SLUGS = {"quarterly_report": "quarterly", "budget_report": "budget"}


def forward(apps, schema_editor):
    issued = apps.get_model("geumcheon_jobs", "IssuedDocument")
    for old, new in SLUGS.items():
        issued.objects.filter(kind=old).update(kind=new)
    for row in issued.objects.select_related("pledge").only("pk", "pledge__local_government_id"):
        issued.objects.filter(pk=row.pk).update(local_government_id=row.pledge.local_government_id)


def backward(apps, schema_editor):
    issued = apps.get_model("geumcheon_jobs", "IssuedDocument")
    for old, new in SLUGS.items():
        issued.objects.filter(kind=new).update(kind=old)


class Migration(migrations.Migration):
    dependencies = [
        ("geumcheon_jobs", "0002_issued_document_government"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
