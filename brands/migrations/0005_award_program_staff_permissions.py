"""Give the bureau staff group the model permissions of award programmes and their required
materials (used by the admin), as 0003 did for the register."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["awardprogram", "requiredmaterial"]


def grant(apps, schema_editor):
    config = apps.get_app_config("brands")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _ = Group.objects.get_or_create(name="bureau_staff")
    staff.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="brands", content_type__model__in=MODELS
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="bureau_staff"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="brands", content_type__model__in=MODELS
            )
        )


class Migration(migrations.Migration):
    dependencies = [("brands", "0004_award_programs")]

    operations = [migrations.RunPython(grant, revoke)]
