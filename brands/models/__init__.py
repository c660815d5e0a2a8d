"""The brands app's models, by subject: the register (``register``), award programmes
(``programs``), award applications (``applications``) and what is recorded on them
(``records``)."""

from brands.models.applications import (
    APPLICATION_FORM_FIELDS,
    ApplicationMaterial,
    ApplicationTransition,
    ApplicationVersion,
    AwardApplication,
)
from brands.models.programs import AwardProgram, RequiredMaterial
from brands.models.records import (
    ApplicationVisit,
    CompletenessCheck,
    CompletenessItem,
    Objection,
    VisitPhoto,
)
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
    "CompletenessCheck",
    "CompletenessItem",
    "CountyIndustrialOutput",
    "Objection",
    "RequiredMaterial",
    "VisitPhoto",
]
