"""Indexes for the pilot, activity and standard lists at province scale: each list's default
order, and trigram indexes for their searches."""

from django.db import migrations

from portal.migration_operations import indexes, sort_index, trigram_index

PINYIN = 'COLLATE "zh-x-icu"'
NEWEST_APPROVAL = '"approval_date" DESC NULLS LAST'


class Migration(migrations.Migration):
    dependencies = [
        ("pilots", "0006_single_line_text_and_plausible_dates"),
        ("portal", "0009_search_and_sort_indexes"),
    ]

    operations = [
        indexes(
            sort_index(
                "pilot_newest_approval",
                "pilots_pilotproject",
                NEWEST_APPROVAL,
                f'"name" {PINYIN}',
                '"id"',
            ),
            sort_index(
                "pilot_status_newest_approval",
                "pilots_pilotproject",
                '"status"',
                NEWEST_APPROVAL,
                f'"name" {PINYIN}',
                '"id"',
            ),
            sort_index("pilot_pinyin", "pilots_pilotproject", f'"name" {PINYIN}', '"id"'),
            sort_index("activity_newest", "pilots_activity", '"date" DESC', '"id" DESC'),
            trigram_index("pilots_pilotproject", "name"),
            trigram_index("pilots_activity", "title"),
            trigram_index("pilots_activity", "place"),
            trigram_index("pilots_standard", "designation"),
            trigram_index("pilots_standard", "title"),
        ),
    ]
