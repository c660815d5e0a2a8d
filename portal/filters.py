import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.enums import OrganizationKind, RegistrationStatus
from portal.forms import RegionChoiceField
from portal.models import Organization, Region, Registration, User
from portal.validators import validate_plausible_year


def query_parameter(request, name: str, field: forms.Field):
    """A query parameter that a view reads by hand, cleaned by a form field.

    Missing or invalid values (NUL characters, non-digits for an id, an unknown id) give None,
    so that nothing unchecked reaches the database. Lists filter through filter sets instead.
    """
    field.required = False
    try:
        return field.clean(request.GET.get(name, ""))
    except forms.ValidationError:
        return None


class RegionFilter(django_filters.ModelChoiceFilter):
    field_class = RegionChoiceField


class YearFilter(django_filters.NumberFilter):
    """A whole year within the dates the portal accepts (see ``validate_plausible_year``)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_plausible_year])
        super().__init__(*args, **kwargs)


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


class ReviewerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.SearchInput(attrs={"placeholder": _("Name, specialty or employer")}),
    )

    class Meta:
        model = User
        fields = ["q"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(full_name__icontains=value)
            | Q(username__icontains=value)
            | Q(reviewer_profile__specialty__icontains=value)
            | Q(reviewer_profile__employer__name__icontains=value)
        )


class StaffAccountFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.SearchInput(attrs={"placeholder": _("Name, username, e-mail or phone")}),
    )

    class Meta:
        model = User
        fields = ["q"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(full_name__icontains=value)
            | Q(username__icontains=value)
            | Q(email__icontains=value)
            | Q(phone__icontains=value)
        )
