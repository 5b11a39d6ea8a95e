"""Fill the summaries (0013, 0015) from the data already there, as `manage.py verify_summaries` would compute them."""

from django.db import migrations


def fill(apps, schema_editor):
    from performance.summaries import rebuild

    rebuild(apps)


class Migration(migrations.Migration):
    dependencies = [("performance", "0015_budget_summary")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
