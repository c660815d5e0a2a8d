"""Querysets that decide which pilots, standards and activities a user sees."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractYear

from pilots.enums import (
    PUBLIC_STATUSES,
    ActivityKind,
    PilotLevel,
    PilotStatus,
    ReviewStatus,
    SystemPart,
    system_parts,
)
from pilots.models import (
    AcceptanceItemScore,
    AcceptanceReview,
    AcceptanceScoreSheet,
    Activity,
    PanelMember,
    Photo,
    PilotDocument,
    PilotProject,
    PilotStandard,
    PilotTransition,
    ReviewEvent,
    Standard,
)
from portal.enums import SheetStatus
from portal.models import User
from portal.rules import is_bureau_staff
from portal.scoring import round_score
from portal.selectors import CriterionRow, template_tree


def _own_organization_id(user: User) -> int | None:
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership.organization_id if membership is not None else None


def pilots_for_user(user: User) -> QuerySet[PilotProject]:
    """Staff see every pilot; an enterprise member those their organization leads or joins."""
    pilots = PilotProject.objects.select_related("lead_organization", "region")
    if is_bureau_staff(user):
        return pilots
    organization_id = _own_organization_id(user)
    if organization_id is None:
        return pilots.none()
    return pilots.filter(
        Q(lead_organization_id=organization_id) | Q(participants__id=organization_id)
    ).distinct()


def pilots_for_public() -> QuerySet[PilotProject]:
    return PilotProject.objects.select_related("lead_organization", "region").filter(
        status__in=PUBLIC_STATUSES
    )


def public_pilot_stats() -> dict:
    """Counts for the public home page: passed, being built, and national-level pilots."""
    return pilots_for_public().aggregate(
        passed=Count("pk", filter=Q(status=PilotStatus.PASSED)),
        building=Count("pk", filter=~Q(status=PilotStatus.PASSED)),
        national=Count("pk", filter=Q(level=PilotLevel.NATIONAL)),
    )


def recently_passed_pilots(limit: int = 5) -> list[PilotProject]:
    """The public pilots that passed most recently (by the date of that move)."""
    latest_pass = (
        PilotTransition.objects.filter(pilot=OuterRef("pk"), to_status=PilotStatus.PASSED)
        .order_by("-occurred_on")
        .values("occurred_on")[:1]
    )
    return list(
        pilots_for_public()
        .filter(status=PilotStatus.PASSED)
        .annotate(passed_on=Subquery(latest_pass))
        .order_by("-passed_on", "name")[:limit]
    )


def pilots_of_organization(organization) -> QuerySet[PilotProject]:
    return (
        PilotProject.objects.select_related("region")
        .filter(Q(lead_organization=organization) | Q(participants=organization))
        .distinct()
        .order_by("-approval_date", "name")
    )


def pilot_timeline(pilot: PilotProject) -> QuerySet[PilotTransition]:
    return pilot.transitions.select_related("actor")


@dataclass
class SystemGroup:
    part: SystemPart
    entries: list[PilotStandard] = field(default_factory=list)


def pilot_standard_system(pilot: PilotProject) -> tuple[list[SystemGroup], list[SystemPart]]:
    """The pilot's standards grouped by part, and the expected parts that have none."""
    entries = pilot.system_entries.select_related("standard").order_by("standard__designation")
    expected = system_parts(pilot.category)
    groups = {part: SystemGroup(part) for part in expected}
    for entry in entries:
        groups.setdefault(SystemPart(entry.part), SystemGroup(SystemPart(entry.part)))
        groups[SystemPart(entry.part)].entries.append(entry)
    missing = [part for part in expected if not groups[part].entries]
    return list(groups.values()), missing


def activity_totals(pilot: PilotProject) -> dict:
    """Trainings, participant-times and materials of a pilot's activities, per year and in all."""
    per_year = list(
        pilot.activities.annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(
            activities=Count("pk"),
            trainings=Count("pk", filter=Q(kind=ActivityKind.TRAINING)),
            participants=Sum("participants_count"),
            materials=Sum("materials_count"),
        )
        .order_by("year")
    )
    total = {
        key: sum(row[key] or 0 for row in per_year)
        for key in ("activities", "trainings", "participants", "materials")
    }
    return {"per_year": per_year, "total": total}


def activities_for_user(user: User) -> QuerySet[Activity]:
    activities = (
        Activity.objects.select_related("pilot", "organizer")
        .annotate(photo_count=Count("photos"))
        .order_by("-date", "-pk")
    )
    if is_bureau_staff(user):
        return activities
    organization_id = _own_organization_id(user)
    if organization_id is None:
        return activities.none()
    return activities.filter(
        Q(pilot__lead_organization_id=organization_id) | Q(pilot__participants__id=organization_id)
    ).distinct()


def pilot_activities(pilot: PilotProject) -> QuerySet[Activity]:
    return (
        pilot.activities.select_related("organizer")
        .annotate(photo_count=Count("photos"))
        .order_by("-date", "-pk")
    )


def pilot_photos(pilot: PilotProject) -> QuerySet[Photo]:
    return Photo.objects.filter(activity__pilot=pilot).select_related("activity")


def pilot_documents(pilot: PilotProject) -> QuerySet[PilotDocument]:
    return pilot.documents.select_related("uploaded_by")


def standards_for_list() -> QuerySet[Standard]:
    return Standard.objects.annotate(pilot_count=Count("uses", distinct=True)).order_by(
        "designation"
    )


def pilots_using_standard(standard: Standard) -> QuerySet[PilotStandard]:
    return standard.uses.select_related("pilot", "pilot__lead_organization")


def date_of_status(pilot: PilotProject, status: str):
    """When the pilot last entered ``status`` (e.g. the date it passed), or None."""
    return (
        pilot.transitions.filter(to_status=status)
        .order_by("-occurred_on", "-recorded")
        .values_list("occurred_on", flat=True)
        .first()
    )


# --- acceptance reviews ---------------------------------------------------------------------


def reviews_for_user(user: User) -> QuerySet[AcceptanceReview]:
    """Staff see every review; a reviewer the reviews whose panel they sit on."""
    reviews = AcceptanceReview.objects.select_related(
        "pilot", "pilot__lead_organization", "organizer", "template"
    ).order_by("-scheduled_for", "-pk")
    if is_bureau_staff(user):
        return reviews
    if not user.is_authenticated:
        return reviews.none()
    return reviews.filter(panel__reviewer=user, panel__removed=None)


def open_reviews_for_reviewer(user: User) -> QuerySet[AcceptanceReview]:
    """Reviews not yet concluded whose panel the reviewer sits on."""
    return AcceptanceReview.objects.filter(panel__reviewer=user, panel__removed=None).exclude(
        status=ReviewStatus.CONCLUDED
    )


def pilot_reviews(pilot: PilotProject) -> QuerySet[AcceptanceReview]:
    return pilot.reviews.select_related("organizer", "template").order_by("-scheduled_for")


def review_panel(review: AcceptanceReview) -> list[PanelMember]:
    return list(
        review.panel.select_related("reviewer", "reviewer__reviewer_profile__employer", "sheet")
    )


def member_of(review: AcceptanceReview, user: User) -> PanelMember | None:
    return review.panel.filter(reviewer=user, removed=None).select_related("sheet").first()


def review_events(review: AcceptanceReview) -> QuerySet[ReviewEvent]:
    """The review's record in the order it was written (newest first)."""
    return review.events.select_related("actor").order_by("-recorded", "-pk")


@dataclass
class MatrixRow:
    row: CriterionRow
    cells: list  # points per reviewer column (None where not scored)
    mean: Decimal | None  # over the submitted sheets that scored it


@dataclass
class PanelMatrix:
    members: list[PanelMember]
    rows: list[MatrixRow]
    totals: list  # each column's sheet total (None until submitted)
    outliers: set[int]  # member pks whose totals are flagged
    result: object  # portal.scoring.PanelResult


def panel_matrix(review: AcceptanceReview, result) -> PanelMatrix:
    """Criteria × active reviewers: each cell the points given, each row the mean of the
    submitted sheets, and the flags of ``result`` (``services.panel_result``)."""
    members = [
        member for member in review_panel(review) if member.is_active and hasattr(member, "sheet")
    ]
    sheets = [member.sheet for member in members]
    scores: dict[tuple[int, int], Decimal | None] = {
        (item.sheet_id, item.criterion_id): item.points
        for item in AcceptanceItemScore.objects.filter(sheet__in=sheets)
    }
    submitted = [sheet for sheet in sheets if sheet.status == SheetStatus.SUBMITTED]
    rows = []
    for tree_row in template_tree(review.template):
        criterion = tree_row.criterion
        cells = [scores.get((sheet.pk, criterion.pk)) for sheet in sheets]
        if tree_row.is_leaf:
            counted = [scores.get((sheet.pk, criterion.pk)) for sheet in submitted]
            counted = [value for value in counted if value is not None]
            mean = round_score(sum(counted, Decimal(0)) / len(counted)) if counted else None
        else:
            cells, mean = [None] * len(sheets), None
        rows.append(MatrixRow(tree_row, cells, mean))
    # services.panel_result orders the submitted totals by panel member, as here.
    submitted_members = sorted(
        (member for member in members if member.sheet.status == SheetStatus.SUBMITTED),
        key=lambda member: member.pk,
    )
    outliers = {
        submitted_members[index].pk for index in result.outliers if index < len(submitted_members)
    }
    return PanelMatrix(
        members=members,
        rows=rows,
        totals=[sheet.total for sheet in sheets],
        outliers=outliers,
        result=result,
    )


def sheet_rows(sheet: AcceptanceScoreSheet) -> list[tuple[CriterionRow, object]]:
    """The template's tree with this sheet's item score (or None) beside each leaf."""
    items = {item.criterion_id: item for item in sheet.items.all()}
    return [
        (row, items.get(row.criterion.pk))
        for row in template_tree(sheet.panel_member.review.template)
    ]
