from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal.models import Registration
        from portal.selectors import forget_pending_registration_count

        # The navigation bar's count of registrations awaiting approval is cached; any change
        # to a registration (made here, in the admin or by a command) forgets it.
        for signal in (post_save, post_delete):
            signal.connect(
                forget_pending_registration_count,
                sender=Registration,
                dispatch_uid=f"forget_pending_registration_count_{signal is post_save}",
            )
