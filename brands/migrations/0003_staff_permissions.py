"""Give the bureau staff group the model permissions of the brands app (used by the admin)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    config = apps.get_app_config("brands")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _ = Group.objects.get_or_create(name="bureau_staff")
    staff.permissions.add(
        *Permission.objects.filter(content_type__app_label="brands").exclude(
            content_type__model__startswith="historical"
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="bureau_staff"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="brands"))


class Migration(migrations.Migration):
    dependencies = [
        ("brands", "0002_hubei_famous_brand_title"),
        ("portal", "0002_regions_and_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
