import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.enums import OrganizationKind, RegistrationStatus
from portal.forms import RegionChoiceField
from portal.models import Organization, Region, Registration


class RegionFilter(django_filters.ModelChoiceFilter):
    field_class = RegionChoiceField


def in_region(queryset, name, value):
    """Records in a division or anywhere under it (a city's counties, a province's cities)."""
    return queryset.filter(
        Q(region=value) | Q(region__parent=value) | Q(region__parent__parent=value)
    )


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Name or credit code")}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OrganizationKind.choices, empty_label=_("All")
    )
    region = RegionFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        method=in_region,
        empty_label=_("All"),
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "region"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__icontains=value) | Q(name_en__icontains=value) | Q(uscc__icontains=value)
        )


class RegistrationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RegistrationStatus.choices, empty_label=_("All")
    )

    class Meta:
        model = Registration
        fields = ["status"]
