"""Load the title every county counts, "Hubei famous brand product" (湖北名牌产品); staff add
the others (中国驰名商标, 湖北省著名商标…) on the titles page."""

from django.db import migrations

NAME = "湖北名牌产品"


def load(apps, schema_editor):
    BrandTitle = apps.get_model("brands", "BrandTitle")
    BrandTitle.objects.get_or_create(name=NAME, defaults={"name_en": "Hubei famous brand product"})


def unload(apps, schema_editor):
    BrandTitle = apps.get_model("brands", "BrandTitle")
    BrandTitle.objects.filter(name=NAME, brands__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("brands", "0001_named_brand_register")]

    operations = [migrations.RunPython(load, unload)]
