"""Rows written with PostgreSQL's COPY, through the models' own tables and columns.

The generator gives each row its primary key itself (``Ids``), so that rows of other tables can
refer to it before anything is written; ``reset_sequences`` moves the id sequences past them
afterwards. Fields a table's rows leave out get what Django would give them (their default,
``auto_now``'s time, NULL, or ""). For millions of rows, ``without_triggers`` and
``indexes_built_afterwards`` leave the foreign keys' checks and the secondary indexes to the
end (``verify_foreign_keys``, then one sort per index).
"""

import datetime
import io
import json
import re
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

ROWS_PER_COPY = 50_000


_SPECIAL = re.compile(r"[\\\t\n\r]")
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value) -> str:
    """One value in COPY's text format."""
    kind = type(value)
    if kind is str:
        return value.translate(_ESCAPES) if _SPECIAL.search(value) else value
    if kind is int:
        return str(value)
    if value is None:
        return r"\N"
    if kind is bool:
        return "t" if value else "f"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return _text(json.dumps(value, ensure_ascii=False))
    return _text(str(value))


def _implicit(field: models.Field, now: datetime.datetime):
    """What Django would store in ``field`` when nothing is given."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField | models.FileField):
        return ""
    raise ValueError(f"{field.model.__name__}.{field.name} needs a value.")


class Table:
    """The rows of one model, written by COPY when ``ROWS_PER_COPY`` of them are waiting and
    at ``flush()``. ``fields`` names what each row gives, in order, separated by spaces
    (``"holder"`` for a foreign key takes the id)."""

    def __init__(self, model: type[models.Model], fields: str):
        self.model = model
        meta = model._meta
        given = [meta.get_field(name) for name in fields.split()]
        now = timezone.now()
        rest = [
            field
            for field in meta.concrete_fields
            if field not in given and not isinstance(field, models.AutoField)
        ]
        columns = [field.column for field in given + rest]
        self.tail = "".join("\t" + _text(_implicit(field, now)) for field in rest)
        quote = connection.ops.quote_name
        self.sql = (
            f"COPY {quote(meta.db_table)} ({', '.join(quote(column) for column in columns)}) "
            "FROM STDIN"
        )
        self.lines: list[str] = []
        self.count = 0

    def add(self, *values) -> None:
        self.lines.append("\t".join(map(_text, values)) + self.tail)
        if len(self.lines) >= ROWS_PER_COPY:
            self.flush()

    def flush(self) -> None:
        if not self.lines:
            return
        buffer = io.StringIO("\n".join(self.lines) + "\n")
        with connection.cursor() as cursor:
            cursor.copy_expert(self.sql, buffer)
        self.count += len(self.lines)
        self.lines = []


class Ids:
    """The next free primary keys of each model (past the rows that are there already)."""

    def __init__(self):
        self.next: dict[type[models.Model], int] = {}

    def take(self, model: type[models.Model], count: int = 1) -> int:
        """The first of ``count`` new ids of ``model``."""
        if model not in self.next:
            with connection.cursor() as cursor:
                table = connection.ops.quote_name(model._meta.db_table)
                column = connection.ops.quote_name(model._meta.pk.column)
                cursor.execute(f"SELECT COALESCE(MAX({column}), 0) FROM {table}")
                self.next[model] = cursor.fetchone()[0] + 1
        first = self.next[model]
        self.next[model] += count
        return first


def reset_sequences(model_list) -> None:
    """Move the id sequences of the models past their highest id."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def without_triggers() -> None:
    """Skip the foreign keys' triggers until the end of the transaction (a superuser's
    ``session_replication_role``): the checks ``verify_foreign_keys`` makes in one query per
    key instead of one per row."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")


def verify_foreign_keys(model_list) -> None:
    """Raise if a row of the models refers to a row that does not exist."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in model_list:
            for field in model._meta.concrete_fields:
                if not field.is_relation or not field.db_constraint:
                    continue
                target = field.target_field
                child, parent = quote(model._meta.db_table), quote(target.model._meta.db_table)
                column, key = quote(field.column), quote(target.column)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {child} c WHERE c.{column} IS NOT NULL AND NOT EXISTS "
                    f"(SELECT 1 FROM {parent} p WHERE p.{key} = c.{column})"
                )
                missing = cursor.fetchone()[0]
                if missing:
                    raise ValueError(
                        f"{missing} rows of {model._meta.label}.{field.name} refer to nothing."
                    )


@contextmanager
def indexes_built_afterwards(model_list):
    """Drop the models' indexes that back no constraint (those of foreign keys, mostly) while
    rows are written, and build them again at the end: one sort per index rather than an
    insertion per row."""
    tables = [model._meta.db_table for model in model_list]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
            "WHERE t.relname = ANY(%s) AND t.relnamespace = 'public'::regnamespace "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
