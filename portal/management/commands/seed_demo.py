from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

# Mail that the services send while the demo is built goes nowhere.
QUIET_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


@contextmanager
def mail_held_back():
    """The demo records are made through the services, which tell people by e-mail once the
    transaction commits: while seeding, those messages are dropped instead of being printed by
    the console backend (or sent to the demo addresses)."""
    backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = QUIET_EMAIL_BACKEND
    try:
        yield
    finally:
        settings.EMAIL_BACKEND = backend


class Command(BaseCommand):
    help = (
        "Load the demo data of the source report (organizations, demo users, and each app's "
        "records). Idempotent: records that exist already are left as they are. No e-mail is "
        "sent while seeding; the demo logins are listed at the end."
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run when DJANGO_ENV=production.")
        from portal import demo

        with mail_held_back(), transaction.atomic():
            # Each app may have a demo.py whose seed() adds its records; portal's comes first.
            demo.seed(self.stdout)
            autodiscover_modules("demo")
            # In the order of INSTALLED_APPS, whatever order the modules were imported in: an
            # app's demo builds on those before it (brands' panels on pilots' reviewers).
            order = {config.name: index for index, config in enumerate(apps.get_app_configs())}
            for seeder in sorted(
                demo.SEEDERS, key=lambda s: order.get(s.__module__.split(".")[0], len(order))
            ):
                seeder(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        rows = [("username", "role", "organization"), *demo.DEMO_LOGINS]
        width = [max(len(row[column]) for row in rows) for column in (0, 1)]
        for username, role, organization in rows:
            self.stdout.write(f"  {username:<{width[0]}}  {role:<{width[1]}}  {organization}")
