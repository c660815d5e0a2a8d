"""Everything in the pilots app that writes several rows, changes a state or stores files."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pilots.enums import PILOT_TRANSITIONS, PilotStatus
from pilots.models import Activity, Photo, PilotDocument, PilotProject, PilotTransition
from portal import notifications
from portal.attachments import process_photo
from portal.models import Organization, User
from portal.services import IllegalTransition, check_transition

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
        comment=_("Entered in the register."),
    )
    return pilot


@transaction.atomic
def set_pilot_state(
    *,
    pilot: PilotProject,
    target: str,
    actor: User,
    comment: str = "",
    occurred_on: datetime.date | None = None,
) -> PilotProject:
    """Move a pilot through its workflow (``PILOT_TRANSITIONS``).

    Refuses a move the table does not allow (IllegalTransition) or that the actor may not make
    (PermissionDenied); locks the row so that two clerks cannot move it at once; saves the status;
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
    previous = pilot.status
    pilot.status = target
    pilot.save(update_fields=["status", "modified"])
    PilotTransition.objects.create(
        pilot=pilot,
        from_status=previous,
        to_status=target,
        actor=actor,
        occurred_on=occurred_on,
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
