"""The portal's own settings (``portal.settings``, production when ``DJANGO_ENV=production``),
with two changes for the benchmark: the URLs add ``bench-admin/``, a Django admin of the models
the project's admin leaves out (the comparators of their lists), and static files are collected
into ``BENCH_STATIC_ROOT`` (a temporary folder) when it is set."""

import os

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
