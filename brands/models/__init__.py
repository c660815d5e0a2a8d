"""The brands app's models, by subject: the register (``register``), award programmes
(``programs``) and award applications (``applications``)."""

from brands.models.applications import (
    APPLICATION_FORM_FIELDS,
    ApplicationMaterial,
    ApplicationTransition,
    ApplicationVersion,
    ApplicationVisit,
    AwardApplication,
    CheckOutcome,
    CompletenessCheck,
    CompletenessItem,
    Objection,
    VisitPhoto,
)
from brands.models.programs import AwardProgram, RequiredMaterial
from brands.models.register import (
    OUTPUT_FIELD_OPTIONS,
    Brand,
    BrandOutput,
    BrandReminder,
    BrandTitle,
    CountyIndustrialOutput,
)

__all__ = [
    "APPLICATION_FORM_FIELDS",
    "OUTPUT_FIELD_OPTIONS",
    "ApplicationMaterial",
    "ApplicationTransition",
    "ApplicationVersion",
    "ApplicationVisit",
    "AwardApplication",
    "AwardProgram",
    "Brand",
    "BrandOutput",
    "BrandReminder",
    "BrandTitle",
    "CheckOutcome",
    "CompletenessCheck",
    "CompletenessItem",
    "CountyIndustrialOutput",
    "Objection",
    "RequiredMaterial",
    "VisitPhoto",
]
