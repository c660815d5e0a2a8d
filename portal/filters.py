import django_filters
from django import forms
from django.db.models import F, OrderBy, Q
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


class AlwaysBoundFilterSet(django_filters.FilterSet):
    """A filter set that filters (and sorts, see ``SortFilter``) even before the user chose
    anything: a page opened without parameters is sorted by the default order."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data if data is not None else {}, *args, **kwargs)


class SortFilter(django_filters.ChoiceFilter):
    """The order of a list, chosen by name: ``orders`` is ``[(value, label, [order, ...])]``,
    the first being the default (offered as the empty choice, so it is listed once). Orders are
    field names or expressions (``Pinyin("name")``, ``F("date").desc()``); expressions are
    annotated first, so that they also order a DISTINCT query."""

    def __init__(self, *args, orders, **kwargs):
        self.orders = {value: order for value, _label, order in orders}
        self.default = orders[0][0]
        kwargs.setdefault("empty_label", orders[0][1])
        kwargs["choices"] = [(value, label) for value, label, _order in orders[1:]]
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        order = self.orders.get(value or self.default, self.orders[self.default])
        annotations, order_by = {}, []
        for index, item in enumerate(order):
            expression = item.expression if isinstance(item, OrderBy) else item
            if isinstance(expression, str | F):
                order_by.append(item)
                continue
            name = f"sort_{index}"
            annotations[name] = expression
            order_by.append(
                OrderBy(F(name), descending=item.descending, nulls_last=item.nulls_last)
                if isinstance(item, OrderBy)
                else F(name).asc()
            )
        return queryset.annotate(**annotations).order_by(*order_by)


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
