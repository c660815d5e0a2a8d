from django import forms
from django.utils.translation import gettext_lazy as _

from brands.models import Brand, BrandOutput, BrandTitle, CountyIndustrialOutput
from portal.collation import Pinyin
from portal.models import Organization
from scoring.forms import DATE_WIDGET


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
