from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = _("Pilots and demonstration zones")

    def ready(self):
        from pilots.views.sections import organization_pilots
        from portal.views.organizations import ORGANIZATION_SECTIONS

        ORGANIZATION_SECTIONS.append(organization_pilots)
