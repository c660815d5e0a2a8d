"""What the award application services share: their errors, the row lock, the permission
check, the move (state, record) and the notifications to the applicant's members and the
bureau's staff."""

import datetime

from django.core.exceptions import PermissionDenied

from brands.enums import (
    APPLICATION_TRANSITIONS,
    ApplicationStatus,
)
from brands.models import (
    ApplicationTransition,
    AwardApplication,
)
from portal import notifications
from portal.enums import Role
from portal.models import User
from portal.workflow import DomainError, check_transition, record_transition


class ApplicationError(DomainError):
    """An application action that cannot be done as asked; the message says why."""


def lock(application: AwardApplication) -> AwardApplication:
    return (
        AwardApplication.objects.select_for_update(of=("self",))
        .select_related("program", "organization")
        .get(pk=application.pk)
    )


def require(actor: User, permission: str, application: AwardApplication) -> None:
    if not actor.has_perm(permission, application):
        raise PermissionDenied


def move(
    application: AwardApplication,
    target: str,
    *,
    actor: User,
    fields: tuple[str, ...] = (),
    note: str = "",
    note_params: dict | None = None,
    comment: str = "",
    occurred_on: datetime.date | None = None,
) -> None:
    """Save ``application`` in ``target`` (with ``fields``) and record the move."""
    check_transition(APPLICATION_TRANSITIONS, application.status, target)
    previous = application.status
    application.status = target
    application.save(update_fields=["status", "modified", *fields])
    record_transition(
        ApplicationTransition,
        application=application,
        actor=actor,
        from_status=previous,
        to_status=target,
        occurred_on=occurred_on,
        note=note,
        note_params=note_params,
        comment=comment,
    )


def members(application: AwardApplication):
    return User.objects.filter(membership__organization=application.organization_id)


def staff_users():
    return User.objects.filter(groups__name=Role.BUREAU_STAFF)


def tell_applicant(application: AwardApplication, comment: str = "") -> None:
    notifications.notify_users(
        members(application),
        "application_status_changed",
        {
            "application": application,
            "status": str(ApplicationStatus(application.status).label),
            "comment": comment,
            "path": application.get_absolute_url(),
        },
    )


def tell_staff(application: AwardApplication, template: str, **context) -> None:
    notifications.notify_users(
        staff_users(),
        template,
        {"application": application, "path": application.get_absolute_url(), **context},
    )
