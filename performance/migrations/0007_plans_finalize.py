"""After the data has moved (0006): the new links become required, the old columns go."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("performance", "0006_plans_data")]

    operations = [
        migrations.AlterModelOptions(
            name="annualtarget",
            options={
                "ordering": ["pledge", "year", "target_group__sort_order"],
                "verbose_name": "연간 목표",
                "verbose_name_plural": "연간 목표",
            },
        ),
        migrations.RemoveConstraint(model_name="annualtarget", name="target_one_scope"),
        migrations.RemoveConstraint(model_name="annualtarget", name="target_unique_programme"),
        migrations.RemoveConstraint(model_name="annualtarget", name="target_unique_total"),
        migrations.RemoveField(model_name="annualtarget", name="programme"),
        migrations.RemoveField(model_name="historicalannualtarget", name="programme"),
        migrations.RemoveField(model_name="programme", name="programme_type"),
        migrations.RemoveField(model_name="historicalprogramme", name="programme_type"),
        migrations.RenameField(model_name="programme", old_name="programme_type_ref", new_name="programme_type"),
        migrations.RenameField(
            model_name="historicalprogramme", old_name="programme_type_ref", new_name="programme_type"
        ),
        migrations.AlterField(
            model_name="programme",
            name="programme_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="programmes",
                to="performance.programmetype",
                verbose_name="부문",
            ),
        ),
        migrations.AlterField(
            model_name="programme",
            name="year_plan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="programmes", to="performance.yearplan"
            ),
        ),
        migrations.AlterField(
            model_name="programme",
            name="lineage",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="programmes",
                to="performance.programmelineage",
            ),
        ),
        migrations.AlterField(
            model_name="targetgroup",
            name="local_government",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="target_groups",
                to="performance.localgovernment",
            ),
        ),
        migrations.AddConstraint(
            model_name="annualtarget",
            constraint=models.UniqueConstraint(
                condition=models.Q(("target_group__isnull", True)),
                fields=("pledge", "year"),
                name="target_unique_total",
            ),
        ),
        migrations.AddConstraint(
            model_name="programme",
            constraint=models.UniqueConstraint(
                fields=("year_plan", "department", "name"), name="programme_unique_name"
            ),
        ),
        migrations.AddConstraint(
            model_name="programme",
            constraint=models.UniqueConstraint(fields=("year_plan", "lineage"), name="programme_unique_lineage"),
        ),
        migrations.AddConstraint(
            model_name="targetgroup",
            constraint=models.UniqueConstraint(fields=("local_government", "name"), name="target_group_unique_name"),
        ),
    ]
