"""Indexes for the organization list at province scale: its pinyin order, and the trigram
indexes of its search (name, English name, credit code)."""

from django.db import migrations

from portal.migration_operations import TRIGRAM_EXTENSION, indexes, sort_index, trigram_index

PINYIN = 'COLLATE "zh-x-icu"'


class Migration(migrations.Migration):
    dependencies = [("portal", "0008_notifications")]

    operations = [
        TRIGRAM_EXTENSION,
        indexes(
            sort_index("organization_pinyin", "portal_organization", f'"name" {PINYIN}', '"id"'),
            trigram_index("portal_organization", "name"),
            trigram_index("portal_organization", "name_en"),
            trigram_index("portal_organization", "uscc"),
        ),
    ]
