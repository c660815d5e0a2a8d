"""Querysets that decide which brands a user sees, and the figures of the register.

The validity rules are those of ``brands.validity``, written here as queries.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from brands.enums import FIGURE_KEYS, ApplicationStatus, BrandStatus, ProgramWindow
from brands.models import (
    ApplicationMaterial,
    ApplicationTransition,
    ApplicationVisit,
    AwardApplication,
    AwardProgram,
    Brand,
    BrandOutput,
    BrandTitle,
    CompletenessCheck,
    CompletenessItem,
    CountyIndustrialOutput,
    RequiredMaterial,
)
from brands.validity import expiry_window_end, reference_date
from portal.enums import Role
from portal.models import Organization, User
from portal.queries import SubqueryCount
from portal.rules import is_bureau_staff, is_enterprise_member, is_reviewer

SHARE_PLACES = Decimal("0.0001")


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def valid_on(day: datetime.date, prefix: str = "") -> Q:
    """Brands valid (or expiring soon) on ``day`` (``brands.validity.is_valid_on``)."""
    return Q(**{f"{prefix}valid_from__lte": day, f"{prefix}valid_until__gte": day})


def valid_in_year(year: int, today: datetime.date | None = None, prefix: str = "") -> Q:
    """Brands valid in ``year``: on its 31 December, or today for the current year
    (``brands.validity.reference_date``)."""
    return valid_on(reference_date(year, _today(today)), prefix)


def with_status(status: str, today: datetime.date | None = None) -> Q:
    """Brands whose status on ``today`` is ``status`` (``brands.validity.brand_status``)."""
    today = _today(today)
    window_end = expiry_window_end(today)
    return {
        BrandStatus.NOT_YET_VALID: Q(valid_from__gt=today),
        BrandStatus.EXPIRED: Q(valid_until__lt=today),
        BrandStatus.EXPIRING: valid_on(today) & Q(valid_until__lte=window_end),
        BrandStatus.VALID: valid_on(today) & Q(valid_until__gt=window_end),
    }[status]


def brands_for_user(user: User) -> QuerySet[Brand]:
    """Staff see every brand; an enterprise member their own organization's."""
    brands = Brand.objects.select_related("holder", "title")
    if is_bureau_staff(user):
        return brands
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    if membership is None or not is_enterprise_member(user):
        return brands.none()
    return brands.filter(holder_id=membership.organization_id)


def brands_of_organization(user: User, organization: Organization) -> QuerySet[Brand]:
    """The organization's brands that the user may open, latest validity first."""
    return (
        brands_for_user(user).filter(holder=organization).order_by("-valid_until", "product", "pk")
    )


def brands_for_public(today: datetime.date | None = None) -> QuerySet[Brand]:
    """Titles within their validity period today (valid or expiring soon)."""
    return Brand.objects.select_related("holder", "title").filter(valid_on(_today(today)))


def expiring_brands(today: datetime.date | None = None) -> QuerySet[Brand]:
    """Titles that are valid and end within ``EXPIRY_WARNING_DAYS`` days, soonest first."""
    return (
        Brand.objects.select_related("holder", "title")
        .filter(with_status(BrandStatus.EXPIRING, today))
        .order_by("valid_until", "product", "pk")
    )


def brand_outputs(brand: Brand) -> QuerySet[BrandOutput]:
    return brand.outputs.order_by("-year")


def titles_with_counts() -> QuerySet[BrandTitle]:
    return BrandTitle.objects.annotate(
        brand_count=SubqueryCount(Brand.objects.filter(title=OuterRef("pk")).values("pk"))
    ).order_by("pk")


# --- the brands' share of the county's industrial output -------------------------------------


class OutputShare(NamedTuple):
    """What the titles valid in a year produced, against the county's industrial output."""

    brand_output: Decimal
    county_output: Decimal | None
    share: Decimal | None

    @property
    def percent(self) -> Decimal | None:
        """The share in per cent, to two places (0.5012 is 50.12)."""
        return None if self.share is None else self.share * 100


def _share(brand_output: Decimal, county_output: Decimal | None) -> Decimal | None:
    """``brand_output / county_output`` rounded half-up to four places (0.5012 is 50.12%);
    None without a county figure or when it is zero."""
    if not county_output:
        return None
    return (brand_output / county_output).quantize(SHARE_PLACES, rounding=ROUND_HALF_UP)


def brand_output_share(year: int, *, today: datetime.date | None = None) -> OutputShare:
    """(valid brands' output in ``year``, the county's industrial output, the share).

    A brand counts when its title is valid in the year: valid on 31 December of the year, or,
    for the current year, valid today (``brands.validity.reference_date``). Its output is its
    ``BrandOutput`` of that year (none recorded counts as nothing). The share is rounded
    half-up to four decimal places; it is None when the county's output of the year is not
    recorded (then so is the county output) or is zero.
    """
    return output_shares([year], today=today)[year]


def output_shares(years, *, today: datetime.date | None = None) -> dict[int, OutputShare]:
    """``brand_output_share`` of each of ``years``, in two queries whatever their number."""
    years = sorted(set(years))
    if not years:
        return {}
    today = _today(today)
    counted = Q(pk__in=[])
    for year in years:
        counted |= Q(year=year) & valid_in_year(year, today, prefix="brand__")
    brand_totals = dict(
        BrandOutput.objects.filter(counted)
        .values("year")
        .annotate(total=Sum("output"))
        .values_list("year", "total")
    )
    county = dict(
        CountyIndustrialOutput.objects.filter(year__in=years).values_list("year", "output")
    )
    shares = {}
    for year in years:
        brand_output = brand_totals.get(year) or Decimal("0.00")
        county_output = county.get(year)
        shares[year] = OutputShare(brand_output, county_output, _share(brand_output, county_output))
    return shares


def latest_county_output_year() -> int | None:
    """The latest year whose county output is recorded."""
    return CountyIndustrialOutput.objects.order_by("-year").values_list("year", flat=True).first()


def county_outputs() -> QuerySet[CountyIndustrialOutput]:
    return CountyIndustrialOutput.objects.order_by("-year")


def brands_valid_in_year_count(year: int, *, today: datetime.date | None = None) -> int:
    return Brand.objects.filter(valid_in_year(year, today)).count()


def public_brand_count(today: datetime.date | None = None) -> int:
    return brands_for_public(today).count()


def reminder_recipients(brand: Brand) -> QuerySet[User]:
    """Active bureau staff, and the active members of the organization that holds the title."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(groups__name=Role.BUREAU_STAFF)
            | Q(membership__organization_id=brand.holder_id, groups__name=Role.ENTERPRISE_MEMBER)
        )
        .distinct()
        .order_by("pk")
    )


# --- award programmes ---------------------------------------------------------------------


def in_window(window: str, today: datetime.date | None = None) -> Q:
    """Programmes whose window on ``today`` is ``window`` (``brands.windows.program_window``)."""
    today = _today(today)
    return {
        ProgramWindow.UPCOMING: Q(opens_on__gt=today),
        ProgramWindow.OPEN: Q(opens_on__lte=today, closes_on__gte=today),
        ProgramWindow.CLOSED: Q(closes_on__lt=today),
    }[window]


def programs_for_staff() -> QuerySet[AwardProgram]:
    """Every programme, with its template and how many materials it asks for."""
    return AwardProgram.objects.select_related("scoring_template").annotate(
        material_count=SubqueryCount(
            RequiredMaterial.objects.filter(program=OuterRef("pk")).values("pk")
        )
    )


def program_materials(program: AwardProgram) -> QuerySet[RequiredMaterial]:
    return program.materials.order_by("position", "pk")


def open_programs(today: datetime.date | None = None) -> QuerySet[AwardProgram]:
    """Programmes taking applications today, closing soonest first, with their materials."""
    return (
        AwardProgram.objects.filter(in_window(ProgramWindow.OPEN, today))
        .prefetch_related(
            Prefetch("materials", queryset=RequiredMaterial.objects.order_by("position", "pk"))
        )
        .order_by("closes_on", "name", "pk")
    )


# --- award applications ----------------------------------------------------------------------


def applications_for_user(user: User) -> QuerySet[AwardApplication]:
    """Staff see every application; an enterprise member their own organization's; a reviewer
    those whose panel they sit on; newest first (the lists' indexes follow this order)."""
    applications = AwardApplication.objects.select_related("program", "organization").order_by(
        "-pk"
    )
    if is_bureau_staff(user):
        return applications
    if is_reviewer(user):
        return applications.filter(
            panel__members__reviewer=user, panel__members__removed=None
        ).distinct()
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    if membership is None or not is_enterprise_member(user):
        return applications.none()
    return applications.filter(organization_id=membership.organization_id)


def application_timeline(application: AwardApplication) -> QuerySet[ApplicationTransition]:
    return application.transitions.select_related("actor").order_by("-occurred_on", "-recorded")


def current_materials(application: AwardApplication, files=None) -> list:
    """The programme's required materials, each with its current file (or None), then the
    other materials the enterprise added: [(required or None, file or None)]. ``files`` (all
    of the application's, from ``application_files``) spares reading them again."""
    if files is None:
        files = application.materials.filter(replaced=None).select_related("required")
    files = [file for file in files if file.replaced is None]
    by_required = {file.required_id: file for file in files if file.required_id}
    rows = [
        (required, by_required.get(required.pk))
        for required in application.program.materials.order_by("position", "pk")
    ]
    rows += [(None, file) for file in files if file.required_id is None]
    return rows


def application_files(application: AwardApplication) -> list[ApplicationMaterial]:
    """Every file of the application, current and replaced, in the order of the materials."""
    return list(
        application.materials.select_related("required").order_by(
            "required__position", "required", "-replaced", "pk"
        )
    )


def application_checks(application: AwardApplication) -> list[CompletenessCheck]:
    """The completeness checks, newest first, each with its ``checked_items``: one query."""
    items = (
        CompletenessItem.objects.filter(check_record__application=application)
        .select_related("check_record__version", "required")
        .order_by("-check_record__recorded", "required__position", "required")
    )
    checks: dict[int, CompletenessCheck] = {}
    for item in items:
        check = checks.setdefault(item.check_record_id, item.check_record)
        check.__dict__.setdefault("checked_items", []).append(item)
    return list(checks.values())


def application_visits(application: AwardApplication) -> QuerySet[ApplicationVisit]:
    return application.visits.prefetch_related("photos").order_by("-visited_on", "-pk")


def notices_running(today: datetime.date | None = None) -> QuerySet[AwardApplication]:
    """Awards in their public notice period today, ending soonest first."""
    today = _today(today)
    return (
        AwardApplication.objects.filter(
            status=ApplicationStatus.NOTICE, notice_starts__lte=today, notice_ends__gte=today
        )
        .select_related("program", "organization")
        .order_by("notice_ends", "pk")
    )


def application_years(request=None):
    """The years in which applications were started, latest first."""
    years = AwardApplication.objects.dates("created", "year", order="DESC")
    return [(day.year, day.year) for day in years]


def figure_rows(figures: dict, years) -> list[tuple[int, list[str]]]:
    """The figures of an application (``AwardApplication.figures``) as table rows:
    [(year, [revenue, profit, taxes])], "" where nothing was entered."""
    figures = figures or {}
    return [
        (int(year), [str((figures.get(str(year)) or {}).get(key, "")) for key in FIGURE_KEYS])
        for year in years
    ]
