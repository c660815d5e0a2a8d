from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import autodiscover_modules


class Command(BaseCommand):
    help = (
        "Load the demo data of the source report (organizations, demo users, and each app's "
        "records). Idempotent: records that exist already are left as they are."
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run when DJANGO_ENV=production.")
        from portal import demo

        with transaction.atomic():
            # Each app may have a demo.py whose seed() adds its records; portal's comes first.
            demo.seed(self.stdout)
            autodiscover_modules("demo")
            for seeder in demo.SEEDERS:
                seeder(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        for username, description in demo.DEMO_LOGINS:
            self.stdout.write(f"  {username:<12} {description}")
