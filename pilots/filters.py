import django_filters
from django import forms
from django.db.models import F, Max, Min, Q
from django.utils.translation import gettext_lazy as _

from pilots.enums import (
    ActivityKind,
    PilotCategory,
    PilotLevel,
    PilotStatus,
    StandardKind,
    StandardStatus,
)
from pilots.models import Activity, PilotProject, Standard
from pilots.selectors import level_rank
from portal.collation import Pinyin
from portal.filters import AlwaysBoundFilterSet, RegionFilter, SortFilter, YearFilter, in_region
from portal.models import Region


def approval_years():
    """Every year from the latest approval back to the first, newest first: two index reads
    (the earliest and the latest date), whatever the number of pilots."""
    span = PilotProject.objects.aggregate(first=Min("approval_date"), last=Max("approval_date"))
    if span["first"] is None:
        return []
    return [(year, str(year)) for year in range(span["last"].year, span["first"].year - 1, -1)]


class PilotFilter(AlwaysBoundFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Name or organization")}),
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=PilotCategory.choices, empty_label=_("All")
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=PilotLevel.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PilotStatus.choices, empty_label=_("All")
    )
    region = RegionFilter(
        label=_("Region"), queryset=Region.objects.all(), method=in_region, empty_label=_("All")
    )
    year = django_filters.ChoiceFilter(
        label=_("Approved in"),
        choices=approval_years,
        field_name="approval_date__year",
        empty_label=_("All"),
    )
    sort = SortFilter(
        label=_("Sort by"),
        orders=[
            (
                "newest",
                _("Approved most recently first"),
                [F("approval_date").desc(nulls_last=True), Pinyin("name"), "pk"],
            ),
            (
                "oldest",
                _("Approved longest ago first"),
                [F("approval_date").asc(nulls_last=True), Pinyin("name"), "pk"],
            ),
            ("name", _("Name (in pinyin order)"), [Pinyin("name"), "pk"]),
            (
                "level",
                _("Level, national first"),
                [level_rank().desc(), Pinyin("name"), "pk"],
            ),
            ("level_low", _("Level, county first"), [level_rank().asc(), Pinyin("name"), "pk"]),
        ],
    )

    class Meta:
        model = PilotProject
        fields = ["q", "category", "level", "status", "region", "year"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__icontains=value) | Q(lead_organization__name__icontains=value)
        )


class PublicPilotFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=PilotCategory.choices, empty_label=_("All")
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=PilotLevel.choices, empty_label=_("All")
    )

    class Meta:
        model = PilotProject
        fields = ["category", "level"]


class StandardFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Designation or title")}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=StandardKind.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=StandardStatus.choices, empty_label=_("All")
    )

    class Meta:
        model = Standard
        fields = ["q", "kind", "status"]

    def search(self, queryset, name, value):
        value = value.strip()
        compact = value.replace(" ", "")
        return queryset.filter(
            Q(designation__icontains=value)
            | Q(designation__icontains=compact)
            | Q(title__icontains=value)
        )


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Title, place or pilot")}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ActivityKind.choices, empty_label=_("All")
    )
    year = YearFilter(label=_("Year"), field_name="date__year")

    class Meta:
        model = Activity
        fields = ["q", "kind", "year"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(title__icontains=value) | Q(place__icontains=value) | Q(pilot__name__icontains=value)
        )
