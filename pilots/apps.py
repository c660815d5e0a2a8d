from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = _("Pilots and demonstration zones")

    def ready(self):
        from pilots.views.sections import home_figures, organization_pilots
        from portal.sections import HOME_SECTIONS, ORGANIZATION_SECTIONS
        from scoring.subjects import register_subject

        ORGANIZATION_SECTIONS.append(organization_pilots)
        HOME_SECTIONS.append(home_figures)
        register_subject("acceptance_review", related=("pilot",))
