"""Every membership names its government (the department's, for staff); a lead reviewer or manager may have no
department. People in a role group without any membership get one in the government when the install has only
one (today's one-government installs); with several governments they see nothing until an administrator names it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ROLE_GROUPS = ("department_staff", "lead_reviewer", "manager")


def fill(apps, schema_editor):
    Membership = apps.get_model("performance", "Membership")
    LocalGovernment = apps.get_model("performance", "LocalGovernment")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    for membership in Membership.objects.select_related("department"):
        membership.local_government_id = membership.department.local_government_id
        membership.save(update_fields=["local_government"])
    governments = list(LocalGovernment.objects.values_list("pk", flat=True)[:2])
    if len(governments) == 1:
        without = User.objects.filter(groups__name__in=ROLE_GROUPS, membership__isnull=True).distinct()
        Membership.objects.bulk_create(Membership(user=user, local_government_id=governments[0]) for user in without)


class Migration(migrations.Migration):
    dependencies = [
        ("performance", "0019_evaluation_sections"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="local_government",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="members",
                to="performance.localgovernment",
                verbose_name="지자체",
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="department",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="members",
                to="performance.department",
                verbose_name="부서",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
