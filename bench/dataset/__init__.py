"""A province-scale data set for the benchmark, written with COPY through the project's models.

``generate(Scale())`` fills a freshly migrated database: organizations all over the county-level
divisions in the Region table, their members, reviewers and staff (``people``); pilots with
their standard systems, activities, timelines and acceptance reviews (``pilots``), whose panels
have declarations, score sheets and item scores (``panels``); award programmes round after
round and their applications in every state, with materials, submitted versions, completeness
checks, visits and panels (``awards``); named brands with their output, notifications and
registrations (``brands``). A few records are heavy on purpose (``Scale.heavy_*``): the pages
that show them are the worst case. ``Scale.tiny()`` makes a few rows of each kind, for the smoke
test.

The rows follow the workflows' tables (each state reached by its moves, on dates that follow
each other and are not in the future), but they are made here, not through the services, which
would take hours for a hundred thousand applications. Files (materials, photos, documents) all
point to a few shared small files. History tables (simple_history) are left empty: no measured
page reads them.

The demo logins exist with the demo password: ``staff``, ``enterprise`` (a member of an
organization with applications, pilots and brands), ``reviewer`` (on many panels, with draft
and submitted sheets), and ``benchadmin``, a superuser for the Django admin.
"""

from django.apps import apps
from django.db import connection, transaction

from bench.bulk import indexes_built_afterwards, verify_foreign_keys, without_triggers
from bench.dataset.awards import AwardsMixin
from bench.dataset.base import ADMIN_USERNAME, Generator, Scale
from bench.dataset.brands import BrandsMixin
from bench.dataset.panels import PanelsMixin
from bench.dataset.people import PeopleMixin
from bench.dataset.pilots import PilotsMixin

__all__ = ["ADMIN_USERNAME", "Scale", "generate"]

PROJECT_APPS = {"auth", "portal", "scoring", "pilots", "brands"}


class DataSet(PeopleMixin, PilotsMixin, PanelsMixin, AwardsMixin, BrandsMixin, Generator):
    steps = [
        "write_files",
        "organizations",
        "users",
        "standards",
        "pilots",
        "reviews",
        "programmes",
        "applications",
        "brands",
        "notifications",
        "registrations",
    ]


def generate(scale: Scale | None = None, *, seed: int = 2014, stdout=None, fast=False) -> dict:
    """Fill the (migrated) database with the data set of ``scale``, in one transaction; return
    the rows written per model. Every foreign key is checked before it returns: row by row by
    PostgreSQL's triggers, or, ``fast``, by one query per key once the rows are written and
    the indexes built (``bench.bulk``: minutes rather than a quarter of an hour for millions
    of rows; needs a superuser)."""
    if connection.vendor != "postgresql":
        raise RuntimeError("The benchmark's data set is written with PostgreSQL's COPY.")
    data_set = DataSet(scale or Scale(), seed, stdout)
    with transaction.atomic():
        if not fast:
            counts = data_set.run()
            connection.check_constraints()
            return counts
        without_triggers()
        models = [
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label in PROJECT_APPS
        ]
        with indexes_built_afterwards(models):
            counts = data_set.run()
        verify_foreign_keys(data_set.tables)
    return counts
