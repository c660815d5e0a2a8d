"""Querysets that decide which pilots, standards and activities a user sees."""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ExtractYear

from pilots.enums import (
    DECISION_STATUSES,
    LEVEL_RANKS,
    PUBLIC_STATUSES,
    ActivityKind,
    PilotLevel,
    PilotStatus,
    SystemPart,
    system_parts,
)
from pilots.models import (
    AcceptanceReview,
    Activity,
    Photo,
    PilotDocument,
    PilotProject,
    PilotStandard,
    PilotTransition,
    Standard,
)
from pilots.rules import PILOT_PARTS
from portal.models import User
from portal.queries import SubqueryCount
from portal.references import References, parts_of, references_to
from portal.rules import is_bureau_staff, is_enterprise_member
from scoring.enums import Declaration, PanelStatus
from scoring.selectors import open_panels_for_reviewer


def _own_organization_id(user: User) -> int | None:
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership.organization_id if membership is not None else None


def _opened_pilots(user: User) -> Q:
    """The pilots a user who is not staff may open (``pilots.view_pilotproject``): those their
    organization leads or joins, and those they review, on a panel where they declared no
    conflict (``pilots.rules.reviews_pilot``)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    reviewed = AcceptanceReview.objects.filter(
        panel__members__reviewer=user,
        panel__members__removed=None,
        panel__members__declaration=Declaration.NO_CONFLICT,
    ).values("pilot_id")
    opened = Q(pk__in=reviewed)
    organization_id = _own_organization_id(user)
    if organization_id is not None and is_enterprise_member(user):
        opened |= _led_or_joined_by(organization_id)
    return opened


def _led_or_joined_by(organization_id: int) -> Q:
    joined = PilotProject.participants.through.objects.filter(organization_id=organization_id)
    return Q(lead_organization_id=organization_id) | Q(pk__in=joined.values("pilotproject_id"))


def level_rank() -> Case:
    """Levels by rank (county 1 < municipal 2 < provincial 3 < national 4), for ordering; their
    stored codes would sort municipal, national, provincial."""
    return Case(
        *(When(level=level, then=Value(rank)) for level, rank in LEVEL_RANKS.items()),
        default=Value(0),
        output_field=IntegerField(),
    )


def pilots_for_user(user: User) -> QuerySet[PilotProject]:
    """The pilots the user may open: staff every pilot; an enterprise member those their
    organization leads or joins; a reviewer those whose review they declared no conflict on."""
    pilots = PilotProject.objects.select_related("lead_organization", "region")
    if is_bureau_staff(user):
        return pilots
    return pilots.filter(_opened_pilots(user))


def pilots_for_public() -> QuerySet[PilotProject]:
    return PilotProject.objects.select_related("lead_organization", "region").filter(
        status__in=PUBLIC_STATUSES
    )


def pilots_of_own_organization(user: User) -> QuerySet[PilotProject]:
    """The pilots the enterprise member's organization leads or takes part in."""
    organization_id = _own_organization_id(user)
    if organization_id is None or not is_enterprise_member(user):
        return PilotProject.objects.none()
    return (
        PilotProject.objects.select_related("lead_organization", "region")
        .filter(_led_or_joined_by(organization_id))
        .order_by("-approval_date", "name")
    )


def published_pilots_of_others(user: User) -> QuerySet[PilotProject]:
    """The public pilots that the enterprise member's organization neither leads nor joins."""
    return (
        pilots_for_public()
        .exclude(pk__in=pilots_of_own_organization(user).values("pk"))
        .order_by("-approval_date", "name")
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
    # The latest "passed" moves, newest first, read from their index until ``limit`` pilots
    # that are still passed are found (a pilot passed twice, or revoked since, is skipped).
    moves = (
        PilotTransition.objects.filter(
            to_status=PilotStatus.PASSED, pilot__status=PilotStatus.PASSED
        )
        .order_by("-occurred_on", "-recorded")
        .values_list("pilot_id", "occurred_on")
    )
    passed_on: dict[int, datetime.date] = {}
    for pilot_id, occurred_on in moves[: limit * 4]:
        passed_on.setdefault(pilot_id, occurred_on)
        if len(passed_on) == limit:
            break
    pilots = pilots_for_public().in_bulk(list(passed_on))
    for pilot_id, day in passed_on.items():
        pilots[pilot_id].passed_on = day
    return sorted(pilots.values(), key=lambda pilot: (-pilot.passed_on.toordinal(), pilot.name))


def pilots_of_organization(organization) -> QuerySet[PilotProject]:
    return (
        PilotProject.objects.select_related("region")
        .filter(Q(lead_organization=organization) | Q(participants=organization))
        .distinct()
        .order_by("-approval_date", "name")
    )


def pilot_timeline(pilot: PilotProject) -> QuerySet[PilotTransition]:
    """The pilot's moves, newest first by the date each took effect, then by when it was
    recorded (a paper record entered late still reads in its place)."""
    return pilot.transitions.select_related("actor").order_by("-occurred_on", "-recorded", "-pk")


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


# How many photos an activity has, counted for the rows shown only.
PHOTO_COUNT = SubqueryCount(Photo.objects.filter(activity=OuterRef("pk")).values("pk"))


def activities_for_user(user: User) -> QuerySet[Activity]:
    activities = (
        Activity.objects.select_related("pilot", "organizer")
        .annotate(photo_count=PHOTO_COUNT)
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
        .annotate(photo_count=PHOTO_COUNT)
        .order_by("-date", "-pk")
    )


def pilot_photos(pilot: PilotProject) -> QuerySet[Photo]:
    return Photo.objects.filter(activity__pilot=pilot).select_related("activity")


def pilot_documents(pilot: PilotProject) -> QuerySet[PilotDocument]:
    return pilot.documents.select_related("uploaded_by")


def standards_for_list(user: User) -> QuerySet[Standard]:
    """Every standard, with ``pilot_count``: how many of the pilots the user may open or the
    public pilots use it (the same pilots as ``pilots_using_standard``)."""
    uses = PilotStandard.objects.filter(standard=OuterRef("pk"))
    if not is_bureau_staff(user):
        uses = uses.filter(
            Q(pilot__in=pilots_for_user(user).values("pk")) | Q(pilot__status__in=PUBLIC_STATUSES)
        )
    return Standard.objects.annotate(
        pilot_count=SubqueryCount(uses.values("pilot").distinct())
    ).order_by("designation")


def pilots_using_standard(standard: Standard, user: User) -> QuerySet[PilotStandard]:
    """The standard's uses in the pilots the user may open (``opens_pilot``: linked to the
    pilot's page) and in the public pilots (linked to their public page); no other pilot."""
    opened = pilots_for_user(user)
    return (
        standard.uses.select_related("pilot", "pilot__lead_organization")
        .filter(Q(pilot__in=opened.values("pk")) | Q(pilot__status__in=PUBLIC_STATUSES))
        .annotate(opens_pilot=Exists(opened.filter(pk=OuterRef("pilot_id"))))
        .order_by("pilot__name")
    )


def date_of_status(pilot: PilotProject, status: str):
    """When the pilot last entered ``status`` (e.g. the date it passed), or None."""
    return (
        pilot.transitions.filter(to_status=status)
        .order_by("-occurred_on", "-recorded")
        .values_list("occurred_on", flat=True)
        .first()
    )


def last_move_date(pilot: PilotProject) -> datetime.date | None:
    """The date the pilot's latest recorded move took effect."""
    return pilot.transitions.order_by("-occurred_on").values_list("occurred_on", flat=True).first()


def pilot_organization_ids(pilot: PilotProject) -> set[int]:
    """The pilot's lead and participating organizations."""
    return {pilot.lead_organization_id, *pilot.participants.values_list("pk", flat=True)}


# --- acceptance reviews ---------------------------------------------------------------------


def reviews_for_user(user: User) -> QuerySet[AcceptanceReview]:
    """Staff see every review; a reviewer the reviews whose panel they sit on."""
    reviews = AcceptanceReview.objects.select_related(
        "pilot", "pilot__lead_organization", "organizer", "panel", "panel__template"
    ).order_by("-scheduled_for", "-pk")
    if is_bureau_staff(user):
        return reviews
    if not user.is_authenticated:
        return reviews.none()
    return reviews.filter(panel__members__reviewer=user, panel__members__removed=None)


def open_reviews_for_reviewer(user: User) -> QuerySet[AcceptanceReview]:
    """Reviews not yet concluded whose panel the reviewer sits on."""
    return AcceptanceReview.objects.filter(panel__in=open_panels_for_reviewer(user).values("pk"))


def pilot_reviews(pilot: PilotProject) -> QuerySet[AcceptanceReview]:
    return pilot.reviews.select_related("organizer", "panel", "panel__template").order_by(
        "-scheduled_for"
    )


def open_review(pilot: PilotProject) -> AcceptanceReview | None:
    """The pilot's review that has not concluded yet (there is at most one), or None."""
    return (
        pilot.reviews.exclude(panel__status=PanelStatus.CONCLUDED)
        .select_related("panel")
        .order_by("-scheduled_for", "-pk")
        .first()
    )


# --- deleting -------------------------------------------------------------------------------


@dataclass
class PilotDeletion:
    """What deleting a pilot would do: what holds it back (``references``, ``decisions``), and
    what would go with it (``parts``: counts by accessor name, activities only unlinked)."""

    references: list[References]
    decisions: list[PilotTransition]
    parts: dict[str, int]


def pilot_deletion(pilot: PilotProject) -> PilotDeletion:
    return PilotDeletion(
        references=references_to(pilot, parts=PILOT_PARTS),
        decisions=list(
            pilot.transitions.filter(to_status__in=DECISION_STATUSES).order_by(
                "occurred_on", "recorded", "pk"
            )
        ),
        parts=parts_of(pilot, PILOT_PARTS),
    )
