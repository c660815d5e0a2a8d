"""Indexes for the brand register and the application list at province scale: the register's
default order, and trigram indexes for their searches."""

from django.db import migrations

from portal.migration_operations import indexes, sort_index, trigram_index

PINYIN = 'COLLATE "zh-x-icu"'


class Migration(migrations.Migration):
    dependencies = [
        ("brands", "0006_award_applications"),
        ("portal", "0009_search_and_sort_indexes"),
    ]

    operations = [
        indexes(
            sort_index(
                "brand_latest_validity",
                "brands_brand",
                '"valid_until" DESC',
                f'"product" {PINYIN}',
                '"id"',
            ),
            trigram_index("brands_brand", "product"),
            trigram_index("brands_brand", "certificate_number"),
            trigram_index("brands_awardapplication", "product"),
        ),
    ]
