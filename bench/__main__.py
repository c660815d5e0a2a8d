"""``python -m bench``: the whole benchmark (``bench.run``). Its steps, each run in its own
process against the database ``DATABASE_URL`` names:

``python -m bench generate [--tiny]``  write the data set into a migrated database, then
                                       VACUUM ANALYZE it
``python -m bench queries OUTPUT``     find the pages and count their SQL queries, as JSON
"""

import json
import os
import sys
import time


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def generate(tiny: bool) -> None:
    setup()
    from django.db import connection

    from bench.dataset import Scale, generate

    started = time.monotonic()
    counts = generate(Scale.tiny() if tiny else Scale(), stdout=sys.stdout, fast=not tiny)
    written = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    done = time.monotonic()
    print(f"  rows: {sum(counts.values()):,} in {written - started:.1f} s")
    print(f"  VACUUM ANALYZE: {done - written:.1f} s")


def queries(output: str) -> None:
    setup()
    from django.apps import apps
    from django.test.utils import setup_test_environment

    from bench.pages import find_pages
    from bench.queries import count_pages, ensure_admin

    setup_test_environment()  # the test client's host, mail kept in memory
    ensure_admin()
    pages = find_pages()
    counts = count_pages(pages)
    sizes = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in ("portal", "scoring", "pilots", "brands")
        and not model._meta.label.split(".")[1].startswith("Historical")
    }
    with open(output, "w") as file:
        json.dump(
            {"pages": [page.as_dict() for page in pages], "counts": counts, "sizes": sizes},
            file,
            ensure_ascii=False,
            indent=1,
        )


def main(argv: list[str]) -> None:
    if argv[:1] == ["generate"]:
        generate(tiny="--tiny" in argv)
    elif argv[:1] == ["queries"] and len(argv) == 2:
        queries(argv[1])
    elif not argv:
        from bench.run import main as run

        run()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
