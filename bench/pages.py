"""The pages the benchmark measures, found in whatever database Django is connected to (the
province-scale data set, the demo data, the smoke test's few rows).

Each page names the role that opens it, whether it is a list or a detail (the query targets
differ), its path, and for the staff's lists the Django admin changelist of the same model it is
compared with: the same page of rows, search, filter or order where the admin has one, its first
page otherwise. Staff lists are measured first page, deep page (at 80% of the pages), with a
search, each filter and each order; details typical (the middle record by id) and heavy (the
record with the most of what the page lists).
"""

import math
from dataclasses import asdict, dataclass
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import Count, Q
from django.utils import timezone

from brands.enums import ApplicationStatus
from brands.models import AwardApplication, AwardProgram, Brand, BrandTitle
from pilots.enums import PUBLIC_STATUSES, PilotCategory, PilotLevel, PilotStatus
from pilots.models import AcceptanceReview, Activity, PilotProject, Standard
from portal.enums import RegistrationStatus, Role
from portal.models import Organization, Region, Registration, User
from scoring.enums import PanelStatus, SheetStatus
from scoring.models import Panel, ScoreSheet, ScoringTemplate

ROLES = ("public", "staff", "enterprise", "reviewer")
USERNAMES = {"staff": "staff", "enterprise": "enterprise", "reviewer": "reviewer"}
ADMIN_PAGE_SIZE = 100  # ModelAdmin.list_per_page


@dataclass(frozen=True)
class Page:
    name: str
    role: str  # one of ROLES
    kind: str  # list, detail or other (home pages, the export)
    path: str
    admin: str | None = None  # the admin changelist compared with (staff lists)

    def as_dict(self) -> dict:
        return asdict(self)


def middle(queryset):
    """The middle record by id: a typical one."""
    queryset = queryset.order_by("pk")
    count = queryset.count()
    return queryset[count // 2] if count else None


def deep_page(count: int) -> int:
    """The page at 80% of a list of ``count`` rows."""
    return max(1, int(math.ceil(count / settings.PAGE_SIZE) * 0.8))


def admin_page(page: int) -> int:
    """The admin's page holding the rows of the portal's ``page``."""
    return (page - 1) * settings.PAGE_SIZE // ADMIN_PAGE_SIZE + 1


class Pages:
    def __init__(self):
        self.pages: list[Page] = []

    def add(self, name, role, kind, path, admin=None) -> None:
        if path is not None:
            self.pages.append(Page(name, role, kind, path, admin))

    def detail(self, name, role, url_of, typical, heavy) -> None:
        """A detail page, for a typical record and a heavy one (in a small database, they may
        be the same)."""
        if typical is not None:
            self.add(name, role, "detail", url_of(typical))
        if heavy is not None:
            self.add(f"{name}, heavy", role, "detail", url_of(heavy))

    def staff_list(self, name, path, admin, *, count, search=None, filters=(), orders=()):
        """A staff list: first page, deep page, search, each filter and each order, each with
        its admin counterpart (``filters`` and ``orders``: [(label, query, admin query or
        None)])."""

        def admin_of(query):
            if not query:
                return admin
            return f"{admin}{'&' if '?' in admin else '?'}{query}"

        self.add(f"{name}", "staff", "list", path, admin)
        page = deep_page(count)
        if page > 1:
            self.add(
                f"{name}, deep page",
                "staff",
                "list",
                f"{path}?page={page}",
                admin and admin_of(f"p={admin_page(page)}"),
            )
        if search:
            self.add(
                f"{name}, search “{search}”",
                "staff",
                "list",
                f"{path}?q={quote(search)}",
                admin and admin_of(f"q={quote(search)}"),
            )
        for label, query, admin_query in filters:
            self.add(
                f"{name}, {label}",
                "staff",
                "list",
                f"{path}?{query}",
                admin and admin_of(admin_query),
            )
        for label, query, admin_query in orders:
            self.add(
                f"{name}, sorted by {label}",
                "staff",
                "list",
                f"{path}?sort={query}",
                admin and admin_of(admin_query and f"o={admin_query}"),
            )


def find_pages() -> list[Page]:
    """Every page measured, with its path in this database."""
    pages = Pages()
    enterprise = User.objects.select_related("membership").get(username=USERNAMES["enterprise"])
    reviewer = User.objects.get(username=USERNAMES["reviewer"])
    xianning = Region.objects.get(code="421200")
    today = timezone.localdate()

    # Home pages and public pages.
    for role in ROLES:
        pages.add(f"home ({role})", role, "other", "/")
    pages.add("login form", "public", "other", "/accounts/login/")
    public_pilots = PilotProject.objects.filter(status__in=PUBLIC_STATUSES)
    pages.add("public pilots", "public", "list", "/public/pilots/")
    page = deep_page(public_pilots.count())
    if page > 1:
        pages.add("public pilots, deep page", "public", "list", f"/public/pilots/?page={page}")
    pages.add("public pilots, national", "public", "list", "/public/pilots/?level=national")
    pages.detail(
        "public pilot",
        "public",
        lambda pilot: f"/public/pilots/{pilot.pk}/",
        middle(public_pilots),
        public_pilots.annotate(n=Count("activities")).order_by("-n", "pk").first(),
    )
    held = Brand.objects.filter(valid_from__lte=today, valid_until__gte=today)
    pages.add("public brands", "public", "list", "/public/brands/")
    page = deep_page(held.count())
    if page > 1:
        pages.add("public brands, deep page", "public", "list", f"/public/brands/?page={page}")
    pages.add("public brands, search “油”", "public", "list", f"/public/brands/?q={quote('油')}")
    notices = AwardApplication.objects.filter(
        status=ApplicationStatus.NOTICE, notice_starts__lte=today, notice_ends__gte=today
    )
    pages.add("public notices", "public", "list", "/public/notices/")
    notice = middle(notices)
    pages.add("public notice", "public", "detail", notice and f"/public/notices/{notice.pk}/")

    # Organizations.
    organizations = Organization.objects.all()
    pages.staff_list(
        "organizations",
        "/organizations/",
        "/admin/portal/organization/",
        count=organizations.count(),
        search="电子",
        filters=[
            ("cooperatives", "kind=cooperative", "kind__exact=cooperative"),
            (f"in {xianning.name}", f"region={xianning.pk}", None),
        ],
    )
    pages.detail(
        "organization",
        "staff",
        lambda organization: f"/organizations/{organization.pk}/",
        middle(Organization.objects.filter(led_pilots__isnull=False).distinct()),
        organizations.annotate(n=Count("led_pilots")).order_by("-n", "pk").first(),
    )

    # Pilots, standards, activities.
    pilots = PilotProject.objects.all()
    typical_pilot = middle(pilots.filter(system_entries__isnull=False).distinct())
    approved = middle(pilots.exclude(approval_date=None))
    pages.staff_list(
        "pilots",
        "/pilots/",
        "/admin/pilots/pilotproject/",
        count=pilots.count(),
        search="示范区",
        filters=[
            (
                "agricultural zones",
                f"category={PilotCategory.AGRICULTURAL_ZONE}",
                f"category__exact={PilotCategory.AGRICULTURAL_ZONE}",
            ),
            ("national", f"level={PilotLevel.NATIONAL}", f"level__exact={PilotLevel.NATIONAL}"),
            (
                "in progress",
                f"status={PilotStatus.IN_PROGRESS}",
                f"status__exact={PilotStatus.IN_PROGRESS}",
            ),
            (f"in {xianning.name}", f"region={xianning.pk}", None),
        ]
        + (
            [
                (
                    "approved in a year",
                    f"year={approved.approval_date.year}",
                    None,
                )
            ]
            if approved
            else []
        ),
        orders=[
            ("approval, oldest first", "oldest", "5"),
            ("name", "name", "1"),
            ("level, national first", "level", "-3"),
            ("level, county first", "level_low", "3"),
        ],
    )
    heavy_pilot = pilots.annotate(n=Count("activities")).order_by("-n", "pk").first()
    pages.detail("pilot", "staff", lambda pilot: f"/pilots/{pilot.pk}/", typical_pilot, heavy_pilot)
    standards = Standard.objects.all()
    pages.staff_list(
        "standards",
        "/standards/",
        "/admin/pilots/standard/",
        count=standards.count(),
        search="规程",
        filters=[
            ("local", "kind=local", "kind__exact=local"),
            ("current", "status=current", "status__exact=current"),
        ],
    )
    pages.detail(
        "standard",
        "staff",
        lambda standard: f"/standards/{standard.pk}/",
        middle(standards.filter(uses__isnull=False).distinct()),
        standards.annotate(n=Count("uses")).order_by("-n", "pk").first(),
    )
    activities = Activity.objects.all()
    typical_activity = middle(activities)
    pages.staff_list(
        "activities",
        "/activities/",
        "/admin/pilots/activity/",
        count=activities.count(),
        search="培训",
        filters=[("trainings", "kind=training", "kind__exact=training")]
        + ([("in a year", f"year={typical_activity.date.year}", None)] if typical_activity else []),
    )
    pages.detail(
        "activity",
        "staff",
        lambda activity: f"/activities/{activity.pk}/",
        typical_activity,
        activities.annotate(n=Count("photos")).order_by("-n", "pk").first(),
    )

    # Acceptance reviews, templates, sheets, exports.
    reviews = AcceptanceReview.objects.all()
    pages.staff_list(
        "acceptance reviews",
        "/reviews/",
        "/bench-admin/pilots/acceptancereview/",
        count=reviews.count(),
    )
    heavy_review = reviews.annotate(n=Count("panel__members")).order_by("-n", "pk").first()
    pages.detail(
        "acceptance review",
        "staff",
        lambda review: f"/reviews/{review.pk}/",
        middle(reviews.filter(panel__status=PanelStatus.CONCLUDED)),
        heavy_review,
    )
    pages.add("templates", "staff", "list", "/templates/", "/admin/scoring/scoringtemplate/")
    templates = ScoringTemplate.objects.all()
    pages.detail(
        "template",
        "staff",
        lambda template: f"/templates/{template.pk}/",
        templates.order_by("pk").first(),
        templates.annotate(n=Count("criteria")).order_by("-n", "pk").first(),
    )
    submitted = ScoreSheet.objects.filter(status=SheetStatus.SUBMITTED)
    pages.detail(
        "score sheet (read by staff)",
        "staff",
        lambda sheet: f"/sheets/{sheet.pk}/",
        middle(submitted),
        submitted.annotate(n=Count("items")).order_by("-n", "pk").first(),
    )
    concluded = Panel.objects.filter(status=PanelStatus.CONCLUDED)
    pages.detail(
        "panel matrix export (XLSX)",
        "staff",
        lambda panel: f"/panels/{panel.pk}/matrix.xlsx",
        middle(concluded),
        Panel.objects.annotate(n=Count("members__sheet__items")).order_by("-n", "pk").first(),
    )

    # Brands.
    brands = Brand.objects.all()
    famous = BrandTitle.objects.order_by("pk").first()
    holder = middle(Organization.objects.filter(brands__isnull=False).distinct())
    pages.staff_list(
        "brands",
        "/brands/",
        "/admin/brands/brand/",
        count=brands.count(),
        search="油",
        filters=[
            (f"title {famous.name}", f"title={famous.pk}", f"title__id__exact={famous.pk}"),
            ("expiring", "status=expiring", None),
            ("valid last year", f"year={today.year - 1}", None),
        ]
        + ([("one holder", f"holder={holder.pk}", None)] if holder else []),
        orders=[
            ("validity, soonest first", "soonest", "6"),
            ("product", "product", "1"),
            ("holder", "holder", "2"),
        ],
    )
    pages.add("brands expiring", "staff", "list", "/brands/expiring/", "/admin/brands/brand/")
    pages.detail(
        "brand",
        "staff",
        lambda brand: f"/brands/{brand.pk}/",
        middle(brands),
        brands.annotate(n=Count("outputs")).order_by("-n", "pk").first(),
    )
    pages.add("brand titles", "staff", "list", "/brands/titles/", "/admin/brands/brandtitle/")
    pages.add(
        "county output",
        "staff",
        "list",
        "/brands/county-output/",
        "/admin/brands/countyindustrialoutput/",
    )

    # Award programmes and applications.
    programmes = AwardProgram.objects.all()
    pages.staff_list(
        "award programmes",
        "/brands/programs/",
        "/bench-admin/brands/awardprogram/",
        count=programmes.count(),
        search="质量奖",
        filters=[
            ("provincial", "level=provincial", "level__exact=provincial"),
            ("this year's round", f"round={today.year}", None),
            ("open now", "window=open", None),
        ],
        orders=[("closing date", "closing", None), ("name", "name", "1")],
    )
    pages.detail(
        "award programme",
        "staff",
        lambda programme: f"/brands/programs/{programme.pk}/",
        middle(programmes),
        programmes.annotate(n=Count("applications")).order_by("-n", "pk").first(),
    )
    applications = AwardApplication.objects.all()
    programme = programmes.annotate(n=Count("applications")).order_by("-n", "pk").first()
    pages.staff_list(
        "award applications",
        "/applications/",
        "/bench-admin/brands/awardapplication/",
        count=applications.count(),
        search="电子",
        filters=[
            ("submitted", "status=submitted", "status__exact=submitted"),
            ("started this year", f"year={today.year}", None),
        ]
        + (
            [("one programme", f"program={programme.pk}", f"program__id__exact={programme.pk}")]
            if programme
            else []
        ),
        orders=[("oldest first", "oldest", "1"), ("applicant", "applicant", "2")],
    )
    heavy_application = applications.annotate(n=Count("materials")).order_by("-n", "pk").first()
    pages.detail(
        "award application",
        "staff",
        lambda application: f"/applications/{application.pk}/",
        middle(applications.exclude(status=ApplicationStatus.DRAFT)),
        heavy_application,
    )
    version = heavy_application and heavy_application.versions.order_by("-number").first()
    pages.add(
        "submitted version",
        "staff",
        "detail",
        version and f"/applications/{heavy_application.pk}/versions/{version.number}/",
    )

    # The bureau's accounts and queues.
    # The list opens on the registrations waiting for a decision.
    pages.staff_list(
        "registrations",
        "/registrations/",
        "/admin/portal/registration/?status__exact=pending",
        count=Registration.objects.filter(status=RegistrationStatus.PENDING).count(),
        filters=[("approved", "status=approved", "status__exact=approved")],
    )
    pending = middle(Registration.objects.filter(status=RegistrationStatus.PENDING))
    pages.add("registration", "staff", "detail", pending and f"/registrations/{pending.pk}/")
    groups = {group.name: group.pk for group in Group.objects.all()}
    reviewer_group = f"/admin/portal/user/?groups__id__exact={groups[Role.REVIEWER]}"
    pages.add("experts", "staff", "list", "/experts/", reviewer_group)
    pages.add(
        "experts, search “标准化”",
        "staff",
        "list",
        f"/experts/?q={quote('标准化')}",
        reviewer_group,
    )
    pages.add(
        "staff accounts",
        "staff",
        "list",
        "/staff-accounts/",
        f"/admin/portal/user/?groups__id__exact={groups[Role.BUREAU_STAFF]}",
    )
    pages.add("notifications (staff)", "staff", "list", "/notifications/")

    # An enterprise member.
    own = AwardApplication.objects.filter(organization=enterprise.membership.organization_id)
    pages.add(
        "own organization",
        "enterprise",
        "detail",
        f"/organizations/{enterprise.membership.organization_id}/",
    )
    pages.add("own applications", "enterprise", "list", "/applications/")
    application = own.exclude(status=ApplicationStatus.DRAFT).order_by("-pk").first()
    pages.add(
        "own application",
        "enterprise",
        "detail",
        application and f"/applications/{application.pk}/",
    )
    pages.add("pilots (enterprise)", "enterprise", "list", "/pilots/")
    pages.add("programmes open now", "enterprise", "list", "/programs/open/")

    # A reviewer.
    on_panel = Q(panel__members__reviewer=reviewer, panel__members__removed=None)
    pages.add("reviews (reviewer)", "reviewer", "list", "/reviews/")
    pages.add("applications (reviewer)", "reviewer", "list", "/applications/")
    review = reviews.filter(on_panel).order_by("-panel__status", "pk").first()
    pages.add(
        "acceptance review (reviewer)", "reviewer", "detail", review and f"/reviews/{review.pk}/"
    )
    application = (
        applications.filter(on_panel).annotate(n=Count("materials")).order_by("-n", "pk").first()
    )
    pages.add(
        "award application (reviewer)",
        "reviewer",
        "detail",
        application and f"/applications/{application.pk}/",
    )
    sheets = ScoreSheet.objects.filter(panel_member__reviewer=reviewer)
    draft = (
        sheets.filter(status=SheetStatus.DRAFT).annotate(n=Count("items")).order_by("-n").first()
    )
    pages.add("own score sheet, draft", "reviewer", "detail", draft and f"/sheets/{draft.pk}/")
    done = middle(sheets.filter(status=SheetStatus.SUBMITTED))
    pages.add("own score sheet, submitted", "reviewer", "detail", done and f"/sheets/{done.pk}/")
    return pages.pages
