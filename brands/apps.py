from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrandsConfig(AppConfig):
    name = "brands"
    verbose_name = _("Brands and awards")

    def ready(self):
        from brands.views.sections import home_brands, organization_brands
        from portal.sections import HOME_SECTIONS, ORGANIZATION_SECTIONS
        from scoring.subjects import register_subject

        ORGANIZATION_SECTIONS.append(organization_brands)
        HOME_SECTIONS.append(home_brands)
        register_subject("award_application", related=("organization", "program"))
