import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from brands import selectors
from brands.enums import ApplicationStatus, BrandStatus, ProgramLevel, ProgramWindow
from brands.models import AwardApplication, AwardProgram, Brand, BrandTitle
from portal.collation import Pinyin
from portal.filters import AlwaysBoundFilterSet, SortFilter, YearFilter
from portal.models import Organization


def holders(request):
    """Organizations that hold a title, in pinyin order."""
    return Organization.objects.filter(pk__in=Brand.objects.values("holder_id")).order_by(
        Pinyin("name"), "pk"
    )


class BrandFilter(AlwaysBoundFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Product, holder or certificate number")}),
    )
    title = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("brand", "Title"),
        queryset=BrandTitle.objects.order_by("pk"),
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=BrandStatus.choices, method="with_status", empty_label=_("All")
    )
    holder = django_filters.ModelChoiceFilter(
        label=_("Holder"), queryset=holders, empty_label=_("All")
    )
    year = YearFilter(
        label=_("Valid in"),
        method="valid_in_year",
        help_text=_("Valid on 31 December of that year (today, for the current year)."),
    )
    sort = SortFilter(
        label=_("Sort by"),
        orders=[
            (
                "latest",
                _("Valid until, latest first"),
                [F("valid_until").desc(), Pinyin("product"), "pk"],
            ),
            (
                "soonest",
                _("Valid until, soonest first"),
                [F("valid_until").asc(), Pinyin("product"), "pk"],
            ),
            ("product", _("Product (in pinyin order)"), [Pinyin("product"), "pk"]),
            ("holder", _("Holder (in pinyin order)"), [Pinyin("holder__name"), "product", "pk"]),
        ],
    )

    class Meta:
        model = Brand
        fields = ["q", "title", "status", "holder", "year"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(product__icontains=value)
            | Q(holder__name__icontains=value)
            | Q(holder__name_en__icontains=value)
            | Q(certificate_number__icontains=value)
        )

    def with_status(self, queryset, name, value):
        return queryset.filter(selectors.with_status(value))

    def valid_in_year(self, queryset, name, value):
        return queryset.filter(selectors.valid_in_year(int(value)))


class PublicBrandFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Product or holder")}),
    )
    title = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("brand", "Title"),
        queryset=BrandTitle.objects.order_by("pk"),
        empty_label=_("All"),
    )

    class Meta:
        model = Brand
        fields = ["q", "title"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(product__icontains=value)
            | Q(holder__name__icontains=value)
            | Q(holder__name_en__icontains=value)
        )


def program_rounds(request=None):
    """The rounds that programmes have, latest first."""
    rounds = AwardProgram.objects.order_by("-round").values_list("round", flat=True).distinct()
    return [(value, value) for value in rounds]


class AwardProgramFilter(AlwaysBoundFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Name or eligibility")}),
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=ProgramLevel.choices, empty_label=_("All")
    )
    round = django_filters.ChoiceFilter(
        label=_("Year or round"), choices=program_rounds, empty_label=_("All")
    )
    window = django_filters.ChoiceFilter(
        label=_("Applications"),
        choices=ProgramWindow.choices,
        method="in_window",
        empty_label=_("All"),
    )
    sort = SortFilter(
        label=_("Sort by"),
        orders=[
            ("latest", _("Opening, latest first"), [F("opens_on").desc(), Pinyin("name"), "pk"]),
            ("closing", _("Closing, soonest first"), [F("closes_on").asc(), Pinyin("name"), "pk"]),
            ("name", _("Name (in pinyin order)"), [Pinyin("name"), "-round", "pk"]),
        ],
    )

    class Meta:
        model = AwardProgram
        fields = ["q", "level", "round", "window"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(eligibility__icontains=value))

    def in_window(self, queryset, name, value):
        return queryset.filter(selectors.in_window(value))


def application_programs(request):
    return AwardProgram.objects.order_by("-opens_on", "pk")


class AwardApplicationFilter(AlwaysBoundFilterSet):
    """Staff's list of applications: search by applicant, product or number; by programme,
    state and the year it was started."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Applicant, product or SQ number")}),
    )
    program = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=application_programs, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ApplicationStatus.choices, empty_label=_("All")
    )
    year = YearFilter(label=_("Started in"), method="started_in")
    sort = SortFilter(
        label=_("Sort by"),
        orders=[
            ("newest", _("Newest first"), ["-pk"]),
            ("oldest", _("Oldest first"), ["pk"]),
            ("applicant", _("Applicant (in pinyin order)"), [Pinyin("organization__name"), "-pk"]),
        ],
    )

    class Meta:
        model = AwardApplication
        fields = ["q", "program", "status", "year"]

    def search(self, queryset, name, value):
        value = value.strip()
        query = (
            Q(organization__name__icontains=value)
            | Q(organization__name_en__icontains=value)
            | Q(product__icontains=value)
        )
        number = value.upper().removeprefix("SQ")
        if number.isdigit() and len(number) <= 9:
            query |= Q(pk=int(number))
        return queryset.filter(query)

    def started_in(self, queryset, name, value):
        return queryset.filter(created__year=int(value))
