from django.core.management.base import BaseCommand

from brands.services import send_expiry_reminders


class Command(BaseCommand):
    help = (
        "E-mail bureau staff and the holder's members about named-brand titles that expire "
        "within 90 days. Run it daily (cron); each title is reminded of once per validity "
        "period, so running it again sends nothing new."
    )

    def handle(self, *args, **options):
        reminders = send_expiry_reminders()
        for reminder in reminders:
            self.stdout.write(
                f"  {reminder.brand.certificate_number} {reminder.brand.product}: valid until "
                f"{reminder.valid_until:%Y-%m-%d}, {reminder.recipient_count} recipient(s)"
            )
        self.stdout.write(f"Reminders sent: {len(reminders)}.")
