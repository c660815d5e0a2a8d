"""The indexes that keep lists and searches fast at province scale exist on PostgreSQL, and
their migrations leave SQLite alone."""

import pytest
from django.db import connection

from portal.migration_operations import postgresql, sort_index, trigram_index

pytestmark = pytest.mark.django_db

EXPECTED = {
    "portal_organization": {
        "organization_pinyin",
        "portal_organization_name_trgm",
        "portal_organization_name_en_trgm",
        "portal_organization_uscc_trgm",
    },
    "pilots_pilotproject": {
        "pilot_newest_approval",
        "pilot_status_newest_approval",
        "pilot_pinyin",
        "pilots_pilotproject_name_trgm",
    },
    "pilots_activity": {
        "activity_newest",
        "pilots_activity_title_trgm",
        "pilots_activity_place_trgm",
    },
    "pilots_standard": {"pilots_standard_designation_trgm", "pilots_standard_title_trgm"},
    "brands_brand": {
        "brand_latest_validity",
        "brands_brand_product_trgm",
        "brands_brand_certificate_number_trgm",
    },
    "brands_awardapplication": {
        "brands_awardapplication_product_trgm",
        "application_status_newest",
        "application_program_newest",
        "application_applicant_newest",
    },
}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL indexes")
@pytest.mark.parametrize("table", sorted(EXPECTED))
def test_list_and_search_indexes_exist(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [table])
        names = {row[0] for row in cursor.fetchall()}

    assert EXPECTED[table] <= names


class FakeEditor:
    def __init__(self, vendor):
        self.connection = type("Connection", (), {"vendor": vendor})()
        self.executed = []

    def execute(self, sql):
        self.executed.append(sql)


def test_postgresql_operations_do_nothing_elsewhere():
    operation = postgresql(["CREATE EXTENSION IF NOT EXISTS pg_trgm"], ["SELECT 1"])
    sqlite, postgres = FakeEditor("sqlite"), FakeEditor("postgresql")

    operation.code(None, sqlite)
    operation.code(None, postgres)
    operation.reverse_code(None, postgres)

    assert sqlite.executed == []
    assert postgres.executed == ["CREATE EXTENSION IF NOT EXISTS pg_trgm", "SELECT 1"]


def test_index_statements_compare_as_icontains_does():
    create, drop = trigram_index("pilots_pilotproject", "name")
    assert 'UPPER("name"::text) gin_trgm_ops' in create
    assert drop == 'DROP INDEX IF EXISTS "pilots_pilotproject_name_trgm"'
    create, _drop = sort_index("x", "t", '"a" DESC', '"id"')
    assert create == 'CREATE INDEX IF NOT EXISTS "x" ON "t" ("a" DESC, "id")'
