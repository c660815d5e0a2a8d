"""Forms of the register and of award programmes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from brands.models import (
    AwardProgram,
    Brand,
    BrandOutput,
    BrandTitle,
    CountyIndustrialOutput,
    RequiredMaterial,
)
from portal.collation import Pinyin
from portal.models import Organization
from scoring.forms import DATE_WIDGET
from scoring.models import ScoringTemplate


class BrandForm(forms.ModelForm):
    class Meta:
        model = Brand
        fields = [
            "product",
            "holder",
            "title",
            "certificate_number",
            "valid_from",
            "valid_until",
            "is_sample",
        ]
        widgets = {"valid_from": DATE_WIDGET, "valid_until": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = Organization.objects.order_by(Pinyin("name"), "pk")
        self.fields["title"].queryset = BrandTitle.objects.order_by("pk")


class BrandOutputForm(forms.ModelForm):
    """A year's output value of one brand. A new figure must be for a year without one (the
    year's figure is edited instead); an existing figure keeps its year."""

    class Meta:
        model = BrandOutput
        fields = ["year", "output"]

    def __init__(self, *args, brand: Brand, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.brand = brand
        if self.instance.pk:
            del self.fields["year"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if BrandOutput.objects.filter(brand=self.instance.brand, year=year).exists():
            raise forms.ValidationError(
                _("The output of %(year)s is recorded already; edit that figure instead."),
                params={"year": year},
            )
        return year


class CountyOutputForm(forms.ModelForm):
    """The county's output of one year; an existing figure keeps its year."""

    class Meta:
        model = CountyIndustrialOutput
        fields = ["year", "output", "source_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["year"]


class BrandTitleForm(forms.ModelForm):
    class Meta:
        model = BrandTitle
        fields = ["name", "name_en", "awarded_by"]


class AwardProgramForm(forms.ModelForm):
    class Meta:
        model = AwardProgram
        fields = [
            "name",
            "round",
            "level",
            "kind",
            "scoring_template",
            "confers_title",
            "opens_on",
            "closes_on",
            "eligibility",
        ]
        widgets = {
            "opens_on": DATE_WIDGET,
            "closes_on": DATE_WIDGET,
            "eligibility": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scoring_template"].queryset = ScoringTemplate.objects.order_by(
            "name", "-version", "pk"
        )


class RequiredMaterialForm(forms.ModelForm):
    """One material of a programme; a new one without a position goes last."""

    class Meta:
        model = RequiredMaterial
        fields = ["name", "description", "mandatory", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, program: AwardProgram, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.program = program
        self.fields["position"].required = False

    def clean_position(self):
        return self.cleaned_data.get("position") or 0
