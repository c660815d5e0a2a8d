"""Give the bureau staff group the model permissions of the pilots app (used by the admin)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    config = apps.get_app_config("pilots")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _ = Group.objects.get_or_create(name="bureau_staff")
    staff.permissions.add(
        *Permission.objects.filter(content_type__app_label="pilots").exclude(
            content_type__model__startswith="historical"
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="bureau_staff"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="pilots"))


class Migration(migrations.Migration):
    dependencies = [
        ("pilots", "0001_initial"),
        ("portal", "0002_regions_and_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
