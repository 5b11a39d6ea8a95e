"""The membership's government becomes required, once 0017 has filled it (a separate migration: PostgreSQL refuses
to alter a table in the transaction that has just updated its rows' foreign keys)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("performance", "0020_government_membership")]

    operations = [
        migrations.AlterField(
            model_name="membership",
            name="local_government",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="members",
                to="performance.localgovernment",
                verbose_name="지자체",
            ),
        ),
    ]
