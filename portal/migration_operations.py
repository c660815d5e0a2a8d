"""Migration operations for what only PostgreSQL has: trigram indexes for the searches
(``pg_trgm``) and indexes in the pinyin collation (``zh-x-icu``) that the lists sort by. On
SQLite (``make run``) they do nothing: its lists are small."""

from django.db import migrations


def postgresql(forward: list[str], backward: list[str]) -> migrations.RunPython:
    """Run ``forward`` (and, when unapplied, ``backward``) statements on PostgreSQL only."""

    def run(statements):
        def apply(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for statement in statements:
                    schema_editor.execute(statement)

        return apply

    return migrations.RunPython(run(forward), run(backward), elidable=False)


def trigram_index(table: str, column: str) -> tuple[str, str]:
    """A GIN trigram index on ``UPPER(column)``: what ``icontains`` compares on PostgreSQL, so
    that a search for any part of a name uses the index instead of reading the whole table."""
    name = f"{table}_{column}_trgm"
    return (
        f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
        f'USING gin (UPPER("{column}"::text) gin_trgm_ops)',
        f'DROP INDEX IF EXISTS "{name}"',
    )


def sort_index(name: str, table: str, *columns: str) -> tuple[str, str]:
    """A b-tree index on ``columns`` (SQL, e.g. ``"name" COLLATE "zh-x-icu"``), in a list's
    order."""
    return (
        f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({", ".join(columns)})',
        f'DROP INDEX IF EXISTS "{name}"',
    )


def indexes(*pairs: tuple[str, str]) -> migrations.RunPython:
    return postgresql([forward for forward, _ in pairs], [backward for _, backward in pairs])


TRIGRAM_EXTENSION = postgresql(["CREATE EXTENSION IF NOT EXISTS pg_trgm"], [])
