"""What refers to a record: the rows that deleting it would take away, unlink or leave orphaned.

Every relation pointing at a model counts — whatever its ``on_delete`` (PROTECT, SET_NULL, a
many-to-many link) and in whichever app it is declared — except the record's own *parts*, the
relations (named by their accessor, e.g. ``"documents"``) whose rows are meant to go with it.
A relation added later therefore holds the record back until someone decides it is a part.
Relations hidden with ``related_name="+"`` (change-history tables) do not count.

This module imports no models, so that ``rules.py`` modules may use it.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, Model, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _


@dataclass
class References:
    """The rows of one relation that refer to a record: what they are (``label``), how many,
    and the first of them (``records``, each shown with its link when it has a page)."""

    label: str
    count: int
    records: list = field(default_factory=list)

    @property
    def more(self) -> int:
        return self.count - len(self.records)


def _relations(obj: Model, parts: Iterable[str]):
    parts = set(parts)
    for relation in obj._meta.related_objects:
        if relation.get_accessor_name() not in parts:
            yield relation


def _rows(obj: Model, relation) -> QuerySet:
    return relation.related_model._default_manager.filter(**{relation.field.name: obj})


def _label(obj: Model, relation) -> str:
    """The kind of the rows ("Acceptance reviews"), with the field that points here when the
    kind alone is ambiguous: "Pilot projects (lead organization)", "Standards (superseded by)"."""
    records = capfirst(relation.related_model._meta.verbose_name_plural)
    siblings = [
        other
        for other in obj._meta.related_objects
        if other.related_model is relation.related_model
    ]
    if len(siblings) == 1 and relation.related_model is not type(obj):
        return str(records)
    return _("%(records)s (%(field)s)") % {
        "records": records,
        "field": relation.field.verbose_name,
    }


def is_referred_to(obj: Model, *, parts: Iterable[str] = (), also: Iterable[QuerySet] = ()) -> bool:
    """Whether any row outside the record's ``parts`` refers to it, or any of the querysets
    ``also`` has a row: one query, an EXISTS per relation, whatever their number."""
    found = {
        f"found_{index}": Exists(rows)
        for index, rows in enumerate(
            [*(_rows(obj, relation) for relation in _relations(obj, parts)), *also]
        )
    }
    if not found:
        return False
    values = type(obj)._base_manager.filter(pk=obj.pk).annotate(**found).values_list(*found).first()
    return bool(values) and any(values)


def references_to(obj: Model, *, parts: Iterable[str] = (), limit: int = 10) -> list[References]:
    """The rows outside the record's ``parts`` that refer to it, relation by relation (only those
    with rows), at most ``limit`` records shown of each."""
    found = []
    for relation in _relations(obj, parts):
        rows = _rows(obj, relation)
        records = list(rows[:limit])
        if records:
            count = len(records) if len(records) < limit else rows.count()
            found.append(References(_label(obj, relation), count, records))
    return found


def parts_of(obj: Model, parts: Iterable[str]) -> dict[str, int]:
    """How many rows each of the record's ``parts`` (accessor names) holds."""
    by_accessor = {relation.get_accessor_name(): relation for relation in obj._meta.related_objects}
    return {name: _rows(obj, by_accessor[name]).count() for name in parts}
