"""Everything in the pilots app that writes several rows, changes a state or stores files."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pilots.enums import (
    PILOT_TRANSITIONS,
    REVIEW_TRANSITIONS,
    Declaration,
    PilotStatus,
    ReviewStatus,
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
    PilotTransition,
    ReviewEvent,
)
from portal import notifications
from portal.attachments import process_photo
from portal.enums import SHEET_TRANSITIONS, Role, SheetStatus
from portal.models import Organization, ScoringTemplate, User
from portal.rules import is_reviewer
from portal.scoring import aggregate
from portal.selectors import template_leaves, template_problems
from portal.services import IllegalTransition, check_transition, freeze_template

__all__ = ["IllegalTransition"]


def _status_label(value: str) -> str:
    return str(PilotStatus(value).label)


@transaction.atomic
def create_pilot(
    *,
    pilot: PilotProject,
    participants: list[Organization],
    actor: User,
    declared_on: datetime.date | None = None,
) -> PilotProject:
    """Save a new pilot in the "declared" state and start its timeline.

    ``declared_on`` dates the declaration (a clerk entering paper records gives the real date).
    """
    today = timezone.localdate()
    if declared_on and declared_on > today:
        raise IllegalTransition(_("A status change cannot take effect in the future."))
    pilot.status = PilotStatus.DECLARED
    pilot.save()
    pilot.participants.set(participants)
    PilotTransition.objects.create(
        pilot=pilot,
        from_status="",
        to_status=PilotStatus.DECLARED,
        actor=actor,
        occurred_on=declared_on or today,
        note_code="entered",
    )
    return pilot


def last_move_date(pilot: PilotProject) -> datetime.date | None:
    """The date the pilot's latest recorded move took effect."""
    return pilot.transitions.order_by("-occurred_on").values_list("occurred_on", flat=True).first()


@transaction.atomic
def set_pilot_state(
    *,
    pilot: PilotProject,
    target: str,
    actor: User,
    comment: str = "",
    occurred_on: datetime.date | None = None,
    note: str = "",
    note_params: dict | None = None,
) -> PilotProject:
    """Move a pilot through its workflow (``PILOT_TRANSITIONS``).

    Refuses a move the table does not allow (IllegalTransition) or that the actor may not make
    (PermissionDenied) or dates it before the previous move; locks the row so that two clerks
    cannot move it at once; saves the status (and, on approval, the approval date if none is set);
    writes the transition record with the date the move took effect (today unless given; never in
    the future); tells the lead organization's members by e-mail after the commit.
    """
    pilot = PilotProject.objects.select_for_update().get(pk=pilot.pk)
    if not actor.has_perm("pilots.move_pilotproject", pilot):
        raise PermissionDenied
    check_transition(PILOT_TRANSITIONS, pilot.status, target, label=_status_label)
    today = timezone.localdate()
    occurred_on = occurred_on or today
    if occurred_on > today:
        raise IllegalTransition(_("A status change cannot take effect in the future."))
    last = last_move_date(pilot)
    if last is not None and occurred_on < last:
        raise IllegalTransition(
            _("A status change cannot be dated before the previous one (%(date)s).")
            % {"date": last.isoformat()}
        )
    previous = pilot.status
    pilot.status = target
    fields = ["status", "modified"]
    if target == PilotStatus.APPROVED and pilot.approval_date is None:
        pilot.approval_date = occurred_on
        fields.append("approval_date")
    pilot.save(update_fields=fields)
    PilotTransition.objects.create(
        pilot=pilot,
        from_status=previous,
        to_status=target,
        actor=actor,
        occurred_on=occurred_on,
        note_code=note,
        note_params=note_params or {},
        comment=comment,
    )
    members = User.objects.filter(membership__organization=pilot.lead_organization, is_active=True)
    notifications.notify_users(
        members,
        "pilot_status_changed",
        {
            "pilot": pilot,
            "status": _status_label(target),
            "comment": comment,
            "path": reverse("pilots:pilot-detail", args=[pilot.pk]),
        },
    )
    return pilot


@transaction.atomic
def add_photos(
    *, activity: Activity, files: list, captions: list[str] | None = None, actor: User
) -> list[Photo]:
    """Store validated photos of an activity without their metadata, each with a thumbnail.

    The files must have passed ``portal.attachments.validate_photo`` (the form field does it).
    Either every photo is stored or, on an error, none is (files written so far are removed).
    """
    captions = captions or []
    photos, written = [], []
    try:
        for index, uploaded in enumerate(files):
            processed = process_photo(uploaded)
            photo = Photo(
                activity=activity,
                width=processed.width,
                height=processed.height,
                caption=captions[index] if index < len(captions) else "",
                original_name=uploaded.name[:200],
                uploaded_by=actor,
            )
            photo.image.save(processed.image.name, processed.image, save=False)
            written.append(photo.image)
            photo.thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
            written.append(photo.thumbnail)
            photo.save()
            photos.append(photo)
    except Exception:
        _remove_files(*written)
        raise
    return photos


@transaction.atomic
def attach_document(
    *, pilot: PilotProject, kind: str, title: str, uploaded, actor: User
) -> PilotDocument:
    """Store a validated document (``portal.attachments.validate_document``) of a pilot."""
    document = PilotDocument(
        pilot=pilot,
        kind=kind,
        title=title,
        original_name=uploaded.name[:200],
        size=uploaded.size,
        uploaded_by=actor,
    )
    document.file.save(uploaded.name, uploaded, save=False)
    try:
        document.save()
    except Exception:
        _remove_files(document.file)
        raise
    return document


@transaction.atomic
def delete_photo(*, photo: Photo) -> None:
    """Delete the photo's row, then its files once the deletion is committed."""
    files = [photo.image, photo.thumbnail]
    photo.delete()
    transaction.on_commit(lambda: _remove_files(*files))


@transaction.atomic
def delete_document(*, document: PilotDocument) -> None:
    """Delete the document's row, then its file once the deletion is committed."""
    file = document.file
    document.delete()
    transaction.on_commit(lambda: _remove_files(file))


def _remove_files(*files) -> None:
    for file in files:
        if file.name:
            file.storage.delete(file.name)


# --- acceptance reviews ---------------------------------------------------------------------


class ReviewError(Exception):
    """A review action that cannot be done as asked; the message says why."""


class IncompleteSheet(ReviewError):
    """A sheet submitted with items left unscored; ``codes`` lists them."""

    def __init__(self, codes: list[str]):
        self.codes = codes
        super().__init__(
            _("Score every item before submitting; still empty: %(codes)s.")
            % {"codes": ", ".join(codes)}
        )


def _review_label(value: str) -> str:
    return str(ReviewStatus(value).label)


def _review_event(
    review, actor, to_status, note="", comment="", from_status=None, occurred_on=None, **params
):
    ReviewEvent.objects.create(
        review=review,
        from_status=review.status if from_status is None else from_status,
        to_status=to_status,
        actor=actor,
        occurred_on=occurred_on or timezone.localdate(),
        note_code=note,
        note_params={key: str(value) for key, value in params.items()},
        comment=comment,
    )


def pilot_organization_ids(pilot: PilotProject) -> set[int]:
    return {pilot.lead_organization_id, *pilot.participants.values_list("pk", flat=True)}


def conflicted_reviewers(pilot: PilotProject, reviewers) -> list[User]:
    """Reviewers employed by the pilot's lead or a participating organization."""
    organization_ids = pilot_organization_ids(pilot)
    return [
        reviewer
        for reviewer in reviewers
        if getattr(getattr(reviewer, "reviewer_profile", None), "employer_id", None)
        in organization_ids
    ]


def _check_panel(pilot, reviewers) -> None:
    not_reviewers = [user for user in reviewers if not is_reviewer(user)]
    if not_reviewers:
        raise ReviewError(
            _("Only expert reviewers can sit on a panel: %(names)s.")
            % {"names": "、".join(user.get_full_name() for user in not_reviewers)}
        )
    conflicted = conflicted_reviewers(pilot, reviewers)
    if conflicted:
        raise ReviewError(
            _(
                "%(names)s cannot review this pilot: they work for its lead or a participating "
                "organization (conflict of interest)."
            )
            % {"names": "、".join(user.get_full_name() for user in conflicted)}
        )


@transaction.atomic
def schedule_review(
    *,
    pilot: PilotProject,
    scheduled_for: datetime.date,
    organizer: Organization,
    methods: list[str],
    template: ScoringTemplate,
    reviewers: list[User],
    chair: User,
    actor: User,
) -> AcceptanceReview:
    """Schedule an acceptance review of a pilot whose acceptance was requested.

    Checks the panel (reviewers only, none employed by the pilot's organizations, the chair among
    them), freezes the scoring template, writes the review's first event and tells each reviewer.
    """
    pilot = PilotProject.objects.select_for_update().get(pk=pilot.pk)
    if pilot.status != PilotStatus.ACCEPTANCE_REQUESTED:
        raise ReviewError(
            _("A review can be scheduled only when the pilot's acceptance has been requested.")
        )
    if template_problems(template):
        raise ReviewError(_("This scoring template's points do not add up; correct it first."))
    if chair not in reviewers:
        raise ReviewError(_("The chair must be one of the panel's reviewers."))
    _check_panel(pilot, reviewers)
    review = AcceptanceReview.objects.create(
        pilot=pilot,
        scheduled_for=scheduled_for,
        organizer=organizer,
        methods=list(methods),
        template=template,
    )
    PanelMember.objects.bulk_create(
        PanelMember(review=review, reviewer=reviewer, is_chair=reviewer == chair)
        for reviewer in reviewers
    )
    freeze_template(template=template)
    _review_event(review, actor, ReviewStatus.SCHEDULED, from_status="")
    notifications.notify_users(
        reviewers,
        "review_assigned",
        {"review": review, "path": reverse("pilots:review-detail", args=[review.pk])},
    )
    return review


@transaction.atomic
def add_panel_member(*, review: AcceptanceReview, reviewer: User, actor: User) -> PanelMember:
    review = AcceptanceReview.objects.select_for_update().get(pk=review.pk)
    if review.status == ReviewStatus.CONCLUDED:
        raise ReviewError(_("The review is concluded; its panel can no longer change."))
    _check_panel(review.pilot, [reviewer])
    member, created = PanelMember.objects.get_or_create(review=review, reviewer=reviewer)
    if not created:
        if member.is_active:
            raise ReviewError(_("%(name)s is on the panel already.") % {"name": reviewer})
        member.removed, member.removal_reason = None, ""
        member.declaration, member.declared = Declaration.PENDING, None
        member.save(update_fields=["removed", "removal_reason", "declaration", "declared"])
    _review_event(review, actor, review.status, note="joined", name=reviewer)
    notifications.notify_users(
        [reviewer],
        "review_assigned",
        {"review": review, "path": reverse("pilots:review-detail", args=[review.pk])},
    )
    return member


@transaction.atomic
def remove_panel_member(*, member: PanelMember, reason: str, actor: User | None) -> PanelMember:
    """Take a reviewer off the panel with a reason; their sheet no longer counts."""
    member = PanelMember.objects.select_for_update().select_related("review").get(pk=member.pk)
    if member.review.status == ReviewStatus.CONCLUDED:
        raise ReviewError(_("The review is concluded; its panel can no longer change."))
    if not member.is_active:
        raise ReviewError(_("This reviewer has been removed already."))
    member.removed = timezone.now()
    member.removal_reason = reason
    member.save(update_fields=["removed", "removal_reason"])
    _review_event(
        member.review,
        actor or member.reviewer,
        member.review.status,
        note="left",
        comment=reason,
        name=member.reviewer,
    )
    return member


@transaction.atomic
def declare_interest(
    *, member: PanelMember, conflict: bool, note: str = "", actor: User
) -> PanelMember:
    """The reviewer's declaration. No conflict opens the pilot's documents and, once scoring has
    started, their score sheet; a declared conflict takes them off the panel and tells staff."""
    member = PanelMember.objects.select_for_update().select_related("review").get(pk=member.pk)
    if member.reviewer_id != actor.pk or not member.is_active:
        raise PermissionDenied
    if member.declaration != Declaration.PENDING:
        raise ReviewError(_("You have declared already."))
    member.declaration = Declaration.CONFLICT if conflict else Declaration.NO_CONFLICT
    member.declared = timezone.now()
    member.declaration_note = note
    member.save(update_fields=["declaration", "declared", "declaration_note"])
    if conflict:
        remove_panel_member(
            member=member,
            reason=_("Declared a conflict of interest: %(note)s") % {"note": note},
            actor=actor,
        )
        staff = User.objects.filter(groups__name=Role.BUREAU_STAFF, is_active=True)
        notifications.notify_users(
            staff,
            "review_conflict_declared",
            {
                "member": member,
                "review": member.review,
                "note": note,
                "path": reverse("pilots:review-detail", args=[member.review_id]),
            },
        )
    else:
        _review_event(member.review, actor, member.review.status, note="no_conflict", name=actor)
        if member.review.status == ReviewStatus.SCORING:
            AcceptanceScoreSheet.objects.get_or_create(panel_member=member)
    return member


@transaction.atomic
def start_scoring(*, review: AcceptanceReview, actor: User) -> AcceptanceReview:
    """Open the score sheets: every member who declared no conflict gets one now, the others as
    soon as they declare."""
    review = AcceptanceReview.objects.select_for_update().get(pk=review.pk)
    check_transition(REVIEW_TRANSITIONS, review.status, ReviewStatus.SCORING, label=_review_label)
    if not review.panel.filter(removed=None).exists():
        raise ReviewError(_("The panel has no reviewers."))
    _review_event(review, actor, ReviewStatus.SCORING)
    review.status = ReviewStatus.SCORING
    review.save(update_fields=["status", "modified"])
    for member in review.panel.filter(removed=None, declaration=Declaration.NO_CONFLICT):
        AcceptanceScoreSheet.objects.get_or_create(panel_member=member)
    return review


@transaction.atomic
def save_sheet(
    *,
    sheet: AcceptanceScoreSheet,
    scores: dict[int, tuple[Decimal | None, str]],
    actor: User,
    submit: bool = False,
) -> AcceptanceScoreSheet:
    """Save a reviewer's item scores (``{criterion id: (points, comment)}``), as a draft or
    submitted.

    Locks the sheet row, so two requests for one sheet run one after the other: a second submit
    finds the sheet submitted and is refused, and nothing is saved twice. Points are checked
    again here (0 to the item's maximum); submitting needs every item scored and stores the
    total. Only the sheet's reviewer may save, only while it is a draft and scoring is open.
    """
    sheet = (
        AcceptanceScoreSheet.objects.select_for_update()
        .select_related("panel_member__review__template")
        .get(pk=sheet.pk)
    )
    if not actor.has_perm("pilots.change_acceptancescoresheet", sheet):
        if sheet.status == SheetStatus.SUBMITTED:
            raise ReviewError(_("This sheet has been submitted and can no longer change."))
        raise PermissionDenied
    leaves = {
        criterion.pk: criterion for criterion in template_leaves(sheet.panel_member.review.template)
    }
    unknown = set(scores) - set(leaves)
    if unknown:
        raise ReviewError(_("The sheet contains items that are not in its template."))
    for criterion_id, (points, comment) in scores.items():
        criterion = leaves[criterion_id]
        if points is not None and not (0 <= points <= criterion.max_points):
            raise ReviewError(
                _("%(code)s: points must be between 0 and %(max)s.")
                % {"code": criterion.code, "max": criterion.max_points}
            )
        AcceptanceItemScore.objects.update_or_create(
            sheet=sheet,
            criterion=criterion,
            defaults={"points": points, "comment": comment},
        )
    if submit:
        points = dict(sheet.items.values_list("criterion_id", "points"))
        missing = [criterion.code for pk, criterion in leaves.items() if points.get(pk) is None]
        if missing:
            raise IncompleteSheet(missing)
        check_transition(SHEET_TRANSITIONS, sheet.status, SheetStatus.SUBMITTED, label=_sheet_label)
        sheet.total = sum(points.values(), Decimal(0))
        sheet.status = SheetStatus.SUBMITTED
        sheet.submitted = timezone.now()
        sheet.save(update_fields=["total", "status", "submitted", "modified"])
        _review_event(
            sheet.panel_member.review,
            actor,
            sheet.panel_member.review.status,
            note="submitted",
            name=actor,
        )
    else:
        sheet.save(update_fields=["modified"])
    return sheet


def _sheet_label(value: str) -> str:
    return str(SheetStatus(value).label)


@transaction.atomic
def reopen_sheet(*, sheet: AcceptanceScoreSheet, reason: str, actor: User) -> AcceptanceScoreSheet:
    """Staff give a submitted sheet back to its reviewer, with the reason recorded."""
    sheet = (
        AcceptanceScoreSheet.objects.select_for_update()
        .select_related("panel_member__review", "panel_member__reviewer")
        .get(pk=sheet.pk)
    )
    if not actor.has_perm("pilots.reopen_acceptancescoresheet", sheet):
        raise PermissionDenied
    if sheet.panel_member.review.status != ReviewStatus.SCORING:
        raise ReviewError(_("Sheets can be reopened only while the review is being scored."))
    check_transition(SHEET_TRANSITIONS, sheet.status, SheetStatus.DRAFT, label=_sheet_label)
    sheet.status = SheetStatus.DRAFT
    sheet.total = None
    sheet.submitted = None
    sheet.save(update_fields=["status", "total", "submitted", "modified"])
    _review_event(
        sheet.panel_member.review,
        actor,
        sheet.panel_member.review.status,
        note="reopened",
        comment=reason,
        name=sheet.panel_member.reviewer,
    )
    notifications.notify_users(
        [sheet.panel_member.reviewer],
        "sheet_reopened",
        {"sheet": sheet, "reason": reason, "path": sheet.get_absolute_url()},
    )
    return sheet


def panel_result(review: AcceptanceReview):
    """The panel's result from the submitted sheets of its active members (scoring.aggregate)."""
    totals = list(
        AcceptanceScoreSheet.objects.filter(
            panel_member__review=review,
            panel_member__removed=None,
            status=SheetStatus.SUBMITTED,
        )
        .order_by("panel_member__pk")
        .values_list("total", flat=True)
    )
    template = review.template
    return aggregate(
        totals,
        rule=template.aggregation,
        pass_mark=template.pass_mark,
        template_total=template.total_points,
    )


@transaction.atomic
def conclude_review(
    *,
    review: AcceptanceReview,
    opinion: str,
    actor: User,
    concluded_on: datetime.date | None = None,
) -> AcceptanceReview:
    """Conclude the review: every active member's sheet must be submitted. Stores the panel score
    and result with the chair's opinion, then moves the pilot to passed or failed through the
    pilot workflow (``set_pilot_state``), dated the day the review concluded."""
    review = (
        AcceptanceReview.objects.select_for_update().select_related("template").get(pk=review.pk)
    )
    check_transition(REVIEW_TRANSITIONS, review.status, ReviewStatus.CONCLUDED, label=_review_label)
    active = review.panel.filter(removed=None)
    if not active.exists():
        raise ReviewError(_("The panel has no reviewers."))
    waiting = [
        member.reviewer.get_full_name()
        for member in active.select_related("reviewer", "sheet")
        if getattr(getattr(member, "sheet", None), "status", None) != SheetStatus.SUBMITTED
    ]
    if waiting:
        raise ReviewError(
            _(
                "Waiting for the sheets of %(names)s: each must be submitted, or the reviewer "
                "removed from the panel with a reason."
            )
            % {"names": "、".join(waiting)}
        )
    outcome = panel_result(review)
    concluded_on = concluded_on or timezone.localdate()
    review.panel_score = outcome.score
    review.passed = outcome.passed
    review.opinion = opinion
    review.concluded_on = concluded_on
    _review_event(review, actor, ReviewStatus.CONCLUDED, occurred_on=concluded_on)
    review.status = ReviewStatus.CONCLUDED
    review.save(
        update_fields=["panel_score", "passed", "opinion", "concluded_on", "status", "modified"]
    )
    review.pilot = set_pilot_state(
        pilot=review.pilot,
        target=PilotStatus.PASSED if outcome.passed else PilotStatus.FAILED,
        actor=actor,
        occurred_on=concluded_on,
        note="review_concluded",
        note_params={"score": str(outcome.score)},
    )
    return review
