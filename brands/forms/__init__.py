"""The brands app's forms, by subject: the register and programmes (``register``), award
applications (``applications``)."""

from brands.forms.register import (
    AwardProgramForm,
    BrandForm,
    BrandOutputForm,
    BrandTitleForm,
    CountyOutputForm,
    RequiredMaterialForm,
)

__all__ = [
    "AwardProgramForm",
    "BrandForm",
    "BrandOutputForm",
    "BrandTitleForm",
    "CountyOutputForm",
    "RequiredMaterialForm",
]
