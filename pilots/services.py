"""Everything in the pilots app that writes several rows, changes a state or stores files."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pilots.dates import check_pilot_dates, declaration_date
from pilots.enums import PILOT_TRANSITIONS, PilotStatus
from pilots.models import (
    AcceptanceReview,
    Activity,
    Photo,
    PilotDocument,
    PilotProject,
    PilotTransition,
)
from pilots.selectors import last_move_date, open_review, pilot_organization_ids
from portal import notifications
from portal.attachments import store_photos
from portal.models import Organization, User
from portal.workflow import DomainError, IllegalTransition, check_transition, record_transition
from scoring.models import ScoringTemplate
from scoring.services import conclude_panel, create_panel, notify_panel_assigned


class ReviewError(DomainError):
    """A review action that cannot be done as asked; the message says why."""


class PilotKept(DomainError):
    """A pilot that cannot be deleted: records refer to it, or its timeline records a decision."""


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
    The dates follow ``pilots.dates`` (``PilotDateError``): no approval date yet — the approve
    move sets it — and no planned completion before the declaration.
    """
    today = timezone.localdate()
    if declared_on and declared_on > today:
        raise IllegalTransition(_("A status change cannot take effect in the future."))
    check_pilot_dates(
        status=PilotStatus.DECLARED,
        declared_on=declared_on or today,
        approval_date=pilot.approval_date,
        planned_completion=pilot.planned_completion,
    )
    pilot.status = PilotStatus.DECLARED
    pilot.save()
    pilot.participants.set(participants)
    record_transition(
        PilotTransition,
        pilot=pilot,
        actor=actor,
        from_status="",
        to_status=PilotStatus.DECLARED,
        occurred_on=declared_on or today,
        note="entered",
    )
    return pilot


# The moves that record a pilot's result: while a review is open, only its conclusion makes them.
RESULTS_OF_REVIEW = {PilotStatus.PASSED, PilotStatus.FAILED}


def result_awaits_review_message(review: AcceptanceReview) -> str:
    return _(
        "The acceptance review of %(date)s is open: the pilot's result comes from its "
        "conclusion, not from a move."
    ) % {"date": review.scheduled_for.isoformat()}


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
    (PermissionDenied) or dates it before the previous move; refuses "passed" and "failed" while
    an acceptance review of the pilot is open (ReviewError): its result then comes only from the
    review's conclusion (``conclude_review`` concludes the panel first, then moves the pilot);
    locks the row so that two clerks cannot move it at once; saves the status (and, on approval,
    the approval date: the date of the move, within the rules of ``pilots.dates``); writes the
    transition record with the date the move took effect (today unless given; never in the
    future); tells the lead organization's members by e-mail after the commit.
    """
    pilot = PilotProject.objects.select_for_update().get(pk=pilot.pk)
    if not actor.has_perm("pilots.move_pilotproject", pilot):
        raise PermissionDenied
    check_transition(PILOT_TRANSITIONS, pilot.status, target)
    if target in RESULTS_OF_REVIEW:
        review = open_review(pilot)
        if review is not None:
            raise ReviewError(result_awaits_review_message(review))
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
    if target == PilotStatus.APPROVED:
        check_pilot_dates(
            status=target,
            declared_on=declaration_date(pilot),
            approval_date=occurred_on,
            planned_completion=pilot.planned_completion,
        )
        pilot.approval_date = occurred_on
        fields.append("approval_date")
    pilot.save(update_fields=fields)
    record_transition(
        PilotTransition,
        pilot=pilot,
        actor=actor,
        from_status=previous,
        to_status=target,
        occurred_on=occurred_on,
        note=note,
        note_params=note_params,
        comment=comment,
    )
    members = User.objects.filter(membership__organization=pilot.lead_organization, is_active=True)
    notifications.notify_users(
        members,
        "pilot_status_changed",
        {
            "pilot": pilot,
            "status": str(PilotStatus(target).label),
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
    # ``store_photos`` makes the records in the order of the files: one caption each, in turn.
    captions = iter([*(captions or [])[: len(files)], *[""] * len(files)])
    photos = store_photos(
        files,
        lambda processed, upload: Photo(
            activity=activity,
            width=processed.width,
            height=processed.height,
            caption=next(captions),
            original_name=upload.name[:200],
            uploaded_by=actor,
        ),
    )
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
def delete_activity(*, activity: Activity) -> None:
    """Delete an activity with its photos; the photos' files go once the deletion is
    committed (``delete_photo``)."""
    for photo in activity.photos.all():
        delete_photo(photo=photo)
    activity.delete()


@transaction.atomic
def delete_document(*, document: PilotDocument) -> None:
    """Delete the document's row, then its file once the deletion is committed."""
    file = document.file
    document.delete()
    transaction.on_commit(lambda: _remove_files(file))


@transaction.atomic
def delete_pilot(*, pilot: PilotProject, actor: User) -> None:
    """Delete a pilot with its parts (``pilots.rules.PILOT_PARTS``): its timeline, the entries of
    its standard system and its documents, whose files go once the deletion is committed; its
    activities are kept without the link to it.

    Locks the pilot's row (a review cannot be scheduled meanwhile). Refused to all but staff
    (PermissionDenied) and, with ``PilotKept``, while anything else refers to the pilot (its
    acceptance reviews) or its timeline records a decision (passed, failed, revoked): such a
    pilot is revoked, not deleted.
    """
    pilot = PilotProject.objects.select_for_update().get(pk=pilot.pk)
    if not actor.has_perm("pilots.change_pilotproject", pilot):
        raise PermissionDenied
    if not actor.has_perm("pilots.delete_pilotproject", pilot):
        raise PilotKept(
            _(
                "%(name)s cannot be deleted: its acceptance reviews or the decisions in its "
                "timeline would be lost."
            )
            % {"name": pilot.name}
        )
    for document in pilot.documents.all():
        delete_document(document=document)
    pilot.delete()


def _remove_files(*files) -> None:
    for file in files:
        if file.name:
            file.storage.delete(file.name)


# --- acceptance reviews ---------------------------------------------------------------------


def scheduling_refusal(pilot: PilotProject) -> str:
    """Why no review of the pilot can be scheduled now ("" when one can): its acceptance has
    not been requested, or a review of it is open already."""
    if pilot.status != PilotStatus.ACCEPTANCE_REQUESTED:
        return _("A review can be scheduled only when the pilot's acceptance has been requested.")
    review = open_review(pilot)
    if review is not None:
        return _(
            "The acceptance review of %(date)s is still open: conclude it before scheduling "
            "another."
        ) % {"date": review.scheduled_for.isoformat()}
    return ""


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
    occurred_on: datetime.date | None = None,
) -> AcceptanceReview:
    """Schedule an acceptance review of a pilot whose acceptance was requested.

    Refused (ReviewError) unless the pilot's acceptance has been requested, while another review
    of the pilot is open (one open review per pilot), and when the review is dated before the
    acceptance request. Its panel is made by ``scoring.services.create_panel`` (reviewers only,
    none employed by the pilot's lead or participating organizations, the chair among them; the
    template frozen), its record starting on ``occurred_on`` (today unless staff entering a
    paper record give the day it was scheduled: not in the future, not before the acceptance
    request); each reviewer is told by e-mail after the commit.
    """
    pilot = PilotProject.objects.select_for_update().get(pk=pilot.pk)
    refusal = scheduling_refusal(pilot)
    if refusal:
        raise ReviewError(refusal)
    requested = last_move_date(pilot)
    if requested is not None and scheduled_for < requested:
        raise ReviewError(
            _("The review cannot be dated before the acceptance request (%(date)s).")
            % {"date": requested.isoformat()}
        )
    if occurred_on is not None and requested is not None and occurred_on < requested:
        raise ReviewError(
            _("The review cannot be scheduled before the acceptance request (%(date)s).")
            % {"date": requested.isoformat()}
        )
    panel = create_panel(
        template=template,
        reviewers=reviewers,
        chair=chair,
        organization_ids=pilot_organization_ids(pilot),
        actor=actor,
        occurred_on=occurred_on,
    )
    review = AcceptanceReview.objects.create(
        pilot=pilot,
        panel=panel,
        scheduled_for=scheduled_for,
        organizer=organizer,
        methods=list(methods),
    )
    notify_panel_assigned(panel=panel, reviewers=reviewers)
    return review


@transaction.atomic
def conclude_review(
    *,
    review: AcceptanceReview,
    opinion: str,
    actor: User,
    concluded_on: datetime.date | None = None,
) -> AcceptanceReview:
    """Conclude the review: ``conclude_panel`` (every active member's sheet submitted; score,
    result and the chair's opinion stored), then the pilot moves to passed or failed through
    ``set_pilot_state``, dated the day the review concluded, in the same transaction. The
    conclusion cannot be dated before the review itself."""
    concluded_on = concluded_on or timezone.localdate()
    if concluded_on < review.scheduled_for:
        raise ReviewError(
            _("The review cannot conclude before its own date (%(date)s).")
            % {"date": review.scheduled_for.isoformat()}
        )
    review.panel = conclude_panel(
        panel=review.panel, opinion=opinion, actor=actor, concluded_on=concluded_on
    )
    review.pilot = set_pilot_state(
        pilot=review.pilot,
        target=PilotStatus.PASSED if review.panel.passed else PilotStatus.FAILED,
        actor=actor,
        occurred_on=concluded_on,
        note="review_concluded",
        note_params={"score": review.panel.score},
    )
    return review
